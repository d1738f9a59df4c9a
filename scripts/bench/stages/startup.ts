// (9) Start-up, as a city meets it: the package `npm pack` makes, installed into an empty folder
// without dev dependencies (scripts/package/install.ts), then `citydash --help` and `citydash
// check` of a one-chart catalog (the one `citydash init` writes) from that install. The same
// `--help` from this checkout (TypeScript through tsx) is measured beside it for comparison.
import { join } from 'node:path';
import { installPackage, packPackage } from '../../package/install.ts';
import type { BenchContext } from '../context.ts';
import { cli } from '../context.ts';
import type { Figure } from '../figures.ts';
import { measure, type Measured } from '../measure.ts';
import { runProc, type ProcSpec } from '../proc.ts';

function figure(id: string, label: string, m: Measured, note?: string): Figure {
  const { results: _r, lastStdout: _o, ...measured } = m;
  return { id, stage: 'startup', label, measured, ...(note ? { note } : {}) };
}

/** Packs and installs once per run; returns the installed `citydash` bin script. */
export async function installedCli(ctx: BenchContext): Promise<{ bin: string; folder: string }> {
  const folder = join(ctx.tmp, 'installed');
  const tarball = await packPackage(join(ctx.tmp, 'pack'));
  await installPackage(tarball, folder);
  return { bin: join(folder, 'node_modules', 'citydash', 'bin', 'citydash.js'), folder };
}

export async function runStartup(ctx: BenchContext): Promise<void> {
  const { cfg } = ctx;
  const started = performance.now();
  const { bin, folder } = await installedCli(ctx);
  const installSeconds = (performance.now() - started) / 1000;
  const installed = (args: string[], cwd = folder): ProcSpec => ({ cmd: process.execPath, args: [bin, ...args], cwd, env: { NODE_OPTIONS: '' } });

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
