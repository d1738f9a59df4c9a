// (9) Start-up, as a city meets it: the package `npm pack` makes, installed into an empty folder
// without dev dependencies (scripts/package/install.ts), then `citydash --help` and `citydash
// check` of a one-chart catalog (the one `citydash init` writes) from that install. The same
// `--help` from this checkout (TypeScript through tsx) is measured beside it for comparison.
import { join } from 'node:path';
import type { BenchContext } from '../context.ts';
import { cli } from '../context.ts';
import type { Figure } from '../figures.ts';
import { installedCli } from '../installed.ts';
import { measure, type Measured } from '../measure.ts';
import { runProc } from '../proc.ts';

function figure(id: string, label: string, m: Measured, note?: string): Figure {
  const { results: _r, lastStdout: _o, ...measured } = m;
  return { id, stage: 'startup', label, measured, ...(note ? { note } : {}) };
}

export async function runStartup(ctx: BenchContext): Promise<void> {
  const { cfg } = ctx;
  const { spec: installed, installSeconds } = await installedCli(ctx);

  const help = await measure({ label: 'citydash --help (installed)', spec: installed(['--help']), maxRuns: Math.max(cfg.runs, 5), warmup: 1, budgetSeconds: cfg.budget('startup') });
  ctx.figures.push({
    ...figure('help-installed', '`citydash --help` from the installed package (compiled JavaScript)', help),
    counts: { packAndInstallSeconds: Math.round(installSeconds) },
  });
  const fromSource = await measure({ label: 'citydash --help (checkout, tsx)', spec: cli(['--help']), maxRuns: cfg.runs, warmup: 1, budgetSeconds: cfg.budget('startup') });
  ctx.figures.push(figure('help-checkout', '`citydash --help` in this checkout (TypeScript sources through tsx)', fromSource));

  const catalog = join(ctx.tmp, 'one-chart');
  await runProc(installed(['init', catalog, '--quiet']));
  const check = await measure({ label: 'citydash check, one chart (installed)', spec: installed(['check', '--catalog', catalog]), maxRuns: cfg.runs, warmup: 1, budgetSeconds: cfg.budget('startup') });
  ctx.figures.push(figure('check-one-chart', '`citydash check` of a one-chart catalog (citydash init\'s) from the installed package', check,
    'includes compiling the Vega-Lite schema validator (about 1.9 MB of JSON Schema), which every check needs'));
}
