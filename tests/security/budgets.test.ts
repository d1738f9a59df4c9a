// Issue 16, "one file stalls or kills the whole build and the PR gate": what check cannot decide
// from the text (how much memory a query takes, how long a chart expression runs) is bounded when
// it runs. A hostile derived dataset or chart is stopped at its budget and marked failed with its
// file named; every other dataset and chart is still published, and nothing forbidden is written.
// Each command runs under the harness's bound, so a budget that does not hold fails its case
// instead of hanging the suite.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  builtPages, citydash, datasetYaml, forbiddenBytes, publishedDatasets, rowSchema, securityCatalog, SECURITY_SUBSET,
  type CommandRun, type HostileFile, type SecurityCatalog,
} from './harness.ts';

function shown(r: CommandRun): string {
  return `citydash ${r.args.join(' ')}\nexit ${r.code}${r.signal ? ` (${r.signal})` : ''}\nstderr:\n${r.stderr.slice(0, 6000)}`;
}

/** `run` and `build` on the catalog: both exit 2 with `line` on stderr, publish all but `withheld`. */
async function expectFailsAlone(cat: SecurityCatalog, withheld: { datasets?: string[]; charts?: string[] }, line: RegExp): Promise<CommandRun[]> {
  const runs: CommandRun[] = [];
  for (const command of ['run', 'build'] as const) {
    const r = await citydash(cat, command);
    runs.push(r);
    if (r.code !== 2 || !r.stderr.split('\n').some((l) => line.test(l))) throw new Error(`${command} must report ${line} and exit 2\n${shown(r)}`);
    const site = command === 'run' ? cat.target : join(cat.out, 'site');
    const pages = await builtPages(site);
    // A failed dataset keeps a page saying so; what it must not have is data.
    const datasets = command === 'run' ? await publishedDatasets(cat) : await datasetsWithData(site);
    expect(datasets).toEqual(SECURITY_SUBSET.datasets.filter((id) => !withheld.datasets?.includes(id)).sort());
    expect(pages.charts).toEqual(SECURITY_SUBSET.charts.filter((id) => !withheld.charts?.includes(id)).sort());
  }
  expect(await forbiddenBytes(cat, runs)).toEqual([]);
  return runs;
}

/** Dataset ids with a CSV download in a built site (`data/<id>.<hash>.csv`). */
async function datasetsWithData(site: string): Promise<string[]> {
  const names = await readdir(join(site, 'data')).catch(() => [] as string[]);
  return [...new Set(names.flatMap((n) => /^(.+)\.[0-9a-f]+\.csv$/.exec(n)?.[1] ?? []))].sort();
}

async function withCatalog(files: Readonly<Record<string, HostileFile>>, fn: (cat: SecurityCatalog) => Promise<void>): Promise<void> {
  const cat = await securityCatalog({ files });
  try {
    await fn(cat);
  } finally {
    await cat.cleanup();
  }
}

describe('derived SQL over its DuckDB budget', () => {
  const id = 'huge-string';
  const files = {
    [`sources/derived/${id}.yaml`]: datasetYaml({
      id, from: ['air-quality-daily'], sql: "SELECT string_agg(repeat('x', 10000000), '') AS value FROM range(100000)\n", columns: { value: { type: 'string' } },
    }),
    [`schemas/${id}.schema.json`]: rowSchema({ value: 'string' }),
  };

  test('check passes it (only running it can tell); run and build stop it at 1 GB, name its file and publish the rest', async () => {
    await withCatalog(files, async (cat) => {
      const check = await citydash(cat, 'check');
      expect(check.code).toBe(0);
      await expectFailsAlone(cat, { datasets: [id] }, new RegExp(`sources/derived/${id}\\.yaml: dataset "${id}": SQL failed: used more than the 1 GB memory budget`));
    });
  });
});
