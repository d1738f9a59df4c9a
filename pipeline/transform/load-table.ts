import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnType } from '../types.ts';
import { DUCKDB_TYPE } from '../column-types.ts';
import { SnapshotLoadError, messageOf } from './errors.ts';
import { quoteIdent, quoteLiteral } from '../sql-text.ts';

/** The `columns={...}` argument of read_json, every key and type spelled out. */
export function readJsonColumns(columns: Record<string, ColumnType | 'JSON'>): string {
  const entries = Object.entries(columns).map(([name, type]) => `${quoteLiteral(name)}: ${quoteLiteral(type === 'JSON' ? 'JSON' : DUCKDB_TYPE[type])}`);
  return `{${entries.join(', ')}}`;
}

/** `read_json(<path>, ...)` over a canonical NDJSON file with explicit column types. */
export function readNdjsonSql(path: string, columns: Record<string, ColumnType | 'JSON'>): string {
  // DuckDB's ISO parsing takes canonical values as they are ("2018-01-01T13:00" without seconds).
  return `read_json(${quoteLiteral(path)}, format='newline_delimited', columns=${readJsonColumns(columns)})`;
}

/** Create table `name` from a canonical NDJSON snapshot; DuckDB's message names the bad line. */
export async function loadNdjsonTable(
  conn: DuckDBConnection,
  table: string,
  path: string,
  columns: Record<string, ColumnType | 'JSON'>,
  dataset = table,
): Promise<void> {
  try {
    await conn.run(`CREATE TABLE ${quoteIdent(table)} AS SELECT * FROM ${readNdjsonSql(path, columns)}`);
  } catch (err) {
    throw new SnapshotLoadError(dataset, path, messageOf(err));
  }
}
