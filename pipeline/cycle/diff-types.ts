import type { ColumnRetype } from '../cycle-log.ts';
import type { Row, SnapshotMeta, Value } from '../types.ts';

export type { ColumnRetype };

/** One side of a diff: a validated snapshot's NDJSON rows file and its meta. */
export interface DiffInput {
  rows: string;
  meta: SnapshotMeta;
}

/** A row present before and after whose values differ in at least one column. */
export interface RevisedRow {
  /** The primary key values. */
  key: Row;
  changes: { column: string; before: Value; after: Value }[];
}

/** What changed in one dataset between two snapshots, by primary key. */
export interface DatasetDiff {
  dataset: string;
  primaryKey: string[];
  /** No earlier snapshot: every row and column counts as added. */
  firstCycle: boolean;
  /** No row added, removed or revised and no column added, removed or retyped. */
  unchanged: boolean;
  rows: { before: number; after: number; added: number; removed: number; revised: number; unchanged: number };
  columns: { added: string[]; removed: string[]; retyped: ColumnRetype[] };
  /** Exact number of revised rows per column (columns present on both sides). */
  revisedByColumn: Record<string, number>;
  /** Bounded samples, ordered by primary key; the counts in `rows` are exact. */
  sample: { size: number; revised: RevisedRow[]; added: Row[]; removed: Row[] };
  /** Rows whose key is shared with another row on the same side (matched pairwise). */
  duplicateKeys: { before: number; after: number };
  /** Conditions that limit what the diff can say (e.g. a key column missing before). */
  warnings: string[];
}
