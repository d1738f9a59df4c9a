import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRenderer } from '../../pipeline/render/index.ts';
import { allColumns, allData, barRanking, lineSeries } from './fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'citydash-render-cache-'));
});
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('a second render with the same inputs comes from the cache, byte for byte', async () => {
  const first = createRenderer({ cacheDir: dir });
  const a = await first.renderChart(barRanking, 'ko', allData(), allColumns);
  expect(a.cached).toBe(false);
  expect(first.stats()).toEqual({ rendered: 1, cached: 0, failed: 0 });
  expect((await readdir(join(dir, a.cacheKey))).sort()).toEqual(['alt.json', 'chart.png', 'chart.svg', 'download.svg', 'meta.json', 'narrow-vega.json', 'narrow.svg', 'vega-lite.json', 'vega.json']);

  // a new renderer, as in the next cycle
  const second = createRenderer({ cacheDir: dir });
  const b = await second.renderChart(barRanking, 'ko', allData(), allColumns);
  expect(b.cached).toBe(true);
  expect(second.stats()).toEqual({ rendered: 0, cached: 1, failed: 0 });
  expect(b.cacheKey).toBe(a.cacheKey);
  expect(b.svg).toBe(a.svg);
  expect(Buffer.from(b.png).equals(Buffer.from(a.png))).toBe(true);
  expect(b.vega).toEqual(a.vega);
  expect(b.vegaLite).toEqual(a.vegaLite);
  expect(b.alt).toEqual(a.alt);
  expect(b.narrow).toEqual(a.narrow);
});

test('a cache hit is read from disk, not compiled again', async () => {
  const r = createRenderer({ cacheDir: dir });
  const a = await r.renderChart(lineSeries, 'en', allData(), allColumns);
  const svgFile = join(dir, a.cacheKey, 'chart.svg');
  await writeFile(svgFile, (await readFile(svgFile, 'utf8')).replace('</desc>', '</desc><!--from cache-->'));
  const b = await r.renderChart(lineSeries, 'en', allData(), allColumns);
  expect(b.cached).toBe(true);
  expect(b.svg).toContain('<!--from cache-->');
});

test('any change to data, language or spec renders again', async () => {
  const r = createRenderer({ cacheDir: dir });
  const base = await r.renderChart(barRanking, 'ko', allData(), allColumns);
  const data = allData();
  data.cctv[0] = { ...data.cctv[0], cctv_total: 2781 };
  const changedData = await r.renderChart(barRanking, 'ko', data, allColumns);
  const otherLang = await r.renderChart(barRanking, 'en', allData(), allColumns);
  const changedSpec = await r.renderChart({ ...barRanking, spec: { ...barRanking.spec, width: 300 } }, 'ko', allData(), allColumns);
  const changedTitle = await r.renderChart({ ...barRanking, title: { ko: '새 제목', en: 'New' } }, 'ko', allData(), allColumns);
  const keys = [base, changedData, otherLang, changedSpec, changedTitle].map((x) => x.cacheKey);
  expect(new Set(keys).size).toBe(5);
  expect([changedData, otherLang, changedSpec, changedTitle].every((x) => !x.cached)).toBe(true);
  expect(r.stats()).toEqual({ rendered: 5, cached: 0, failed: 0 });
});

test('a half-written cache entry is rendered again', async () => {
  const r = createRenderer({ cacheDir: dir });
  const a = await r.renderChart(barRanking, 'en', allData(), allColumns);
  await unlink(join(dir, a.cacheKey, 'chart.png'));
  const b = await r.renderChart(barRanking, 'en', allData(), allColumns);
  expect(b.cached).toBe(false);
  expect(b.svg).toBe(a.svg);
});

test('without a cache folder every render compiles', async () => {
  const r = createRenderer();
  await r.renderChart(barRanking, 'ko', allData(), allColumns);
  const again = await r.renderChart(barRanking, 'ko', allData(), allColumns);
  expect(again.cached).toBe(false);
  expect(r.stats()).toEqual({ rendered: 2, cached: 0, failed: 0 });
});

test('the cache key names the installed version of every drawing library (none unknown: vega does not export its package.json)', async () => {
  const { LIBRARY_VERSIONS } = await import('../../pipeline/render/versions.ts');
  const { readFile } = await import('node:fs/promises');
  for (const [pkg, version] of Object.entries(LIBRARY_VERSIONS)) {
    const manifest = JSON.parse(await readFile(`node_modules/${pkg}/package.json`, 'utf8')) as { version: string };
    expect([pkg, version]).toEqual([pkg, manifest.version]);
  }
});
