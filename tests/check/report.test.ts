// The pull-request report: what changed against a base checkout, previews of exactly the
// new or changed charts (both languages), hostile charts refused before anything renders
// them, ids that disappear flagged, and author text escaped in the Markdown comment.
import { mkdtemp, readdir, readFile, realpath, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCatalog } from '../../pipeline/check/index.ts';
import { cli, tempCatalog, testEffects, type TempCatalog } from './helpers.ts';

const NEW_CHART = `id: pm10-by-gu
area: environment
title: {ko: 자치구별 미세먼지, en: PM10 by gu}
description:
  ko: 자치구별 평균 미세먼지 농도입니다.
  en: Mean PM10 in each gu.
data: [air-daily]
spec:
  data: {name: air-daily}
  mark: bar
  encoding:
    y: {field: gu_ko, type: nominal, sort: -x}
    x: {field: pm10, type: quantitative, aggregate: mean}
`;

let base: TempCatalog;
let head: TempCatalog;
let out: string;
beforeEach(async () => {
  base = await tempCatalog();
  head = await tempCatalog();
  out = await mkdtemp(join(tmpdir(), 'citydash-previews-'));
});
afterEach(async () => {
  await Promise.all([base?.cleanup(), head?.cleanup(), out && rm(out, { recursive: true, force: true })]);
});

const PNG = [0x89, 0x50, 0x4e, 0x47];

test('a pull request adding one chart: its previews in both languages, nothing from other charts', async () => {
  await writeFile(join(head.root, 'viz-specs/environment/pm10-by-gu.yaml'), NEW_CHART);
  const run = await cli(['check', '--catalog', head.root, '--base', base.root, '--format', 'markdown', '--preview-dir', out]);
  expect(run.exit).toBe(0);
  const md = run.out;
  expect(md).toMatch(/^<!-- citydash-check-report -->\n## citydash check: ✅/);
  expect(md).toContain('| 차트 Charts | `pm10-by-gu` | — | — |');
  expect(md).toContain('| 데이터셋 Datasets | — | — | — |');
  const images = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
  expect(images).toEqual(['pm10-by-gu.ko.png', 'pm10-by-gu.en.png']);
  expect(md).not.toMatch(/pm25-trend|pm25-by-gu/);
  expect((await readdir(out)).sort()).toEqual(['pm10-by-gu.en.png', 'pm10-by-gu.ko.png']);
  for (const f of images) expect([...(await readFile(join(out, f))).subarray(0, 4)]).toEqual(PNG);
  expect(md).toMatch(/#### `pm10-by-gu` — 자치구별 미세먼지 \/ PM10 by gu \(새 차트 new\)/);
});

test('a changed chart is previewed; text and json formats list the change', async () => {
  const file = join(head.root, 'viz-specs/environment/pm25-by-gu.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace('mark: bar', 'mark: point'));
  const result = await checkCatalog(head.root, { base: { root: base.root }, previews: { outDir: out } }, testEffects());
  expect(result.ok).toBe(true);
  expect(result.changes.charts).toEqual({ added: [], changed: ['pm25-by-gu'], removed: [] });
  expect(result.previews.map((p) => [p.chart, p.status, p.images.map((i) => i.file)])).toEqual([['pm25-by-gu', 'changed', ['pm25-by-gu.ko.png', 'pm25-by-gu.en.png']]]);
  const text = await cli(['check', '--catalog', head.root, '--base', base.root]);
  expect(text.out).toContain('changes vs base — charts: 0 added, 1 changed, 0 removed; datasets: 0 added, 0 changed, 0 removed');
  const json = JSON.parse((await cli(['check', '--catalog', head.root, '--base', base.root, '--format', 'json'])).out);
  expect(json.ok).toBe(true);
  expect(json.changes.charts.changed).toEqual(['pm25-by-gu']);
});

test('a hostile chart is refused before rendering: no preview file, exit 3', async () => {
  const hostile = NEW_CHART.replace('id: pm10-by-gu', 'id: leak').replace('data: {name: air-daily}', 'data: {url: "file:///etc/passwd"}');
  await writeFile(join(head.root, 'viz-specs/environment/leak.yaml'), hostile);
  const result = await checkCatalog(head.root, { base: { root: base.root }, previews: { outDir: out } }, testEffects());
  expect(result.ok).toBe(false);
  expect(result.problems.map((p) => `${p.file}:${p.line}:${p.col}`)).toContain('viz-specs/environment/leak.yaml:9:10');
  expect(result.previews).toEqual([]);
  expect(await readdir(out).catch(() => [])).toEqual([]);
  const run = await cli(['check', '--catalog', head.root, '--base', base.root, '--format', 'markdown', '--preview-dir', out]);
  expect(run.exit).toBe(3);
  expect(run.out).not.toContain('![');
});

test('SQL that fails its check is never run for a preview', async () => {
  const derived = (await readFile(join(head.root, 'sources/derived/air-by-gu.yaml'), 'utf8'))
    .replace('id: air-by-gu', 'id: air-leak')
    .replace('FROM "air-daily"', "FROM read_csv('/etc/passwd')");
  await writeFile(join(head.root, 'sources/derived/air-leak.yaml'), derived);
  await writeFile(join(head.root, 'viz-specs/environment/leak-chart.yaml'), NEW_CHART.replace('id: pm10-by-gu', 'id: leak-chart').replaceAll('air-daily', 'air-leak').replace('pm10, type', 'pm25, type'));
  const result = await checkCatalog(head.root, { base: { root: base.root }, previews: { outDir: out } }, testEffects());
  expect(result.ok).toBe(false);
  expect(result.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`)).toContain('sources/derived/air-leak.yaml:12:8: read_csv() is not allowed: derived SQL reads only catalog datasets, never files or other sources');
  // The chart is left out with its dataset, so no preview of it is even attempted.
  expect(result.problems.map((p) => `${p.file}:${p.message}`)).toContain('viz-specs/environment/leak-chart.yaml:"data" names dataset "air-leak", which has errors (see sources/derived/air-leak.yaml) and is left out');
  expect(result.previews).toEqual([]);
  expect(await readdir(out)).toEqual([]);
});

test('previews never read a file outside the catalog, even through a symlinked sample', async () => {
  const outside = await mkdtemp(join(tmpdir(), 'citydash-outside-'));
  try {
    const sample = join(head.root, 'sources/climate-environment/samples/air-daily.csv');
    await writeFile(join(outside, 'secret.csv'), await readFile(sample));
    await unlink(sample);
    await symlink(join(outside, 'secret.csv'), sample);
    await writeFile(join(head.root, 'viz-specs/environment/pm10-by-gu.yaml'), NEW_CHART);
    const result = await checkCatalog(head.root, { base: { root: base.root }, previews: { outDir: out } }, testEffects());
    // Refused where the catalog is loaded, so no preview of it (nor of its charts) is attempted.
    expect(result.problems.map((p) => p.message)).toContain(`file "samples/air-daily.csv" is a symbolic link to ${join(await realpath(outside), 'secret.csv')}, outside the catalog folder: links may only point at files inside the catalog`);
    expect(result.previews).toEqual([]);
  } finally {
    await rm(outside, { recursive: true, force: true });
  }
});

test('an id in the base that disappears is an error at the base file', async () => {
  await rm(join(head.root, 'viz-specs/environment/pm25-trend.yaml'));
  const run = await cli(['check', '--catalog', head.root, '--base', base.root]);
  expect(run.exit).toBe(3);
  expect(run.out).toMatch(/^viz-specs\/environment\/pm25-trend\.yaml:1:5: chart "pm25-trend" was removed \(its descriptor viz-specs\/environment\/pm25-trend\.yaml is in the base catalog\): ids are permanent/m);
  const renamed = join(head.root, 'viz-specs/environment/pm25-by-gu.yaml');
  await writeFile(renamed, (await readFile(renamed, 'utf8')).replace('id: pm25-by-gu', 'id: pm25-gu'));
  const again = await cli(['check', '--catalog', head.root, '--base', base.root]);
  expect(again.out).toMatch(/^viz-specs\/environment\/pm25-by-gu\.yaml:1:5: chart id changed from "pm25-by-gu" to "pm25-gu"/m);
});

test('paths limit the report to those files', async () => {
  await writeFile(join(head.root, 'viz-specs/environment/broken.yaml'), NEW_CHART.replace('id: pm10-by-gu', 'id: broken').replace('pm10, type', 'pm1O, type'));
  const all = await cli(['check', '--catalog', head.root]);
  expect(all.exit).toBe(3);
  expect(all.out).toMatch(/^viz-specs\/environment\/broken\.yaml:13:16: field "pm1O" is not a column of dataset "air-daily"; did you mean "pm10"\?/m);
  const some = await cli(['check', join(head.root, 'viz-specs/environment/pm25-trend.yaml'), '--catalog', head.root]);
  expect(some.exit).toBe(0);
  expect(some.out).not.toContain('broken.yaml');
});

test('author text is escaped in the Markdown comment', async () => {
  const chart = NEW_CHART.replace('title: {ko: 자치구별 미세먼지, en: PM10 by gu}', 'title: {ko: "<img src=x onerror=alert(1)> @everyone", en: "[click](https://evil.example) | x"}');
  await writeFile(join(head.root, 'viz-specs/environment/pm10-by-gu.yaml'), chart);
  const run = await cli(['check', '--catalog', head.root, '--base', base.root, '--format', 'markdown', '--preview-dir', out]);
  expect(run.out).toContain('&lt;img src=x onerror=alert\\(1\\)&gt; &#64;everyone');
  expect(run.out).toContain('\\[click\\]\\(https://evil\\.example\\) \\| x');
  expect(run.out).not.toMatch(/<img|@everyone|\]\(https:\/\/evil/);
});

test('usage errors: unknown format, path outside the catalog, missing base', async () => {
  expect((await cli(['check', '--catalog', head.root, '--base', join(head.root, 'nope')])).error?.message).toMatch(/--base ".*nope": no such folder/);
  expect((await cli(['check', '--catalog', head.root, '--format', 'html'])).error?.message).toMatch(/--format "html": use one of text, json, markdown/);
  expect((await cli(['check', '/etc/passwd', '--catalog', head.root])).error?.message).toMatch(/is not inside the catalog/);
});
