import type { DuckDBConnection } from '@duckdb/node-api';

// Derived-dataset SQL comes from pull requests: once the tables are loaded, the connection
// must not read or write files, reach the network or load extensions, and the SQL must not
// be able to switch any of that back on.
const LOCKDOWN = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET enable_external_access = false',
  'SET lock_configuration = true',
];

export async function lockDown(conn: DuckDBConnection): Promise<void> {
  for (const statement of LOCKDOWN) await conn.run(statement);
}
