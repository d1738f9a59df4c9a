import type { ColumnType } from './types.ts';

// How each canonical column type is held in DuckDB. Canonical NDJSON values parse directly
// into these (dates "yyyy-MM-dd", datetimes "yyyy-MM-ddTHH:mm").
export const DUCKDB_TYPE: Readonly<Record<ColumnType, string>> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  date: 'DATE',
  datetime: 'TIMESTAMP',
  boolean: 'BOOLEAN',
};

/** Columns district conforming adds to a row; always strings (gu_code is "11110".."11740"). */
export const DISTRICT_COLUMNS: readonly string[] = ['gu_code', 'gu_ko', 'gu_en'];

export function isColumnType(value: unknown): value is ColumnType {
  return typeof value === 'string' && Object.hasOwn(DUCKDB_TYPE, value);
}
