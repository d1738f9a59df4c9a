// (5) Charts: every chart of the generated catalog in both languages in one process (empty
// cache), then the no-change pass on the same cache; against the Vega-Lite CLI (`vl2svg`), a
// fresh process per chart, on a sample of the same rendered specs.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { bigCatalog, bigTransformed } from '../big.ts';
import { nodeChild, warmupOf, type BenchContext } from '../context.ts';
import type { Figure } from '../figures.ts';
import { measure, type Measured } from '../measure.ts';
import { runProc } from '../proc.ts';
import { rate, spread } from '../stats.ts';

const nums = (m: Measured, key: string) => m.results.map((r) => Number(r[key]));

export async function runCharts(ctx: BenchContext): Promise<void> {
  const { cfg } = ctx;
  const { root } = await bigCatalog(ctx);
  const work = await bigTransformed(ctx);
  const cache = join(ctx.tmp, 'chart-cache');
  const sampleDir = join(ctx.tmp, 'vl-sample');
  const spec = nodeChild('charts', [root, work, cache, sampleDir, String(cfg.vl2svgSample)]);
  const m = await measure({
    label: 'charts', maxRuns: cfg.runs, warmup: cfg.warmup, warmupSpec: warmupOf(spec), budgetSeconds: cfg.budget('charts'),
    before: () => rm(cache, { recursive: true, force: true }),
    spec,
  });
  const r0 = m.results[0]!;
  const charts = Number(r0.charts);
  const renders = Number(r0.renders);
  const renderSeconds = spread(nums(m, 'renderSeconds'));
  const { results: _r, lastStdout: _out, ...measured } = m;
  const render: Figure = {
    id: 'charts-render', stage: 'charts',
    label: `${charts} charts × 2 languages rendered in one process as the build does (as many in flight as it keeps), empty cache (per render: Vega-Lite compile and vega SVG of the wide and the phone layout in the budgeted render processes, PNG, alt text)`,
    throughput: { value: rate(renders, renderSeconds), unit: 'renders/s (one chart in one language)' },
    measured,
    counts: {
      charts, renders, failed: Number(r0.failed),
      bilingualChartsPerSecond: +(charts / renderSeconds.median).toFixed(2),
      renderSecondsMedian: +renderSeconds.median.toFixed(2), loadSecondsMedian: +spread(nums(m, 'loadSeconds')).median.toFixed(2),
    },
    note: 'throughput from the render loop alone; process wall and RSS include loading the catalog and rows',
  };
  const noChangeSeconds = spread(nums(m, 'noChangeSeconds'));
  const noChange: Figure = {
    id: 'charts-no-change', stage: 'charts', label: 'the same charts again on the same cache (a cycle with no change)',
    throughput: { value: rate(renders, noChangeSeconds), unit: 'renders/s (cache hits)' },
    counts: { rerendered: Math.max(...nums(m, 'noChangeRendered')), cached: Number(r0.noChangeCached), secondsMedian: +noChangeSeconds.median.toFixed(2) },
  };

  // vl2svg, a fresh process per chart, on the specs citydash rendered (data and theme inline).
  const vl2svg = join(ctx.repo, 'node_modules/.bin/vl2svg');
  const files = (await readdir(sampleDir)).filter((f) => f.endsWith('.vl.json')).sort();
  const perChart: number[] = [];
  const ratios: number[] = [];
  // citydash's time for one chart in one language: the render loop's wall time per render
  const ours = renderSeconds.median / renders;
  let warmed = false;
  for (const f of files) {
    const key = f.replace(/\.vl\.json$/, '');
    const vlSpec = { cmd: vl2svg, args: [join(sampleDir, f), join(sampleDir, `${key}.svg`)], cwd: ctx.repo };
    if (!warmed && cfg.warmup) await runProc(vlSpec);
    warmed = true;
    const v = await measure({ label: `vl2svg ${key}`, maxRuns: cfg.runs, warmup: 0, budgetSeconds: cfg.budget('vl2svgPerChart'), spec: vlSpec });
    perChart.push(v.wall.median);
    ratios.push(v.wall.median / ours);
  }
  const per = spread(perChart);
  const ratio = spread(ratios);
  const vl: Figure = {
    id: 'vl2svg-per-chart', stage: 'charts',
    label: `vl2svg (Vega-Lite CLI), a fresh process per chart, ${files.length} charts of the same rendered specs (SVG only)`,
    throughput: { value: { median: 1 / per.median, min: 1 / per.max, max: 1 / per.min }, unit: 'charts/s' },
    counts: { charts: files.length, secondsPerChartMedian: +per.median.toFixed(2), perChartRatioMin: +ratio.min.toFixed(1), perChartRatioMax: +ratio.max.toFixed(1) },
    note: 'per-chart ratio: vl2svg process wall for one chart (SVG of one layout) ÷ citydash render-loop wall per render (both layouts, PNG and alt text)',
  };
  render.ratios = [{ to: vl.id, value: ratio.median }];
  ctx.figures.push(render, noChange, vl);
  ctx.profiles.set(render.id, { spec, before: () => rm(cache, { recursive: true, force: true }) });
}
