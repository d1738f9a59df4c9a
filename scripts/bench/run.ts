// `npm run bench`: measures every stage of a citydash cycle on generated Seoul-shaped inputs,
// side by side with what a data engineer would otherwise use, and writes results.json and
// RESULTS.md (to scripts/bench/, or --out DIR). A stage that fails is reported as not measured
// with its error; the others still run.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBenchArgs } from './args.ts';
import { configFor, QUICK_SKIPS, STAGES, type StageId } from './config.ts';
import { REPO, type BenchContext } from './context.ts';
import { notMeasured } from './figures.ts';
import { evaluateGoals } from './goals.ts';
import { loadAverage, machineInfo } from './machine.ts';
import { hasGnuTime } from './proc.ts';
import { profileGoals, type ProfileResult } from './profile.ts';
import { SEED } from './prng.ts';
import { renderMarkdown } from './report-md.ts';
import type { BenchResults } from './results.ts';
import { runCharts } from './stages/charts.ts';
import { runCycle } from './stages/cycle.ts';
import { runDiff } from './stages/diff.ts';
import { runGrowth } from './stages/growth.ts';
import { runIngest } from './stages/ingest.ts';
import { runPublish } from './stages/publish.ts';
import { runSite } from './stages/site.ts';
import { runStartup } from './stages/startup.ts';
import { runTransform } from './stages/transform.ts';
import { runXlsx } from './stages/xlsx.ts';

const RUNNERS: Record<StageId, (ctx: BenchContext) => Promise<void>> = {
  ingest: runIngest, growth: runGrowth, xlsx: runXlsx, transform: runTransform, diff: runDiff,
  charts: runCharts, site: runSite, cycle: runCycle, publish: runPublish, startup: runStartup,
};

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), REPO);
  const cfg = configFor(args.quick, args.only, args.budgetMinutes);
  const started = performance.now();
  const load0 = loadAverage();
  const tmp = await mkdtemp(join(tmpdir(), 'citydash-bench-'));
  const ctx: BenchContext = { cfg, repo: REPO, tmp, figures: [], shared: new Map(), profiles: new Map() };
  let profiles: ProfileResult[] = [];
  let goals: BenchResults['goals'] = [];
  try {
    for (const stage of STAGES) {
      if (!cfg.stages.has(stage)) {
        if (cfg.quick && QUICK_SKIPS.has(stage)) ctx.figures.push(notMeasured(`${stage}-skipped`, stage, `${stage} stage`, 'skipped in --quick; run without --quick'));
        continue;
      }
      process.stderr.write(`[${stage}]\n`);
      try {
        await RUNNERS[stage](ctx);
      } catch (err) {
        const message = (err as Error).message.split('\n').slice(0, 4).join(' ');
        process.stderr.write(`  ${stage} failed: ${message}\n`);
        ctx.figures.push(notMeasured(`${stage}-failed`, stage, `${stage} stage`, `the stage failed: ${message}`));
      }
    }
    goals = evaluateGoals(ctx.figures);
    if (args.profile && !cfg.quick) profiles = await profileGoals(ctx, goals);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }

  const results: BenchResults = {
    date: new Date().toISOString(),
    mode: cfg.quick ? 'quick' : 'full',
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).filter((a, i, all) => a !== '--out' && all[i - 1] !== '--out').join(' ')}` : ''}`.trim(),
    seed: SEED,
    totalSeconds: Math.round((performance.now() - started) / 1000),
    machine: await machineInfo(REPO),
    loadAverage: { start: load0, end: loadAverage() },
    method: {
      runs: cfg.runs, warmup: cfg.warmup, budgetMinutes: args.budgetMinutes ?? 20,
      peakRss: (await hasGnuTime()) ? 'GNU time -v (maximum resident set size of the process tree)' : "the child's process.resourceUsage().maxRSS (GNU time not installed)",
    },
    figures: ctx.figures,
    goals,
    profiles,
    attempts: await readFile(new URL('./attempts.md', import.meta.url), 'utf8').catch(() => null),
  };
  const out = args.out ?? (await mkdtemp(join(tmpdir(), 'citydash-bench-results-')));
  await mkdir(out, { recursive: true });
  const markdown = renderMarkdown(results);
  await writeFile(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(join(out, 'RESULTS.md'), markdown);
  process.stdout.write(`${markdown}\n`);
  process.stderr.write(`wrote ${join(out, 'results.json')} and RESULTS.md in ${results.totalSeconds} s\n`);
}

await main();
