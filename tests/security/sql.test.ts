// Issue 16, "build runs what check forbids": derived SQL is checked by the catalog's loader, so the
// SQL check refuses is never run by build or run (it used to be: current_setting() and
// duckdb_settings() published DuckDB's allowed directories and secret directory). And what check
// cannot decide from the text, how much memory a query takes, is bounded when it runs: a derived
// query over its DuckDB budget is stopped and marked failed with its file named, and every other
// dataset and chart is still published.
import {
  checkReport, datasetYaml, expectFailedAlone, forbiddenBytes, refusedTogether, rowSchema, type CheckReport, type ForbiddenHit, type HostileCase,
} from './harness.ts';

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

// Over its budget, not refused: check passes it, only running it can tell.
const huge = 'huge-string';
const hugeFiles = derived(huge, "SELECT string_agg(repeat('x', 10000000), '') AS value FROM range(100000)\n");

const refusedIds = cases.map(([, c]) => /^sources\/derived\/(.+)\.yaml$/.exec(c.refused.file)![1]!);
const budgetLine = new RegExp(`sources/derived/${huge}\\.yaml: dataset "${huge}": SQL failed: used more than the 1 GB memory budget`);

/** What the commands left for the query over its budget to be judged on (while the copy exists). */
const seen: { check?: CheckReport; judged: { command: string; failure: unknown }[]; forbidden: ForbiddenHit[] } = { judged: [], forbidden: [] };

// All cases in one catalog copy, the query over its budget alongside: check, run and build run
// once, each case is judged on its own.
const judge = refusedTogether(cases, {
  alongside: hugeFiles,
  observe: async (cat, runs) => {
    const check = runs.find((r) => r.command === 'check');
    if (check) seen.check = checkReport(check);
    for (const r of runs) {
      if (r.command !== 'run' && r.command !== 'build') continue;
      // the refused datasets beside it are the cases' above to judge
      const failure = await expectFailedAlone(cat, r, { line: budgetLine, ignore: refusedIds }).then(() => null, (e: unknown) => e);
      seen.judged.push({ command: r.command, failure });
    }
    seen.forbidden = await forbiddenBytes(cat, runs);
  },
});

test.each(cases.map(([name]) => name))('%s', async (name) => {
  await judge(name);
});

describe('derived SQL over its DuckDB budget', () => {
  test('check passes it (only running it can tell); run and build stop it at 1 GB, name its file and publish the rest', async () => {
    await judge.ran();
    // check has nothing against it (the refused SQL beside it is the cases' above)
    expect(seen.check?.problems.filter((p) => p.severity === 'error' && Object.keys(hugeFiles).includes(p.file))).toEqual([]);
    expect(seen.judged.map((j) => j.command)).toEqual(['run', 'build']);
    for (const { failure } of seen.judged) if (failure) throw failure;
    expect(seen.forbidden).toEqual([]);
  });
});
