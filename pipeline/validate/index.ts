// The validate stage: what fetch stored, read, mapped to canonical columns and checked row by row
// against the dataset's JSON Schema; the valid rows stored as the dataset's snapshot.
export { loadRowSchema } from './load-schema.ts';
export { validateDataset, validateDatasetWithMeta, validateFile, type ValidateContext } from './validate-dataset.ts';
export { validateRecords, validateRows, type ValidationResult } from './validate-rows.ts';
export { VALIDATE_CODE, VALIDATE_LIBRARIES, codeFingerprint } from './code-fingerprint.ts';
export { type FileDigest } from './file-digest.ts';
export { schemaHash } from './schema-cache.ts';
export { readReuse, recordReuse, reusable, reuseKey, type ReuseRecord } from './snapshot-reuse.ts';
