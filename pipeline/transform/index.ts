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
