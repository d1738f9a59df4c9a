// The transform stage: validated datasets as DuckDB tables, derived datasets computed from them.
export { runTransforms } from './run-transforms.ts';
export { transform, type TransformOptions } from './stage.ts';
export { openStore, type Store } from './store.ts';
export type { DerivedOutcome, TransformContext, TransformResult, ValidateFn } from './types.ts';
export {
  DependencyCycleError,
  DerivedColumnsError,
  DerivedDescriptorError,
  DerivedSqlError,
  DerivedValidationError,
  MissingSourceError,
  SnapshotLoadError,
  SnapshotMissingError,
} from './errors.ts';
export { queryCanonical } from './canonical-query.ts';
export { DISTRICT_COLUMNS, DUCKDB_TYPE, isColumnType } from '../column-types.ts';
export { messageOf } from './errors.ts';
export { readNdjsonSql } from './load-table.ts';
export { lockDown } from '../duckdb-lockdown.ts';
export { snapshotColumns } from './snapshot.ts';
export { quoteIdent } from '../sql-text.ts';
