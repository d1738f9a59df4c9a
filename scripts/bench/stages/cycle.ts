// (7) The whole cycle as cities run it, `citydash run --offline` from the installed package
// (compiled JavaScript, the Vega-Lite validator compiled ahead of time), on the generated catalog:
// cold (empty work dir and output) and again with nothing changed; and the bundled Seoul
// catalog's no-change night (what a city's CI meets most nights). Measured only when the `run`
// command is registered in the CLI.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { bigCatalog } from '../big.ts';
import { cli, type BenchContext } from '../context.ts';
import { notMeasured, type Figure } from '../figures.ts';
import { installedCli } from '../installed.ts';
import { measure, type Measured } from '../measure.ts';
import { runProc } from '../proc.ts';

/** Whether `citydash <name>` exists (an unknown command exits non-zero). */
export async function hasCommand(name: string): Promise<boolean> {
  try {
    await runProc(cli([name, '--help']));
    return true;
  } catch {
    return false;
  }
}

/** Numbers from the command's --json summary, flattened one level (whatever it reports). */
function jsonCounts(stdout: string): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    const json = JSON.parse(stdout.slice(stdout.indexOf('{'))) as Record<string, unknown>;
    for (const [k, v] of Object.entries(json)) {
      if (typeof v === 'number') out[k] = v;
      else if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const [k2, v2] of Object.entries(v)) if (typeof v2 === 'number') out[`${k}.${k2}`] = v2;
      }
    }
  } catch {
    // no JSON summary: timings only
  }
  return out;
}

function figure(id: string, label: string, m: Measured): Figure {
  const { results: _r, lastStdout, ...measured } = m;
  return { id, stage: 'cycle', label, measured, counts: jsonCounts(lastStdout) };
}

export async function runCycle(ctx: BenchContext): Promise<void> {
  const labels = {
    cold: 'citydash run --offline from the installed package, cold (fetch, validate, transform, render, site, publish)',
    same: 'citydash run --offline from the installed package again, nothing changed',
  };
  if (!(await hasCommand('run'))) {
    const why = '`citydash run` is not registered in pipeline/cli/commands/index.ts yet (being finished by the cycle owner)';
    ctx.figures.push(notMeasured('cycle-cold', 'cycle', labels.cold, why), notMeasured('cycle-no-change', 'cycle', labels.same, why));
    return;
  }
  const { cfg } = ctx;
  const big = await bigCatalog(ctx);
  const citydash = await installedCli(ctx);
  const work = join(ctx.tmp, 'work-cycle');
  const out = join(ctx.tmp, 'cycle-out');
  const spec = citydash.spec(['run', '--offline', '--catalog', big.root, '--work', work, '--out', out, '--quiet', '--json']);
  const cold = await measure({
    label: 'cycle cold', maxRuns: cfg.runs, warmup: cfg.warmup, warmupSpec: citydash.spec(['--help']), budgetSeconds: cfg.budget('cycleCold'),
    before: async () => {
      await rm(work, { recursive: true, force: true });
      await rm(out, { recursive: true, force: true });
    },
    spec,
  });
  ctx.figures.push(figure('cycle-cold', labels.cold, cold));
  ctx.profiles.set('cycle-cold', {
    spec,
    before: async () => {
      await rm(work, { recursive: true, force: true });
      await rm(out, { recursive: true, force: true });
    },
  });
  const same = await measure({ label: 'cycle no change', maxRuns: cfg.runs, warmup: 0, budgetSeconds: cfg.budget('cycleNoChange'), spec });
  ctx.figures.push(figure('cycle-no-change', labels.same, same));
  ctx.profiles.set('cycle-no-change', { spec, note: 'after the measured runs: the same no-change cycle' });

  // The bundled catalog in place (its sample files, offline), into scratch work and output
  // folders: one cold cycle first (not measured) so the measured ones find nothing changed.
  const bundledWork = join(ctx.tmp, 'work-bundled');
  const bundledOut = join(ctx.tmp, 'bundled-out');
  const bundled = citydash.spec(['run', '--offline', '--catalog', ctx.repo, '--work', bundledWork, '--out', bundledOut, '--quiet', '--json']);
  await runProc(bundled);
  const bundledSame = await measure({ label: 'bundled cycle no change', maxRuns: cfg.runs, warmup: 0, budgetSeconds: cfg.budget('cycleBundled'), spec: bundled });
  ctx.figures.push(figure('cycle-bundled-no-change', 'citydash run --offline from the installed package on the bundled Seoul catalog, nothing changed since the last cycle', bundledSame));
  ctx.profiles.set('cycle-bundled-no-change', { spec: bundled, note: 'after the measured runs: the same no-change cycle' });
}
