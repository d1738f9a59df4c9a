// Issue 16, "build runs what check forbids": derived SQL is checked by the catalog's loader, so the
// SQL check refuses is never run by build or run (it used to be: current_setting() and
// duckdb_settings() published DuckDB's allowed directories and secret directory).
import { datasetYaml, refusedTogether, rowSchema, type HostileCase } from './harness.ts';

const derived = (id: string, sql: string): HostileCase['files'] => ({
  [`sources/derived/${id}.yaml`]: datasetYaml({ id, from: ['air-quality-daily'], sql, columns: { value: { type: 'string' } } }),
  [`schemas/${id}.schema.json`]: rowSchema({ value: 'string' }),
});

const cases: [string, HostileCase][] = [
  ['current_setting() reads DuckDB settings (allowed directories, secret directory)', {
    files: derived('settings-scalar', "SELECT current_setting('secret_directory') AS value FROM \"air-quality-daily\" LIMIT 1\n"),
    refused: { file: 'sources/derived/settings-scalar.yaml', line: 'current_setting(', message: /function current_setting\(\) is not allowed in derived SQL/ },
  }],
  ['duckdb_settings() lists every setting', {
    files: derived('settings-table', 'SELECT CAST(value AS VARCHAR) AS value FROM duckdb_settings()\n'),
    refused: { file: 'sources/derived/settings-table.yaml', line: 'duckdb_settings(', message: /duckdb_settings\(\) is not allowed/ },
  }],
  ['read_csv of /etc/passwd', {
    files: derived('read-passwd', "SELECT column0 AS value FROM read_csv('/etc/passwd', delim = ':', header = false)\n"),
    refused: { file: 'sources/derived/read-passwd.yaml', line: 'read_csv(', message: /read_csv\(\) is not allowed/ },
  }],
  ['a file path as a table name', {
    files: derived('path-table', "SELECT * AS value FROM '/proc/self/environ'\n"),
    refused: { file: 'sources/derived/path-table.yaml', line: "'/proc", message: /reading the file "\/proc\/self\/environ" is not allowed/ },
  }],
  ['getenv() of the canary secret', {
    files: derived('getenv', "SELECT getenv('CITYDASH_CANARY_SECRET') AS value FROM \"air-quality-daily\" LIMIT 1\n"),
    refused: { file: 'sources/derived/getenv.yaml', line: 'getenv(', message: /function getenv\(\) is not allowed/ },
  }],
];

// All cases in one catalog copy: check, run and build run once, each case is judged on its own.
const judge = refusedTogether(cases);

test.each(cases.map(([name]) => name))('%s', async (name) => {
  await judge(name);
});
