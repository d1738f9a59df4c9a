import { resolve } from 'node:path';
import type { Command } from 'commander';
import { realEffects } from '../effects.ts';
import type { Effects, RunContext } from '../types.ts';
import { workDir } from '../workdir.ts';

/** Options every command accepts (docs/architecture.md §3). */
export interface CommonOptions {
  catalog?: string;
  out?: string;
  work?: string;
  offline?: boolean;
  only?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export type { RunContext };

export function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('--catalog <dir>', 'catalog root holding sources/, schemas/ and viz-specs/', '.')
    .option('--out <dir>', 'output folder', 'dist')
    .option('--work <dir>', 'working folder for fetched and validated data (default: <catalog>/.citydash)')
    .option('--offline', 'no network: bundled samples for network sources (Seoul Open API sources also use them without SEOUL_API_KEY)')
    .option('--only <ids>', 'comma-separated dataset ids')
    .option('--json', 'print a machine-readable result on stdout')
    .option('--quiet', 'only warnings and errors on stderr')
    .option('--verbose', 'debug output on stderr');
}

export function makeContext(opts: CommonOptions, effects?: Effects): RunContext {
  const catalogRoot = resolve(opts.catalog ?? '.');
  const eff = effects ?? realEffects({ quiet: opts.quiet, verbose: opts.verbose });
  return {
    catalogRoot,
    out: resolve(opts.out ?? 'dist'),
    work: workDir(resolve(opts.work ?? resolve(catalogRoot, '.citydash'))),
    offline: Boolean(opts.offline),
    only: opts.only ? opts.only.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    json: Boolean(opts.json),
    effects: eff,
  };
}

/** `--json` results go to stdout; everything else stays on stderr. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
