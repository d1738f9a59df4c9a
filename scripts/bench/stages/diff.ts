// (5) Change-log diff: the mid-size validated snapshot against a copy with 1% of its rows
// revised, 0.1% removed and 0.1% added, by primary key, as `citydash run` diffs a changed
// dataset for the change log (scripts/diff-bench.ts before it was folded in here).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeChild, type BenchContext } from '../context.ts';
import { throughputFigure } from '../figures.ts';
import { AIR_ID } from '../ingest-catalog.ts';
import { measure } from '../measure.ts';
import { runProc } from '../proc.ts';
import { midSnapshot } from './transform.ts';

export async function runDiff(ctx: BenchContext): Promise<void> {
  const { cfg } = ctx;
  const work = await midSnapshot(ctx);
  const out = join(ctx.tmp, 'diff');
  await mkdir(out, { recursive: true });
  await runProc(nodeChild('diff', ['prepare', work, AIR_ID, out]));
  const spec = nodeChild('diff', ['run', work, AIR_ID, out]);
  const m = await measure({ label: 'diff', maxRuns: cfg.runs, warmup: cfg.warmup, budgetSeconds: cfg.budget('diff'), spec });
  const r0 = m.results[0] ?? {};
  const rows = Number(r0.rows);
  const fig = throughputFigure({
    id: 'diff-mid', stage: 'diff',
    label: `citydash change-log diff by primary key, ${rows.toLocaleString('en-US')} rows: 1% revised, 0.1% removed, 0.1% added`,
    counts: { revised: Number(r0.revised), removed: Number(r0.removed), added: Number(r0.added) },
  }, m, rows, 'rows/s');
  ctx.figures.push(fig);
  ctx.profiles.set(fig.id, { spec });
}
