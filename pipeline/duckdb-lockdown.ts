import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_BUDGETS, type Budgets } from './budgets.ts';
import { quoteLiteral } from './sql-text.ts';

// Derived-dataset SQL comes from pull requests: once the tables are loaded, the connection
// must not read or write files, reach the network or load extensions, and the SQL must not
// be able to switch any of that back on.
const LOCKDOWN = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET enable_external_access = false',
  'SET lock_configuration = true',
];

export interface DuckDbBudget extends Pick<Budgets, 'sqlMemoryMb' | 'sqlTempMb' | 'sqlThreads'> {
  /** Where DuckDB may spill (a folder in the work dir); without one it never spills. */
  tempDir?: string;
}

/**
 * Sets the memory, thread and spill budgets, then locks the configuration: a query cannot raise
 * its own budget (SET memory_limit fails once lock_configuration is on). Without a budget,
 * DuckDB would take 80% of the machine's memory and spill to `.tmp` in the current folder.
 */
export async function lockDown(conn: DuckDBConnection, budget: DuckDbBudget = DEFAULT_BUDGETS): Promise<void> {
  await conn.run(`SET memory_limit = '${budget.sqlMemoryMb}MB'`);
  await conn.run(`SET threads = ${Math.max(1, Math.floor(budget.sqlThreads))}`);
  await conn.run(`SET temp_directory = ${quoteLiteral(budget.tempDir ?? '')}`);
  await conn.run(`SET max_temp_directory_size = '${budget.tempDir ? budget.sqlTempMb : 0}MB'`);
  for (const statement of LOCKDOWN) await conn.run(statement);
}
