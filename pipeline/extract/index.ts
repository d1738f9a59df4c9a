// Extract stage entry points for the CLI and the cycle: fetch one dataset (cadence, offline
// samples, raw cache, conditional GET) and read back what the last fetch stored.
export {
  fetchDataset, isSourceDataset, extractFingerprint, descriptorPath, displayPath, catalogInputPath, ExtractError,
  type FetchContext, type FetchOptions, type FetchResult,
} from './fetch-dataset.ts';
export { fetchIfMissing, storedFor } from './fetch-if-missing.ts';
export { isDue, nextDue } from './cadence.ts';
export { readRawEntry, openRecords, rawFile, type RawEntry, type RawInput } from './raw-cache.ts';
export { httpGet, isRetryable, HTTP_DEFAULTS, type HttpOptions, type HttpResult } from './http.ts';
export { HttpError, HttpStatusError, NetworkError, TimeoutError, TooLargeError, BadUrlError, RedirectLoopError, TruncatedBodyError } from './http-errors.ts';
export { CadenceError, addPeriod } from './cadence.ts';
export { maskSecrets } from './mask.ts';
export { SourceFileError, readTable, type ReadTableOptions, type TableSource } from './read-table.ts';
export { fetchSeoulOpenApi, seoulSampleTable, SEOUL_MAX_PAGE } from './seoul-openapi.ts';
// Readers as `new dataset --from` uses them, to look at a file the way fetch and validate read it.
export { byteOrderMark, DecodeError, StreamDecoder, type DetectedEncoding } from './decode.ts';
export { csvRows, guessDelimiter, type CsvRow } from './csv-rows.ts';
export { CsvError } from './csv-error.ts';
export { readXlsxSheets, sheetTable, XlsxError, type SheetGrid } from './xlsx.ts';
export { JsonError } from './json-records.ts';
export { isTotalsRow } from './totals.ts';
