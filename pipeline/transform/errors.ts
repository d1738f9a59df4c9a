import { CitydashError, InputError, quote } from '../errors.ts';
import type { DatasetDescriptor, ValidationReport } from '../types.ts';

// One class per way a derived dataset can fail. Each message starts with the descriptor file
// and the dataset id, so a department or CSO knows which YAML to open.

function where(ds: Pick<DatasetDescriptor, 'id' | 'file'>): string {
  return `${ds.file}: dataset ${quote(ds.id)}`;
}

/** A validated snapshot (NDJSON + meta) that a table should be loaded from is not there. */
export class SnapshotMissingError extends CitydashError {
  constructor(
    readonly dataset: string,
    readonly path: string,
  ) {
    super(`dataset ${quote(dataset)}`, `no validated snapshot at ${path}`);
    this.name = 'SnapshotMissingError';
  }
}

/** DuckDB could not read a snapshot file into a table (bad NDJSON, value not of the meta type). */
export class SnapshotLoadError extends CitydashError {
  constructor(
    readonly dataset: string,
    readonly path: string,
    detail: string,
  ) {
    super(`dataset ${quote(dataset)}`, `cannot load ${path}: ${detail}`);
    this.name = 'SnapshotLoadError';
  }
}

/** `from` lists form a loop; `cycle` starts and ends with the same id. */
export class DependencyCycleError extends InputError {
  constructor(
    ds: Pick<DatasetDescriptor, 'id' | 'file'>,
    readonly cycle: string[],
  ) {
    super(where(ds), `cycle in from: ${cycle.join(' -> ')}`);
    this.name = 'DependencyCycleError';
  }
}

/** A dataset named in `from` has no usable data this cycle. */
export class MissingSourceError extends InputError {
  constructor(
    ds: Pick<DatasetDescriptor, 'id' | 'file'>,
    readonly source: string,
    detail: string,
  ) {
    super(where(ds), `source ${quote(source)} ${detail}`);
    this.name = 'MissingSourceError';
  }
}

/** DuckDB rejected or failed the dataset's SQL; carries DuckDB's own message. */
export class DerivedSqlError extends InputError {
  constructor(ds: Pick<DatasetDescriptor, 'id' | 'file'>, detail: string) {
    super(where(ds), `SQL failed: ${detail}`);
    this.name = 'DerivedSqlError';
  }
}

/** The SQL result's columns do not match the descriptor's `columns`. */
export class DerivedColumnsError extends InputError {
  constructor(ds: Pick<DatasetDescriptor, 'id' | 'file'>, detail: string) {
    super(where(ds), detail);
    this.name = 'DerivedColumnsError';
  }
}

/** The computed rows did not pass the dataset's own schema. */
export class DerivedValidationError extends InputError {
  constructor(
    ds: Pick<DatasetDescriptor, 'id' | 'file'>,
    detail: string,
    readonly report?: ValidationReport,
  ) {
    super(where(ds), `validation failed: ${detail}`);
    this.name = 'DerivedValidationError';
  }
}

export { messageOf } from '../errors.ts';

/** A descriptor with only one of `from` and `sql`, or an empty `from`. */
export class DerivedDescriptorError extends InputError {
  constructor(ds: Pick<DatasetDescriptor, 'id' | 'file'>, detail: string) {
    super(where(ds), detail);
    this.name = 'DerivedDescriptorError';
  }
}
