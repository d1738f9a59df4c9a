// `citydash new chart` and `citydash new dataset` write commented starting files that pass
// `citydash check` as written, and whose charts render (previews from the new sample).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCatalog } from '../../pipeline/check/index.ts';
import { cli, tempCatalog, testEffects, type TempCatalog } from './helpers.ts';

let cat: TempCatalog;
let base: TempCatalog;
beforeEach(async () => {
  cat = await tempCatalog();
  base = await tempCatalog();
});
afterEach(async () => {
  await Promise.all([cat?.cleanup(), base?.cleanup()]);
});

test('new dataset + new chart on it: check passes and both languages render', async () => {
  const ds = await cli(['new', 'dataset', '--id', 'noise-complaints', '--department', 'citizen-communication', '--catalog', cat.root]);
  expect(ds.error).toBeUndefined();
  const chart = await cli(['new', 'chart', '--dataset', 'noise-complaints', '--id', 'noise-by-gu', '--catalog', cat.root]);
  expect(chart.error).toBeUndefined();
  const text = await readFile(join(cat.root, 'viz-specs/environment/noise-by-gu.yaml'), 'utf8');
  expect(text).toContain('# Chart id: lowercase letters, digits and dashes');
  expect(text).toMatch(/^# 차트 id: /m);
  const descriptor = await readFile(join(cat.root, 'sources/citizen-communication/noise-complaints.yaml'), 'utf8');
  expect(descriptor).toContain('department: {id: citizen-communication, ko: "부서 이름", en: "Department name"}');

  const out = await mkdtemp(join(tmpdir(), 'citydash-new-previews-'));
  try {
    const result = await checkCatalog(cat.root, { base: { root: base.root }, previews: { outDir: out } }, testEffects());
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.changes.datasets.added).toEqual(['noise-complaints']);
    expect(result.previews.map((p) => [p.chart, p.images.length, p.skipped])).toEqual([['noise-by-gu', 2, undefined]]);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('new chart on an existing dataset with time: a line chart that passes', async () => {
  const run = await cli(['new', 'chart', '--dataset', 'air-daily', '--id', 'air-line', '--area', 'environment', '--catalog', cat.root]);
  expect(run.error).toBeUndefined();
  expect(await readFile(join(cat.root, 'viz-specs/environment/air-line.yaml'), 'utf8')).toContain('mark: line');
  const check = await cli(['check', '--catalog', cat.root]);
  expect(check.out).toMatch(/^check passed/m);
  expect(check.exit).toBe(0);
});

test('new refuses bad ids, unknown datasets and areas, and never overwrites', async () => {
  const err = async (args: string[]) => (await cli(['new', ...args, '--catalog', cat.root])).error?.message ?? '';
  expect(await err(['chart', '--dataset', 'air-dialy', '--id', 'x'])).toMatch(/not a dataset of the catalog.*did you mean "air-daily"\?/);
  expect(await err(['chart', '--dataset', 'air-daily', '--id', 'Bad_Id'])).toMatch(/--id "Bad_Id": use lowercase letters/);
  expect(await err(['chart', '--dataset', 'air-daily', '--id', 'x', '--area', 'sports'])).toMatch(/--area "sports": use one of environment/);
  expect(await err(['chart', '--dataset', 'air-daily', '--id', 'pm25-trend'])).toMatch(/already exists/);
  expect(await err(['dataset', '--id', 'air-daily', '--department', 'x'])).toMatch(/already exists/);
  expect(await err(['dataset', '--id', 'y', '--department', 'derived'])).toMatch(/--department derived/);
});
