// assembleSiteModel over the hand-made fixture, plus the small pieces it is built from
// (links, formats, indicator, SVG check against real vega output).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';
import { memoryLogger } from '../../pipeline/log.ts';
import { formatCell, formatDate, formatNumber, formatPeriod, fill } from '../../pipeline/site/format.ts';
import { computeIndicator, sparklinePoints } from '../../pipeline/site/indicator.ts';
import { fillTemplate, feedbackLinks } from '../../pipeline/site/feedback-links.ts';
import { relativeHref, safeHref } from '../../pipeline/site/links.ts';
import { assembleSiteModel, type SiteColumn, type SiteModel } from '../../pipeline/site/model.ts';
import { checkInlineSvg } from '../../pipeline/site/svg-guard.ts';
import { readSiteInputs } from '../../pipeline/site/inputs.ts';
import { workDir } from '../../pipeline/workdir.ts';
import type { ChartDescriptor, Row } from '../../pipeline/types.ts';
import { makeFixture, type Fixture } from './fixture.ts';

let fx: Fixture;
let model: SiteModel;
const log = memoryLogger();

beforeAll(async () => {
  fx = await makeFixture();
  fx.catalog.charts.push({ ...fx.catalog.charts[0], id: '../escape', file: 'viz-specs/x/bad.yaml' });
  fx.catalog.settings.feedback = { url: 'https://forms.example.kr/f?k={kind}&i={id}&c={cycle}&u={url}&t={title}' };
  model = await assembleSiteModel(fx.catalog, fx.input, log);
});
afterAll(async () => {
  if (fx) await rm(fx.dir, { recursive: true, force: true });
});

test('the model is plain JSON', () => {
  expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  expect(model).toMatchObject({ version: 1, cycleId: '2024-11-28T2100Z', builtAt: '2024-11-28T21:05:00.000Z', sample: true });
  expect(model.strings.ko.sampleTitle).toBe('예시 데이터');
  expect(model.strings.en.sampleTitle).toBe('Sample data');
});

test('a chart id that is not a safe page name is left off the site, with a located error', () => {
  expect(model.charts.map((c) => c.id)).toEqual(['pm25-by-district', 'pm10-daily', 'subway-riders', 'budget-rate']);
  expect(log.lines).toContain('error: viz-specs/x/bad.yaml: chart id "../escape" is not a safe page name ([a-z0-9-]); left off the site');
});

test('datasets: columns merged from descriptor, schema and district conforming; validation; provenance', () => {
  const daily = model.datasets.find((d) => d.id === 'air-quality-daily')!;
  expect(daily.columns.map((c) => [c.name, c.type, c.unit, c.title.en, c.description?.ko ?? null, c.higherIsBetter, c.key])).toEqual([
    ['date', 'date', null, 'Date', null, null, true],
    ['station', 'string', null, 'Station', null, null, true],
    ['pm10', 'number', '㎍/㎥', 'PM10', null, false, false],
    ['pm25', 'number', '㎍/㎥', 'pm25', '초미세먼지(PM2.5) 농도', false, false],
    ['gu_code', 'string', null, 'Gu code', null, null, false],
    ['gu_ko', 'string', null, 'Gu (Korean)', null, null, false],
    ['gu_en', 'string', null, 'Gu (English)', null, null, false],
  ]);
  expect(daily.validation).toEqual({
    status: 'ok', rowsRead: 33, valid: 30, rejected: 3, duplicates: 1, districtsUnmatched: 10,
    unmatchedDistrictValues: [{ value: '강남대로', count: 10, en: null }],
    reasons: [
      { rule: 'type', column: 'pm10', count: 2, example: '-', message: 'not a number' },
      { rule: 'format', column: 'date', count: 1, example: '20241399', message: 'not a date' },
    ],
    error: null,
  });
  expect(daily).toMatchObject({ available: true, rows: 30, sample: true, stale: null, cadence: 'daily', charts: ['pm10-daily'], path: { ko: '/ko/datasets/air-quality-daily/', en: '/en/datasets/air-quality-daily/' } });
  // What period the data is as of, read from its time column, apart from when it was checked.
  expect(daily.time).toEqual({ column: 'date', grain: 'day' });
  expect(daily.period).toEqual({ grain: 'day', first: { grain: 'day', start: '2024-11-01' }, latest: { grain: 'day', start: '2024-11-10' }, basis: 'column' });
  expect(daily.checkedAt).toBe('2024-11-28T21:00:00.000Z');
  expect(model.datasets.find((d) => d.id === 'air-quality-monthly-by-gu')).toMatchObject({ period: { latest: { grain: 'month', start: '2024-11-01' } }, checkedAt: null });
  expect(daily.licence).toEqual({ id: 'KOGL-1', title: { ko: '공공누리 제1유형: 출처표시', en: 'Korea Open Government Licence Type 1: Attribution' }, url: 'https://www.kogl.or.kr/info/licenseType1.do' });
  const derived = model.datasets.find((d) => d.id === 'air-quality-monthly-by-gu')!;
  expect(derived.derived?.from).toEqual(['air-quality-daily']);
  expect(derived.derived?.sql).toContain('FROM "air-quality-daily"');
  expect(derived.charts).toEqual(['pm25-by-district']);
  const missing = model.datasets.find((d) => d.id === 'budget-execution')!;
  expect(missing).toMatchObject({ available: false, rows: 0, downloads: null, validation: null, fetch: null, hash: null });
  expect(model.datasets.find((d) => d.id === 'subway-ridership')!.stale).toEqual({ since: '2024-11-21T21:00:00.000Z', reason: 'HTTP 500 from openapi.seoul.go.kr' });
});

test('charts: provenance from their datasets, per-language renders, every row in the table, embed code', () => {
  const daily = model.charts.find((c) => c.id === 'pm10-daily')!;
  expect(daily.datasets).toEqual(['air-quality-daily']);
  expect(daily.departments).toEqual([{ id: 'climate-environment', ko: '기후환경본부', en: 'Climate and Environment HQ' }]);
  expect(daily.updatedAt).toBe('2024-11-28T21:00:00.000Z');
  expect(daily.preview?.rows).toHaveLength(30);
  expect(daily.preview?.total).toBe(30);
  expect(daily.preview?.rows[2]).toEqual(['2024-11-01', '강남대로', 41, 15, null, null, null]);
  // One format per column: as many decimals as its most precise value; dates by the dataset's grain;
  // the gu in each language's own column.
  expect(daily.preview?.columns.map((c) => [c.name, c.digits, c.grain, c.hiddenIn])).toEqual([
    ['date', null, 'day', null], ['station', null, null, null], ['pm10', 0, null, null], ['pm25', 1, null, null],
    ['gu_code', null, null, null], ['gu_ko', null, null, 'en'], ['gu_en', null, null, 'ko'],
  ]);
  expect(daily.period?.latest).toEqual({ grain: 'day', start: '2024-11-10' });
  expect(model.charts.find((c) => c.id === 'subway-riders')!.preview?.columns.find((c) => c.name === 'change')).toMatchObject({ digits: 1 });
  expect(daily.render.ko?.svg?.startsWith('<svg ')).toBe(true);
  expect(daily.render.en?.alt).toEqual({ text: 'Daily PM10: highest in Jongno-gu', drafted: false });
  expect(daily.render.ko?.files.png.path).toMatch(/^charts\/pm10-daily\.ko\.[0-9a-f]{12}\.png$/);
  // Without a baseUrl a pasted snippet would point nowhere: none is offered.
  expect(daily.embedCode).toBeNull();
  const budget = model.charts.find((c) => c.id === 'budget-rate')!;
  expect(budget).toMatchObject({ render: { ko: null, en: null }, preview: null, indicator: null, updatedAt: null, sample: false });
  expect(model.charts.find((c) => c.id === 'subway-riders')!.stale).toEqual([{ dataset: 'subway-ridership', since: '2024-11-21T21:00:00.000Z', reason: 'HTTP 500 from openapi.seoul.go.kr' }]);
});

test('indicators: latest value, previous period, change and its meaning, filter, averaging', () => {
  const pm25 = model.charts.find((c) => c.id === 'pm25-by-district')!.indicator!;
  expect(pm25).toMatchObject({ dataset: 'air-quality-monthly-by-gu', column: 'pm25', unit: '㎍/㎥', time: '2024-11', value: 17.25, previous: { time: '2024-10', value: 21 }, averaged: false });
  expect(pm25.change).toEqual({ delta: -3.75, percent: -17.8571, points: false, direction: 'down', meaning: 'better' });
  expect(pm25).toMatchObject({ grain: 'month', period: { grain: 'month', start: '2024-11-01' }, compare: 'previous', measure: { ko: '초미세먼지', en: 'PM2.5' }, label: null, filter: [{ value: '11110', en: null }], missing: null });
  expect(pm25.series.map((p) => p.time)).toEqual(['2024-08', '2024-09', '2024-10', '2024-11']);
  const pm10 = model.charts.find((c) => c.id === 'pm10-daily')!.indicator!;
  // No filter and three stations a day: the mean of the day, flagged as averaged.
  expect(pm10).toMatchObject({ time: '2024-11-10', value: 45, previous: { time: '2024-11-09', value: 44 }, averaged: true });
  // Lower is better for PM10, but one day against the day before is weather, not progress: not judged.
  expect(pm10.change).toMatchObject({ direction: 'up', meaning: 'neutral' });
  const riders = model.charts.find((c) => c.id === 'subway-riders')!.indicator!;
  expect(riders.change).toMatchObject({ delta: 12345, direction: 'up', meaning: 'better' });
  expect(model.areas.map((a) => [a.id, a.charts, a.indicators])).toEqual([
    ['environment', ['pm25-by-district', 'pm10-daily'], ['pm25-by-district', 'pm10-daily']],
    ['transport', ['subway-riders'], ['subway-riders']],
    ['finance', ['budget-rate'], []],
    ['health', [], []],
  ]);
});

async function* rowsOf(rows: Row[]) {
  yield* rows;
}

test('indicator edge cases: numeric years, no change, no higherIsBetter, a missing column', async () => {
  const cols = [
    { name: 'year', type: 'integer' as const, unit: null, unitEn: null, labels: null, title: { ko: '', en: '' }, description: null, higherIsBetter: null, key: true },
    { name: 'v', type: 'number' as const, unit: '%', unitEn: '%', labels: null, title: { ko: '', en: '' }, description: null, higherIsBetter: null, key: false },
  ];
  const chart = { id: 'c', file: 'c.yaml', indicator: { dataset: 'd', value: 'v' } } as ChartDescriptor;
  const ind = await computeIndicator(chart, cols, rowsOf([{ year: 2025, v: 5 }, { year: 2023, v: 4 }, { year: 2024, v: 5 }, { year: 2022, v: null }]));
  // Percentages change by percentage points, never also by a percent of a percent.
  expect(ind).toMatchObject({ time: 2025, value: 5, previous: { time: 2024, value: 5 }, change: { delta: 0, percent: null, points: true, direction: 'flat', meaning: 'neutral' } });
  expect(ind?.series.map((p) => p.time)).toEqual([2023, 2024, 2025]);
  const zero = await computeIndicator(chart, cols, rowsOf([{ year: 2024, v: 0 }, { year: 2025, v: 2 }]));
  expect(zero?.change).toEqual({ delta: 2, percent: null, points: true, direction: 'up', meaning: 'neutral' });
  expect(await computeIndicator(chart, cols, rowsOf([]))).toBeNull();
  const bad = { ...chart, indicator: { dataset: 'd', value: 'nope' } } as ChartDescriptor;
  await expect(computeIndicator(bad, cols, rowsOf([]))).rejects.toThrow('c.yaml (chart c) indicator: value column "nope" is not a column of d');
  expect(sparklinePoints([1, 2, 3])).toBe('0,30 50,16 100,2');
  expect(sparklinePoints([7, 7])).toBe('0,16 100,16');
});

test('cards compare like with like: the period before or a year before, never across a gap; judged only when meaningful', async () => {
  const col = (name: string, extra: Partial<SiteColumn> = {}): SiteColumn => ({ name, type: 'number', unit: null, unitEn: null, labels: null, title: { ko: name, en: name }, description: null, higherIsBetter: null, key: false, ...extra });
  const cols = [col('month', { type: 'date', key: true }), col('line', { type: 'string', labels: { '2호선': 'Line 2' } }), col('fires', { unit: '건', unitEn: 'cases', higherIsBetter: false })];
  const month = (m: string, fires: number) => ({ month: `${m}-01`, line: '2호선', fires });
  const rows = [month('2025-10', 300), month('2026-08', 310), month('2026-10', 330)];
  const monthly = { column: 'month', grain: 'month' as const };
  const chart = (indicator: object) => ({ id: 'c', file: 'c.yaml', indicator: { dataset: 'd', value: 'fires', ...indicator } }) as ChartDescriptor;

  // A year back: October 2025, and lower is better, so more fires is worse.
  const yearAgo = await computeIndicator(chart({ compare: 'year-ago', filter: { line: '2호선' } }), cols, rowsOf(rows), monthly);
  expect(yearAgo).toMatchObject({ compare: 'year-ago', previous: { time: '2025-10-01', value: 300 }, missing: null, unitEn: 'cases', filter: [{ value: '2호선', en: 'Line 2' }] });
  expect(yearAgo?.change).toEqual({ delta: 30, percent: 10, points: false, direction: 'up', meaning: 'worse' });
  // The month before is missing: no comparison with August (two months back), and the card says which month it lacks.
  const previous = await computeIndicator(chart({}), cols, rowsOf(rows), monthly);
  expect(previous).toMatchObject({ change: null, previous: null, missing: { grain: 'month', start: '2026-09-01' } });
  // Without a declared grain the card compares with the point before and never judges.
  const unknown = await computeIndicator(chart({}), cols, rowsOf(rows), null);
  expect(unknown?.change).toMatchObject({ delta: 20, direction: 'up', meaning: 'neutral' });
  // A day against the day before is stated, not judged; a day against the same day a year before is.
  const daily = [{ month: '2025-11-27', fires: 5 }, { month: '2026-11-26', fires: 9 }, { month: '2026-11-27', fires: 7 }];
  const byDay = { column: 'month', grain: 'day' as const };
  expect((await computeIndicator(chart({}), cols, rowsOf(daily), byDay))?.change).toMatchObject({ direction: 'down', meaning: 'neutral' });
  expect((await computeIndicator(chart({ compare: 'year-ago' }), cols, rowsOf(daily), byDay))?.change).toMatchObject({ direction: 'up', meaning: 'worse' });
});

test('feedback links fill {kind} {id} {cycle} {date} {url} {title}, URL-encoded, from the configured template', () => {
  const chart = model.charts.find((c) => c.id === 'pm25-by-district')!;
  const u = new URL(chart.feedback.links!.ko.github!);
  expect(Object.fromEntries(u.searchParams)).toEqual({ k: 'chart', i: 'pm25-by-district', c: '2024-11-28T2100Z', u: '/ko/charts/pm25-by-district/', t: '구별 초미세먼지' });
  expect(chart.feedback.links!.ko.reference).toBe('차트 pm25-by-district · 데이터 기준일 2024-11-29 · 주기 2024-11-28T2100Z');
  const ref = { kind: 'chart' as const, id: 'x', cycle: 'c', date: null, url: '/', title: 't' };
  expect(fillTemplate('javascript:alert({id})', ref)).toBeNull();
  expect(feedbackLinks({}, ref, 'ko')).toBeNull();
  expect(fillTemplate('mailto:data@seoul.go.kr?subject={title}%20{id}', { ...ref, kind: 'dataset', title: '제목 & co' })).toBe('mailto:data@seoul.go.kr?subject=%EC%A0%9C%EB%AA%A9%20%26%20co%20x');
});

test('links: relative hrefs from any page; only http(s) and mailto become links', () => {
  expect(relativeHref('/data/a.csv', '/ko/charts/x/')).toBe('../../../data/a.csv');
  expect(relativeHref('/ko/', '/ko/charts/x/')).toBe('../../');
  expect(relativeHref('/ko/charts/x/', '/ko/charts/x/')).toBe('./');
  expect(relativeHref('/en/charts/x/', '/ko/charts/x/')).toBe('../../../en/charts/x/');
  expect(relativeHref('/ko/', '/')).toBe('ko/');
  expect(relativeHref('/ko/#main', '/ko/')).toBe('./#main');
  expect(relativeHref('https://x.kr/a', '/ko/')).toBe('https://x.kr/a');
  expect(safeHref('javascript:alert(1)')).toBeNull();
  expect(safeHref(' JAVASCRIPT:alert(1)')).toBeNull();
  expect(safeHref('data:text/html,<script>')).toBeNull();
  expect(safeHref('not a url')).toBeNull();
  expect(safeHref('https://data.seoul.go.kr/x?a=1&b=2')).toBe('https://data.seoul.go.kr/x?a=1&b=2');
});

test('numbers and dates per language', () => {
  expect(formatNumber(1234567.891, 'ko')).toBe('1,234,567.891');
  expect(formatNumber(2024, 'en', { grouping: false })).toBe('2024');
  expect(formatNumber(-3.75, 'ko', { signed: true })).toBe('-3.75');
  expect(formatNumber(0.8, 'en', { signed: true })).toBe('+0.8');
  expect(formatDate('2024-11-27', 'ko')).toBe('2024년 11월 27일');
  expect(formatDate('2024-11-27', 'en')).toBe('27 November 2024');
  expect(formatDate('2024-11', 'ko')).toBe('2024년 11월');
  expect(formatDate('2024-11', 'en')).toBe('Nov 2024');
  expect(formatDate(2024, 'ko')).toBe('2024년');
  expect(formatDate('2024-11-27T24:00', 'en')).toBe('28 November 2024 at 00:00');
  expect(formatDate('2024-11-27T09:30', 'ko')).toBe('2024년 11월 27일 09:30');
  expect(formatDate('2024-11-28T21:00:00.000Z', 'ko')).toBe('2024년 11월 29일 06:00');
  expect(formatDate('2024-11-28T21:00:00.000Z', 'en')).toBe('29 November 2024 at 06:00 KST');
  expect(formatDate('어제', 'ko')).toBe('어제');
  // An HTTP Last-Modified is an instant like any other: Seoul time, never GMT.
  expect(formatDate('Fri, 04 Dec 2026 17:04:39 GMT', 'ko')).toBe('2026년 12월 5일 02:04');
  expect(formatDate('Fri, 04 Dec 2026 17:04:39 GMT', 'en')).toBe('5 December 2026 at 02:04 KST');
  // Periods of the data in their grain's words, long in sentences and short in table cells.
  const day = { grain: 'day' as const, start: '2026-11-27' };
  const month = { grain: 'month' as const, start: '2026-11-01' };
  const quarter = { grain: 'quarter' as const, start: '2026-07-01' };
  const year = { grain: 'year' as const, start: '2026-01-01' };
  expect([day, month, quarter, year].map((p) => formatPeriod(p, 'ko'))).toEqual(['2026년 11월 27일', '2026년 11월', '2026년 3분기', '2026년']);
  expect([day, month, quarter, year].map((p) => formatPeriod(p, 'en'))).toEqual(['27 November 2026', 'November 2026', 'Q3 2026', '2026']);
  expect([day, month].map((p) => formatPeriod(p, 'en', 'short'))).toEqual(['27 Nov 2026', 'Nov 2026']);
  // Table cells: one number of decimals per column, months as months.
  expect([56, 47.4].map((v) => formatCell(v, 'en', { type: 'number', digits: 1 }))).toEqual(['56.0', '47.4']);
  expect(formatCell('2026-11-01', 'ko', { type: 'date', grain: 'month' })).toBe('2026년 11월');
  expect(formatCell('2026-11-01', 'en', { type: 'date', grain: 'month' })).toBe('Nov 2026');
  expect(formatCell(2025, 'ko', { type: 'integer', key: true, grain: 'year' })).toBe('2025년');
  expect(fill('{a} and {b} {c}', { a: '{b}', b: 2 })).toBe('{b} and 2 {c}');
});

test('the inline SVG check accepts real vega output and refuses anything that could run', async () => {
  const specs = [
    { data: { values: [{ a: '<script>', b: 1, c: 'p' }, { a: 'y', b: -2, c: 'q' }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal', title: '"><img src=x onerror=alert(1)>' }, y: { field: 'b', type: 'quantitative' }, color: { field: 'c' } } },
    { data: { values: [{ a: 1, b: 1 }, { a: 2, b: 3 }] }, mark: { type: 'line', point: true, clip: true }, encoding: { x: { field: 'a', type: 'quantitative', scale: { domain: [1.5, 2] } }, y: { field: 'b', type: 'quantitative' } }, title: { text: 'T', subtitle: 'S' } },
    { data: { values: [{ a: 1, b: 1 }, { a: 2, b: 3 }] }, mark: 'rect', encoding: { x: { field: 'a', type: 'ordinal' }, y: { field: 'b', type: 'ordinal' }, color: { field: 'b', type: 'quantitative' } } },
  ];
  for (const spec of specs) {
    const view = new vega.View(vega.parse(vl.compile(spec as vl.TopLevelSpec).spec, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter });
    const svg = await view.toSVG();
    expect(checkInlineSvg(`<?xml version="1.0"?>\n${svg}`)).toEqual({ ok: true, svg });
    view.finalize();
  }
  const refused = (svg: string) => {
    const r = checkInlineSvg(svg);
    return r.ok ? 'accepted' : r.reason;
  };
  expect(refused('<svg><script>alert(1)</script></svg>')).toBe('element <script> is not allowed inline');
  expect(refused('<svg><foreignObject><div/></foreignObject></svg>')).toBe('element <foreignObject> is not allowed inline');
  expect(refused('<svg><g onload="alert(1)"/></svg>')).toBe('event handler onload on <g>');
  expect(refused('<svg><rect style="fill:red"/></svg>')).toBe('style attribute on <rect> (blocked by the CSP)');
  expect(refused('<svg><use xlink:href="https://evil.example/x.svg#a"/></svg>')).toBe('link xlink:href on <use> leaves the document');
  expect(refused('<svg><a href="javascript:alert(1)"><text>x</text></a></svg>')).toBe('element <a> is not allowed inline');
  expect(refused('<div>not svg</div>')).toBe('does not start with <svg');
  expect(refused('<svg><text>1 < 2</text></svg>')).toBe('markup that is not an element at offset 13');
  expect(refused('<svg><!-- <script> --><use href="#a"/></svg>')).toBe('accepted');
});

test('site inputs come from the work dir: snapshot metas and reports; broken files are warnings', async () => {
  const work = workDir(join(fx.dir, '.citydash'));
  await mkdir(join(work.root, 'data'), { recursive: true });
  await mkdir(join(work.root, 'reports'), { recursive: true });
  const daily = fx.input.snapshots['air-quality-daily'];
  await writeFile(work.meta('air-quality-daily'), JSON.stringify(daily));
  await writeFile(work.report('air-quality-daily'), JSON.stringify(fx.input.reports!['air-quality-daily']));
  await writeFile(work.meta('subway-ridership'), '{"id": ');
  const warnings = memoryLogger();
  const got = await readSiteInputs(fx.catalog, work, warnings);
  expect(Object.keys(got.snapshots)).toEqual(['air-quality-daily']);
  expect(got.snapshots['air-quality-daily']).toEqual(daily);
  expect(got.reports['air-quality-daily'].rejections).toHaveLength(3);
  expect(warnings.lines).toEqual([expect.stringMatching(/^warning: .*subway-ridership\.meta\.json: not valid JSON .*left out of the site$/)]);
});
