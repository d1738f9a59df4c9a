// `citydash fetch [ids...] [--force]`: extract only, respecting each dataset's cadence.
import type { FetchResult } from '../../extract/index.ts';
import { textTable } from '../summary-table.ts';
import { addCommonOptions, makeContext, type CommonOptions, type RunContext } from '../context.ts';
import type { RegisterCommand } from './index.ts';
import type { CommandIo } from './validate.ts';

/** Exit code when some dataset could not be fetched (docs/architecture.md §3). */
const EXIT_SOME_FAILED = 2;

interface FetchCommandOptions extends CommonOptions {
  force?: boolean;
  shard?: string;
}

const HELP = `
A dataset is fetched when it is due under its update.every cadence (--force fetches anyway).
HTTP sources are asked conditionally (ETag / Last-Modified), and a 304 reuses the stored copy.
With --offline, network sources read their bundled samples, marked as samples; without
SEOUL_API_KEY, Seoul Open API sources read theirs (other HTTP sources are still fetched). File
sources are read as usual. What is fetched is kept under
<work>/raw/<id>/ for \`citydash validate\`.

Exit codes: 0 all fetched or not due; 2 some dataset failed; 3 the catalog has errors; 1 usage error.

Examples:
  $ citydash fetch
  $ citydash fetch air-quality-daily --force
  $ citydash fetch --shard 2/4            # the second of four parallel CI jobs
  $ SEOUL_API_KEY=... citydash fetch --only subway-ridership-daily,public-bike-stations --json`;

export function registerFetch(io: CommandIo = {}): RegisterCommand {
  return (program, setExit) => {
    const cmd = program
      .command('fetch')
      .argument('[ids...]', 'dataset ids (default: every source dataset)')
      .description('download or read each dataset\'s source when it is due (extract only)')
      .option('--force', 'fetch even when a dataset is not due under its cadence')
      .option('--shard <K/N>', 'only the K-th of N stable shares of the datasets (parallel CI jobs)');
    addCommonOptions(cmd).addHelpText('after', HELP).action(async (ids: string[], opts: FetchCommandOptions) => {
      setExit(await runFetch(ids, opts, io));
    });
  };
}

export const register: RegisterCommand = registerFetch();

async function runFetch(ids: string[], opts: FetchCommandOptions, io: CommandIo): Promise<number> {
  const ctx = makeContext(opts, io.effects);
  const { loadCatalog } = await import('../../catalog/index.ts');
  const { fetchDataset } = await import('../../extract/index.ts');
  const { EXIT_FOUND_ERRORS, selectDatasets } = await import('../select-datasets.ts');
  const { printProblems } = await import('./validate.ts');
  const { catalog, problems } = await loadCatalog(ctx.catalogRoot, { env: ctx.effects.env, scope: 'sources' });
  await printProblems(ctx, problems);
  const selection = selectDatasets(catalog, problems, ids, ctx.only, opts.shard);
  for (const s of selection.skipped) ctx.effects.log.status('skipped', s.id, s.reason);
  if (ctx.offline) ctx.effects.log.info('offline: network sources use their bundled samples');
  else if (!ctx.effects.env.SEOUL_API_KEY) ctx.effects.log.info('no SEOUL_API_KEY: Seoul Open API sources use their bundled samples');
  const results: FetchResult[] = [];
  for (const ds of selection.datasets) {
    const r = await fetchDataset(ds, { ...ctx, allowHosts: catalog.settings.network?.allowHosts }, { force: opts.force });
    results.push(r);
    ctx.effects.log.status(r.state, r.dataset, r.state === 'failed' ? r.fetch.error : r.fetch.source);
  }
  printSummary(ctx, results);
  const failed = results.some((r) => r.state === 'failed');
  const catalogFailed = problems.some((p) => p.severity === 'error');
  if (ctx.json) (io.stdout ?? ((t) => process.stdout.write(t)))(`${JSON.stringify({ ok: !failed && !catalogFailed, problems, datasets: results }, null, 2)}\n`);
  return catalogFailed ? EXIT_FOUND_ERRORS : failed ? EXIT_SOME_FAILED : 0;
}

function printSummary(ctx: RunContext, results: readonly FetchResult[]): void {
  if (results.length === 0) {
    ctx.effects.log.info('no datasets to fetch');
    return;
  }
  const rows = results.map((r) => [r.dataset, r.state, r.fetch.sample ? 'yes' : 'no', r.fetch.fetchedAt, r.fetch.source]);
  for (const line of textTable(['dataset', 'result', 'sample', 'fetched at', 'source'], rows)) ctx.effects.log.info(line);
}
