// `citydash validate [ids...]` and `citydash validate --file PATH --dataset ID`.
import { resolve } from 'node:path';
import { CliError } from '../../errors.ts';
import type { Effects, Problem, ValidationReport } from '../../types.ts';
import { count, textTable } from '../summary-table.ts';
import { addCommonOptions, makeContext, type CommonOptions, type RunContext } from '../context.ts';
import type { RegisterCommand } from './index.ts';

interface ValidateOptions extends CommonOptions {
  file?: string;
  dataset?: string;
  shard?: string;
}

export interface CommandIo {
  /** Replaces the real effects (tests: memory logger, fixed clock, chosen env). */
  effects?: Effects;
  /** Where --json output goes (default stdout). */
  stdout?: (text: string) => void;
}

const HELP = `
Each dataset is read from what \`citydash fetch\` stored (this command fetches first when nothing
is stored yet or the extract section changed since; offline, network sources use their bundled samples), checked against its columns and
row schema, and stored under <work>/data/ for the next stages. Every rejected row is listed
in <work>/reports/<id>.json with its line (CSV), sheet and row (XLSX) or page and index (API).

Exit codes: 0 every dataset valid; 3 a dataset failed, the catalog has errors, or (--file)
any row was rejected; 1 usage error.

Examples:
  $ citydash validate
  $ citydash validate air-quality-daily cctv-by-gu --json
  $ citydash validate --file ~/Downloads/대기오염도_2018.csv --dataset air-quality-daily`;

export function registerValidate(io: CommandIo = {}): RegisterCommand {
  return (program, setExit) => {
    const cmd = program
      .command('validate')
      .argument('[ids...]', 'dataset ids (default: every source dataset)')
      .description('check fetched data against each dataset\'s columns and schema, and store the valid rows')
      .option('--file <path>', 'validate this file instead (with --dataset); stores nothing')
      .option('--dataset <id>', 'the dataset whose descriptor --file is checked against')
      .option('--shard <K/N>', 'only the K-th of N stable shares of the datasets (parallel CI jobs)');
    addCommonOptions(cmd).addHelpText('after', HELP).action(async (ids: string[], opts: ValidateOptions) => {
      setExit(await runValidate(ids, opts, io));
    });
  };
}

export const register: RegisterCommand = registerValidate();

async function runValidate(ids: string[], opts: ValidateOptions, io: CommandIo): Promise<number> {
  if (opts.file && !opts.dataset) throw new CliError('--file needs --dataset <id>: the descriptor to check the file against');
  if (opts.dataset && !opts.file) throw new CliError('--dataset goes with --file <path>; to validate fetched datasets, name them as arguments');
  if (opts.file && ids.length) throw new CliError('give either dataset ids or --file with --dataset, not both');
  const ctx = makeContext(opts, io.effects);
  const { loadCatalog } = await import('../../catalog/index.ts');
  const { displayPath } = await import('../../extract/index.ts');
  const { EXIT_FOUND_ERRORS, selectDatasets } = await import('../select-datasets.ts');
  const { validate } = await import('../../validate/index.ts');
  const { fetchIfMissing } = await import('../../extract/index.ts');
  const { catalog, problems } = await loadCatalog(ctx.catalogRoot, { env: ctx.effects.env, scope: 'sources' });
  await printProblems(ctx, problems);
  const catalogFailed = problems.some((p) => p.severity === 'error');
  const selection = selectDatasets(catalog, problems, opts.dataset ? [opts.dataset] : ids, opts.file ? [] : ctx.only, opts.file ? undefined : opts.shard);
  for (const s of selection.skipped) ctx.effects.log.status('skipped', s.id, s.reason);

  const reports: ValidationReport[] = [];
  for (const ds of selection.datasets) {
    let report: ValidationReport;
    if (opts.file) {
      report = (await validate({ from: 'file', dataset: ds, catalog, path: resolve(opts.file), where: displayPath(process.cwd(), resolve(opts.file)) }, { work: ctx.work }, ctx.effects)).report;
    } else {
      // Validate never fetches; on a fresh clone (or after the extract section changed) the command does, first.
      const fetched = await fetchIfMissing(ds, { ...ctx, allowHosts: catalog.settings.network?.allowHosts });
      const fetchFailure = fetched?.state === 'failed' ? (fetched.fetch.error ?? 'unknown error') : undefined;
      report = (await validate({ from: 'stored', dataset: ds, catalog, fetchFailure }, { work: ctx.work }, ctx.effects)).report;
    }
    reports.push(report);
    logOutcome(ctx, report);
  }
  printSummary(ctx, reports);
  const failed = reports.some((r) => r.status === 'failed' || (opts.file && r.rejected > 0));
  if (ctx.json) (io.stdout ?? ((t) => process.stdout.write(t)))(`${JSON.stringify({ ok: !failed && !catalogFailed, problems, datasets: reports }, null, 2)}\n`);
  return failed || catalogFailed ? EXIT_FOUND_ERRORS : 0;
}

export async function printProblems(ctx: RunContext, problems: readonly Problem[]): Promise<void> {
  const { formatProblem } = await import('../../catalog/index.ts');
  for (const p of problems) {
    if (p.severity === 'error') ctx.effects.log.error(formatProblem(p));
    else ctx.effects.log.warn(formatProblem(p).replace(': warning: ', ': '));
  }
}

function logOutcome(ctx: RunContext, r: ValidationReport): void {
  const { log } = ctx.effects;
  if (r.status === 'failed') {
    log.status('failed', r.dataset, r.error);
  } else {
    const dropped = r.rejected ? `, ${count(r.rejected)} rejected` : '';
    log.status('fresh', r.dataset, `${count(r.valid)} valid rows${dropped}`);
  }
  // The first few rejections, so the report file is not the only place to learn what is wrong.
  for (const rej of r.rejections.slice(0, 5)) log.info(`  ${rej.message}`);
  if (r.rejections.length > 5) log.info(`  … ${count(r.rejected - 5)} more in the report`);
}

function printSummary(ctx: RunContext, reports: readonly ValidationReport[]): void {
  if (reports.length === 0) {
    ctx.effects.log.info('no datasets to validate');
    return;
  }
  const rows = reports.map((r) => [r.dataset, count(r.rowsRead), count(r.valid), count(r.rejected), count(r.districtsUnmatched), r.status]);
  const lines = textTable(['dataset', 'rows read', 'valid', 'rejected', 'districts unmatched', 'status'], rows, new Set([1, 2, 3, 4]));
  for (const line of lines) ctx.effects.log.info(line);
}
