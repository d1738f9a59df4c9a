import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnType } from '../types.ts';
import { messageOf, readNdjsonSql, snapshotColumns, SnapshotLoadError } from '../transform/index.ts';
import { PRESENT } from './diff-sql.ts';
import type { DiffInput } from './diff-types.ts';

/** The typed columns of one side, district columns included when the rows carry them. */
export async function columnsOf(side: DiffInput): Promise<Record<string, ColumnType>> {
  return snapshotColumns({ id: side.meta.id, rows: side.rows, meta: side.meta });
}

/** A private in-memory DuckDB for one diff; `close` frees it. */
export async function openDiffDb(): Promise<{ conn: DuckDBConnection; close(): void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  return {
    conn,
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** Load one side as table `before`/`after` with its meta's column types, plus a presence flag. */
export async function loadSide(conn: DuckDBConnection, table: 'before' | 'after', side: DiffInput, columns: Record<string, ColumnType>): Promise<void> {
  try {
    await conn.run(`CREATE TABLE ${table} AS SELECT *, TRUE AS ${PRESENT} FROM ${readNdjsonSql(side.rows, columns)}`);
  } catch (err) {
    throw new SnapshotLoadError(side.meta.id, side.rows, messageOf(err));
  }
}
