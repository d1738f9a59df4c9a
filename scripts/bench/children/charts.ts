// citydash's renderer over a whole catalog in one long-lived process: every chart in both
// languages with an empty cache, as many in flight as the build keeps (chartsInFlight), then a
// second renderer on the same cache, as the next cycle with no change would run. Writes the
// rendered Vega-Lite specs (data inline) of `sample` charts spread over the catalog for the
// vl2svg comparison.
//   node --import tsx charts.ts <catalog> <work-dir> <cache-dir> <sample-dir> <sample>
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCatalog } from '../../../pipeline/catalog/index.ts';
import { chartsInFlight, createRenderer } from '../../../pipeline/render/index.ts';
import { inOrder } from '../../../pipeline/pool.ts';
import { readRows } from '../../../pipeline/site/rows.ts';
import { LANGS, type ColumnSpec, type Row } from '../../../pipeline/types.ts';
import { workDir } from '../../../pipeline/workdir.ts';
import { arg, exitIfWarmup, reportResult } from './report.ts';

exitIfWarmup();
const [root, workPath, cacheDir, sampleDir] = [arg(0, 'catalog'), arg(1, 'work dir'), arg(2, 'cache dir'), arg(3, 'sample dir')];
const sample = Number(arg(4, 'sample size'));
const t0 = performance.now();
const { catalog } = await loadCatalog(root);
const work = workDir(workPath);
const columns: Record<string, Record<string, ColumnSpec>> = {};
for (const ds of catalog.datasets) columns[ds.id] = ds.columns;
const rowsOf = new Map<string, Row[]>();
for (const chart of catalog.charts) {
  for (const id of new Set([...chart.data, ...(chart.map ? [chart.map.dataset] : [])])) {
    if (rowsOf.has(id)) continue;
    const rows: Row[] = [];
    for await (const r of readRows(work.rows(id))) rows.push(r);
    rowsOf.set(id, rows);
  }
}
const dataFor = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, rowsOf.get(id)!]));
const idsOf = (c: (typeof catalog.charts)[number]) => [...new Set([...c.data, ...(c.map ? [c.map.dataset] : [])])];
const loadSeconds = (performance.now() - t0) / 1000;
// Evenly spaced through the catalog, so the sample spans areas and chart types, not one family.
const step = Math.max(1, Math.floor(catalog.charts.length / Math.max(1, sample)));
const sampled = new Set(catalog.charts.filter((_, i) => i % step === 0).slice(0, sample).map((c) => c.id));

async function pass(label: 'cold' | 'no-change') {
  const renderer = createRenderer({ cacheDir });
  const jobs = catalog.charts.flatMap((chart) =>
    LANGS.map((lang) => async () => {
      const r = await renderer.renderChart(chart, lang, dataFor(idsOf(chart)), columns);
      if (label === 'cold' && lang === 'ko' && sampled.has(chart.id)) {
        await mkdir(sampleDir, { recursive: true });
        await writeFile(join(sampleDir, `${chart.id}.${lang}.vl.json`), JSON.stringify(r.vegaLite));
      }
    }),
  );
  const started = performance.now();
  await inOrder(jobs, chartsInFlight());
  return { seconds: (performance.now() - started) / 1000, stats: renderer.stats() };
}

const cold = await pass('cold');
const again = await pass('no-change');
reportResult({
  charts: catalog.charts.length, renders: catalog.charts.length * LANGS.length, loadSeconds,
  renderSeconds: cold.seconds, rendered: cold.stats.rendered, failed: cold.stats.failed,
  noChangeSeconds: again.seconds, noChangeRendered: again.stats.rendered, noChangeCached: again.stats.cached,
});
