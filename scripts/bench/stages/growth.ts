// (2) Growth: the same CP949 ingest at three sizes. Memory must stay flat (the reader streams)
// and time grow linearly; the mid size is the ingest stage's figure when that ran too.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { airCsv, ingestCatalog } from '../inputs.ts';
import { AIR_ID } from '../ingest-catalog.ts';
import { nodeChild, type BenchContext } from '../context.ts';
import { memoryCounts, throughputFigure, type Figure } from '../figures.ts';
import { measureIngest } from './ingest.ts';

export async function runGrowth(ctx: BenchContext): Promise<void> {
  const { cfg } = ctx;
  const warmFile = await airCsv(ctx, cfg.rows.small, 'cp949');
  const sizes = [cfg.rows.small, cfg.rows.mid, cfg.rows.large];
  for (const rows of sizes) {
    const n = rows.toLocaleString('en-US');
    const id = `growth-${rows}`;
    const reuse = rows === cfg.rows.mid ? ctx.figures.find((f) => f.id === 'ingest-cp949') : undefined;
    if (reuse) {
      ctx.figures.push({ ...reuse, id, stage: 'growth', label: `ingest ${n} rows CP949 (same measurement as ingest-cp949)`, ratios: undefined });
      continue;
    }
    const file = await airCsv(ctx, rows, 'cp949');
    const budget = cfg.budget(rows === cfg.rows.large ? 'growthLarge' : rows === cfg.rows.mid ? 'ingest' : 'growthSmall');
    const m = await measureIngest(ctx, `ingest ${n} rows`, file, warmFile, budget, join(ctx.tmp, 'work-growth'));
    const fig: Figure = throughputFigure({ id, stage: 'growth', label: `ingest ${n} rows CP949`, counts: memoryCounts(m.results[0] ?? {}) }, m, rows, 'rows/s');
    ctx.figures.push(fig);
  }
  // The CPU profile of the largest size is taken on the mid-size file: the per-row path is the
  // same, and a profiled 5M-row run would cost minutes. Its memory is in the counts.
  ctx.profiles.set(`growth-${cfg.rows.large}`, {
    spec: nodeChild('ingest', [await ingestCatalog(ctx), AIR_ID, await airCsv(ctx, cfg.rows.mid, 'cp949'), join(ctx.tmp, 'work-growth')]),
    before: () => rm(join(ctx.tmp, 'work-growth'), { recursive: true, force: true }),
    note: `the same ingest on the ${cfg.rows.mid.toLocaleString('en-US')}-row file (same per-row path; peak heap and external memory per size are in the figure's counts)`,
  });
  // Linear time means a flat time per row; flat memory means the same peak at every size.
  const figs = sizes.map((r) => ctx.figures.find((f) => f.id === `growth-${r}`)!);
  const perMillion = figs.map((f, i) => f.measured!.wall.median / (sizes[i]! / 1e6));
  const growth = figs[2]!;
  const cpuPerMillion = figs.map((f, i) => (f.measured!.cpu ? (f.measured!.cpu.median / (sizes[i]! / 1e6)).toFixed(1) : 'n/a'));
  growth.counts = {
    ...growth.counts,
    secondsPerMillionRows: perMillion.map((s) => s.toFixed(1)).join(' / '),
    cpuSecondsPerMillionRows: cpuPerMillion.join(' / '),
    peakRssMb: figs.map((f) => f.measured!.rssMb?.median.toFixed(0) ?? 'n/a').join(' / '),
    peakHeapMb: figs.map((f) => f.counts?.peakHeapMb ?? 'n/a').join(' / '),
    peakExternalMb: figs.map((f) => f.counts?.peakExternalMb ?? 'n/a').join(' / '),
  };
  growth.note = `sizes ${sizes.map((s) => s.toLocaleString('en-US')).join(' / ')}: wall and CPU seconds per 1M rows and peak RSS at each (CPU is the steadier linearity check on a shared machine)`;
}
