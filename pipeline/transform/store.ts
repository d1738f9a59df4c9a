import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Row } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { queryCanonical } from './canonical-query.ts';
import { loadNdjsonTable } from './load-table.ts';
import { join } from 'node:path';
import { DEFAULT_BUDGETS, type Budgets } from '../budgets.ts';
import { lockDown } from '../duckdb-lockdown.ts';
import { requireSnapshot, snapshotColumns, type Snapshot } from './snapshot.ts';

/** An in-memory DuckDB where each requested validated dataset is a table named by its id. */
export interface Store {
  connection: DuckDBConnection;
  /** The snapshot each table was loaded from, by dataset id. */
  tables: Record<string, Snapshot>;
  /** Run one query and return its rows as canonical values. */
  query(sql: string): Promise<Row[]>;
  /** Free the database; safe to call twice. */
  close(): void;
}

/**
 * Load the validated snapshots of `ids` into a fresh in-memory DuckDB, then lock it down:
 * after loading, no statement on this connection can touch files or the network.
 * Throws SnapshotMissingError / SnapshotLoadError naming the dataset and file.
 * The database gets `budgets`' memory and threads, and spills (up to its temp budget) into
 * `<work>/duckdb-tmp`, never into the current folder.
 */
export async function openStore(work: WorkDir, ids: string[], budgets: Budgets = DEFAULT_BUDGETS): Promise<Store> {
  const instance = await DuckDBInstance.create(':memory:');
  let connection: DuckDBConnection | undefined;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    connection?.closeSync();
    instance.closeSync();
  };
  try {
    connection = await instance.connect();
    const tables: Record<string, Snapshot> = {};
    for (const id of new Set(ids)) {
      const snap = await requireSnapshot(work, id);
      await loadNdjsonTable(connection, id, snap.rows, await snapshotColumns(snap));
      tables[id] = snap;
    }
    await lockDown(connection, { ...budgets, tempDir: join(work.root, 'duckdb-tmp') });
    const conn = connection;
    return {
      connection: conn,
      tables,
      close,
      query: (sql) => queryCanonical(conn, sql),
    };
  } catch (err) {
    close();
    throw err;
  }
}
