// The validate stage: what fetch stored, read, mapped to canonical columns and checked row by row
// against the dataset's JSON Schema; the valid rows stored as the dataset's snapshot. One
// entrance, `validate(input, options, effects)` (validate.ts), which never fetches.
export { validate, type ValidateInput, type ValidateOptions } from './validate.ts';
export { loadRowSchema } from './load-schema.ts';
export { type ValidationResult } from './validate-rows.ts';
export { VALIDATE_CODE, VALIDATE_LIBRARIES, codeFingerprint } from './code-fingerprint.ts';
export { type FileDigest } from './file-digest.ts';
export { schemaHash } from './schema-cache.ts';
export { readReuse, recordReuse, reusable, reuseKey, type ReuseRecord } from './snapshot-reuse.ts';
// Column reading, shared with `new dataset --from` and `check` so they read data as validate does.
export { makeCoercer, type Coercer, type Coerced } from './coerce.ts';
export { compileDateFormat, DateFormatError, parseIso } from './date-format.ts';
export { isEmptyMarker, parseNumber } from './parse-number.ts';
export { mapHeaders, HeaderMismatchError } from './header-map.ts';
export { typedRecords, ColumnSpecError } from './typed-records.ts';
export { formatFromName, openFile, openLocalSource } from './source-table.ts';
export { describeLocation } from './location.ts';
