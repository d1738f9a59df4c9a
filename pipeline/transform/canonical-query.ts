import type { DuckDBConnection } from '@duckdb/node-api';
import type { Row } from '../types.ts';
import { canonicalConverters } from './canonical.ts';

/** Run one query and return its rows as canonical values (for small results: samples, checks). */
export async function queryCanonical(conn: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await conn.runAndReadAll(sql);
  const names = reader.columnNames();
  const convert = canonicalConverters(names, reader.columnTypes());
  return reader.getRowsJson().map((values) => {
    const row: Row = {};
    names.forEach((n, i) => {
      row[n] = convert[i]!(values[i]!);
    });
    return row;
  });
}
