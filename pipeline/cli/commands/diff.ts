// `citydash diff [--from CYCLE] [--to CYCLE] --target T`: the change log between two published
// cycles (default: the last two), as text, Markdown or JSON (pipeline/cycle/range-diff.ts).
import type { Command } from 'commander';
import { CliError } from '../../errors.ts';
import type { Effects, Lang } from '../../types.ts';
import { addCommonOptions, makeContext, type CommonOptions } from '../context.ts';
import type { RegisterCommand } from './index.ts';

export interface DiffCommandOptions extends CommonOptions {
  target?: string;
  from?: string;
  to?: string;
  format?: string;
  lang?: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  region?: string;
}

export interface DiffCommandIo {
  effects?: Effects;
  stdout?: (text: string) => void;
}

const HELP = `
Between a cycle and the one before it, this is that cycle's stored change log
(_citydash/cycles/<cycle>.json). Between any other two cycles, their manifests are compared:
each dataset that changed is diffed by primary key from the snapshots still on the target, and
the updates in between are listed.

Examples:
  $ citydash diff --target dir:dist/public
  $ citydash diff --target s3://seoul-dashboard/site --from 2026-11-01T2100Z --to 2026-11-28T2100Z
  $ citydash diff --target dir:dist/public --format markdown --lang ko
  $ citydash diff --target dir:dist/public --json`;

const FORMATS = ['text', 'markdown', 'json'];

export async function runDiffCommand(opts: DiffCommandOptions, io: DiffCommandIo = {}): Promise<number> {
  const ctx = makeContext(opts, io.effects);
  const format = ctx.json ? 'json' : (opts.format ?? 'text');
  if (!FORMATS.includes(format)) throw new CliError(`--format ${JSON.stringify(format)}: expected text, markdown or json`);
  const lang: Lang = opts.lang === 'ko' ? 'ko' : 'en';
  if (opts.lang && !['ko', 'en'].includes(opts.lang)) throw new CliError(`--lang ${JSON.stringify(opts.lang)}: expected ko or en`);
  const out = io.stdout ?? ((t: string) => void process.stdout.write(t));
  const { parseTarget } = await import('../../publish/index.ts');
  const { loadCatalog } = await import('../../catalog/index.ts');
  const { diffCycles } = await import('../../cycle/index.ts');
  const { rangeMarkdown, rangeText } = await import('../../site/index.ts');
  const target = parseTarget(opts.target ?? `dir:${ctx.out}/public`, { endpoint: opts.endpoint, forcePathStyle: opts.forcePathStyle, region: opts.region }, ctx.effects);
  // Titles, primary keys and cadences come from the catalog when it is at hand.
  const catalog = () => loadCatalog(ctx.catalogRoot, { env: ctx.effects.env }).then((c) => c.catalog, () => null);
  const log = await diffCycles(target, { from: opts.from, to: opts.to, catalog, log: ctx.effects.log });
  out(format === 'json' ? `${JSON.stringify(log, null, 2)}\n` : format === 'markdown' ? rangeMarkdown(log, { lang }) : rangeText(log, { lang }));
  return 0;
}

export function registerDiff(io: DiffCommandIo = {}): RegisterCommand {
  return (program: Command, setExit) => {
    const cmd = program
      .command('diff')
      .description('the change log between two published cycles (default: the last two)')
      .option('--target <target>', 'dir:PATH or s3://bucket/prefix (default: dir:<out>/public)')
      .option('--from <cycle>', 'the earlier cycle (default: the one before --to)')
      .option('--to <cycle>', 'the later cycle (default: the last published)')
      .option('--format <format>', 'text, markdown or json', 'text')
      .option('--lang <lang>', 'ko or en', 'en')
      .option('--endpoint <url>', 'S3-compatible endpoint')
      .option('--force-path-style', 'path-style S3 URLs')
      .option('--region <region>', 'AWS region');
    addCommonOptions(cmd)
      .addHelpText('after', HELP)
      .action(async (opts: DiffCommandOptions) => {
        setExit(await runDiffCommand(opts, io));
      });
  };
}

export const register: RegisterCommand = registerDiff();
