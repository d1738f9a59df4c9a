// Charts rendered several at a time (PNGs drawn in worker threads, SVGs taking turns) come out
// byte for byte as when rendered one by one, and the PNG is exactly what resvg draws in-process.
import { Resvg } from '@resvg/resvg-js';
import { svgToPng } from '../../pipeline/render/png.ts';
import { pngParallelism, pngPoolState } from '../../pipeline/render/png-pool.ts';
import { createRenderer, type RenderedChart } from '../../pipeline/render/index.ts';
import { FONT_FAMILY, pretendardFiles } from '../../pipeline/render/fonts.ts';
import type { Lang } from '../../pipeline/types.ts';
import { allColumns, allData, barRanking, guMap, lineSeries } from './fixtures.ts';

const data = allData();
const jobs = [barRanking, lineSeries, guMap].flatMap((chart) => (['ko', 'en'] as Lang[]).map((lang) => ({ chart, lang })));
const bytes = (r: RenderedChart) => ({ id: r.id, lang: r.lang, svg: r.svg, png: Buffer.from(r.png).toString('base64'), vega: r.vega, alt: r.alt });

test('six charts at once give the same SVG, PNG, Vega and alt text as one at a time', async () => {
  const one = createRenderer();
  const sequential: RenderedChart[] = [];
  for (const { chart, lang } of jobs) sequential.push(await one.renderChart(chart, lang, data, allColumns));
  const many = createRenderer();
  const concurrent = await Promise.all(jobs.map(({ chart, lang }) => many.renderChart(chart, lang, data, allColumns)));
  // the PNGs really were drawn by worker threads (at most one per core)
  const state = pngPoolState();
  expect(state.inProcess).toBe(false);
  expect(state.workers).toBeGreaterThanOrEqual(1);
  expect(state.workers).toBeLessThanOrEqual(pngParallelism());
  expect(concurrent.map(bytes)).toEqual(sequential.map(bytes));
  expect(many.stats()).toEqual({ rendered: 6, cached: 0, failed: 0 });
});

test('the PNG drawn in a worker is what resvg draws in this thread', async () => {
  const [chart] = [barRanking];
  const r = await createRenderer().renderChart(chart, 'ko', data, allColumns);
  const files = pretendardFiles();
  const source = r.svg.replace(/\sfont-family="[^"]*"/g, ` font-family="${FONT_FAMILY}"`);
  const direct = new Resvg(source, {
    fitTo: { mode: 'zoom', value: 2 },
    background: '#ffffff',
    font: { fontFiles: [files.regular, files.bold], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    logLevel: 'off',
  }).render().asPng();
  expect(Buffer.from(r.png).equals(Buffer.from(direct))).toBe(true);
  expect(Buffer.from(await svgToPng(r.svg)).equals(Buffer.from(direct))).toBe(true);
});

test('an SVG resvg cannot read fails that PNG only', async () => {
  const bad = svgToPng('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>');
  const good = svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="red"/></svg>');
  await expect(bad).rejects.toThrow();
  expect(Buffer.from(await good).subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(pngPoolState().inProcess).toBe(false);
});
