// The phone layout of every chart kind, reference bands and the colour-repeat warning (issue 12),
// rendered from the real CCTV rows and the monthly PM2.5 series of fixtures.ts.
import { GU } from '../../pipeline/districts.ts';
import { createRenderer } from '../../pipeline/render/index.ts';
import { narrowName } from '../../pipeline/render/gu-map.ts';
import { NARROW_WIDTH } from '../../pipeline/render/layouts.ts';
import { escapeXml } from '../../pipeline/render/svg-a11y.ts';
import type { ChartDescriptor, ReferenceBands } from '../../pipeline/types.ts';
import { allColumns, allData, barRanking, guMap, lineSeries, svgSize, svgTexts } from './fixtures.ts';

const renderer = createRenderer();

/** Every text line drawn, one-line texts and the lines of multi-line ones. */
function textLines(svg: string): string[] {
  const lines = [...svg.matchAll(/<tspan\b[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
  return [...svgTexts(svg), ...lines].filter((t) => t !== '');
}

/** Where vega placed the legend: its group's offset inside the plot's frame. */
function legendAt(svg: string): { x: number; y: number } {
  const m = /class="mark-group role-legend"[^>]*><g transform="translate\(([-\d.]+),([-\d.]+)\)"/.exec(svg);
  if (!m) throw new Error('no legend');
  return { x: Number(m[1]), y: Number(m[2]) };
}

test('a ranking on a phone: the whole chart in 320 px, every gu named in full, the wide one unchanged', async () => {
  const r = await renderer.renderChart(barRanking, 'en', allData(), allColumns);
  expect(r.narrow).toBeDefined();
  expect(svgSize(r.narrow!.svg).width).toBeLessThanOrEqual(NARROW_WIDTH);
  expect(svgSize(r.svg).width).toBeGreaterThan(NARROW_WIDTH + 100);
  const names = textLines(r.narrow!.svg);
  for (const g of GU) expect(names).toContain(g.en);
  expect(names.filter((t) => t.endsWith('…'))).toEqual([]);
  // the same accessible image: title and alt text, ids of its own (both are inlined in one page)
  expect(r.narrow!.svg).toMatch(/^<svg role="img" aria-labelledby="chart-cctv-ranking-narrow-en-title chart-cctv-ranking-narrow-en-desc"/);
  expect(r.narrow!.svg).toContain(`<desc id="chart-cctv-ranking-narrow-en-desc">${escapeXml(r.alt.text)}</desc>`);
  // the browser view of the phone layout is fitted to a width, as the static one
  expect((r.narrow!.vega as { autosize?: unknown }).autosize).toEqual({ type: 'fit-x', contains: 'padding' });
});

test('a series with a legend on a phone: the legend moves below the plot and stays inside the width', async () => {
  const chart: ChartDescriptor = {
    ...lineSeries,
    id: 'two-series',
    spec: {
      ...(lineSeries.spec as object),
      width: 640,
      transform: [{ fold: ['pm25', 'riders'], as: ['what', 'v'] }, { filter: "datum.what === 'pm25'" }, { calculate: "month(datum.month) < 6 ? 'H1' : 'H2'", as: 'half' }],
      encoding: { x: { field: 'month', type: 'temporal' }, y: { field: 'v', type: 'quantitative' }, color: { field: 'half', type: 'nominal', title: 'Half' } },
    },
  };
  const r = await renderer.renderChart(chart, 'en', allData(), allColumns);
  expect(svgSize(r.narrow!.svg).width).toBeLessThanOrEqual(NARROW_WIDTH);
  expect(svgTexts(r.narrow!.svg)).toEqual(expect.arrayContaining(['Half', 'H1', 'H2']));
  // wide: to the right of the 640 px plot, at its top; phone: under the plot (its 220 px)
  const wide = legendAt(r.svg);
  expect(wide.x).toBeGreaterThan(640);
  expect(wide.y).toBeLessThan(20);
  const phone = legendAt(r.narrow!.svg);
  expect(phone.x).toBeLessThan(20);
  expect(phone.y).toBeGreaterThan(220);
});

test('the gu map on a phone: 25 tiles in 320 px with short names, values and the legend below', async () => {
  for (const lang of ['ko', 'en'] as const) {
    const r = await renderer.renderChart(guMap, lang, allData(), allColumns);
    const svg = r.narrow!.svg;
    expect(svgSize(svg).width).toBeLessThanOrEqual(NARROW_WIDTH);
    const lines = textLines(svg);
    for (const g of GU) {
      const name = lang === 'ko' ? g.short.ko : narrowName(g.short.en);
      for (const part of name.split('\n')) expect(lines).toContain(part);
    }
    expect(lines.filter((t) => t.endsWith('…'))).toEqual([]);
    // wide: full names, the legend to the right
    expect(textLines(r.svg)).toContain(lang === 'ko' ? '영등포구' : 'Yeongdeungpo');
  }
});

test('long English gu names break after their first syllable; short ones stay whole', () => {
  expect(narrowName('Yeongdeungpo')).toBe('Yeong-\ndeungpo');
  expect(narrowName('Dongdaemun')).toBe('Dong-\ndaemun');
  expect(narrowName('Seodaemun')).toBe('Seo-\ndaemun');
  expect(narrowName('Eunpyeong')).toBe('Eun-\npyeong');
  expect(narrowName('Gangnam')).toBe('Gang-\nnam');
  expect(narrowName('Jongno')).toBe('Jongno');
  expect(narrowName('Mapo')).toBe('Mapo');
  // every gu's phone name fits: no line longer than seven letters
  for (const g of GU) for (const line of narrowName(g.short.en).split('\n')) expect(line.length).toBeLessThanOrEqual(7);
});

const PM25_GRADES: ReferenceBands = {
  field: 'pm25',
  title: { ko: '환경부 초미세먼지 예보 등급', en: "Korea's PM2.5 forecast grades" },
  bands: [
    { to: 15, label: { ko: '좋음', en: 'Good' } },
    { to: 35, label: { ko: '보통', en: 'Moderate' } },
    { to: 75, label: { ko: '나쁨', en: 'Bad' } },
    { label: { ko: '매우나쁨', en: 'Very bad' } },
  ],
};

test('reference bands: drawn beneath the data up to its rounded maximum, named on the chart and in the alt text', async () => {
  const chart: ChartDescriptor = { ...lineSeries, id: 'pm25-graded', reference: [PM25_GRADES] };
  // the unit's English form, as the catalog resolves it from labels/units.yaml
  const columns = { ...allColumns, 'air-monthly': { ...allColumns['air-monthly'], pm25: { ...allColumns['air-monthly'].pm25, unitEn: 'µg/m³' } } };
  const en = await renderer.renderChart(chart, 'en', allData(), columns);
  // the series peaks at 32.1, the axis at 40: good, moderate and the start of bad are drawn, very bad is not
  for (const svg of [en.svg, en.narrow!.svg]) {
    const texts = svgTexts(svg);
    expect(texts).toEqual(expect.arrayContaining(['Good', 'Moderate', 'Bad']));
    expect(texts).not.toContain('Very bad');
    expect(texts).not.toContain('50');
    // the axis still reads from 0 to 40 and keeps the data's title, once
    expect(texts).toEqual(expect.arrayContaining(['0', '40']));
    expect(texts.filter((t) => t.startsWith('PM2.5'))).toEqual(['PM2.5 (µg/m³)']);
  }
  // the bands lie beneath the line: drawn before it
  expect(en.svg.indexOf('fill="#e3f0fb"')).toBeGreaterThan(0);
  expect(en.svg.indexOf('fill="#e3f0fb"')).toBeLessThan(en.svg.indexOf('class="mark-line'));
  expect(en.alt.text).toContain("Shaded bands: Korea's PM2.5 forecast grades (µg/m³): Good 0–15, Moderate 16–35, Bad 36–75, Very bad above 75.");
  const ko = await renderer.renderChart(chart, 'ko', allData(), columns);
  expect(ko.alt.text).toContain('배경 띠: 환경부 초미세먼지 예보 등급(㎍/㎥): 좋음 0–15, 보통 16–35, 나쁨 36–75, 매우나쁨 75 초과.');
  // the same chart without references: no bands, and the alt text says nothing of them
  const plain = await renderer.renderChart(lineSeries, 'en', allData(), allColumns);
  expect(svgTexts(plain.svg)).not.toContain('Good');
  expect(plain.alt.text).not.toContain('Shaded');
});

test('a reference to a field no view plots on y fails the chart, naming the reference', async () => {
  const chart: ChartDescriptor = { ...lineSeries, id: 'pm25-misnamed', reference: [{ ...PM25_GRADES, field: 'pm10' }] };
  await expect(renderer.renderChart(chart, 'en', allData(), allColumns)).rejects.toThrow(
    'viz-specs/test/pm25-monthly.yaml: chart "pm25-misnamed" (en): spec: reference[0].field "pm10" is not on the y axis of any view (a quantitative field, not aggregated), so its bands cannot be drawn',
  );
});

test('bands only where their series is: a `where` picks the rows of one series', async () => {
  const chart: ChartDescriptor = {
    ...lineSeries,
    id: 'pm-two',
    reference: [{ ...PM25_GRADES, field: 'v', where: { what: 'pm25' } }],
    spec: {
      ...(lineSeries.spec as object),
      transform: [{ fold: ['pm25', 'riders'], as: ['what', 'v'] }],
      facet: { row: { field: 'what', type: 'nominal' } },
      resolve: { scale: { y: 'independent' } },
      spec: { mark: 'line', encoding: { x: { field: 'month', type: 'temporal' }, y: { field: 'v', type: 'quantitative' } } },
      mark: undefined,
      encoding: undefined,
      width: undefined,
      height: undefined,
    },
  };
  const r = await renderer.renderChart(chart, 'en', allData(), allColumns);
  // one panel (PM2.5) has its two bands; the riders' panel none
  expect(svgTexts(r.svg).filter((t) => t === 'Good')).toHaveLength(1);
});

test('a colour scale with more series than colours is reported; small multiples are not', async () => {
  const many: ChartDescriptor = {
    ...barRanking,
    id: 'many-colours',
    locales: undefined,
    spec: { data: { name: 'cctv' }, mark: 'bar', encoding: { x: { field: 'gu_en', type: 'nominal' }, y: { field: 'cctv_total', type: 'quantitative' }, color: { field: 'gu_en', type: 'nominal' } } },
  };
  const r = await renderer.renderChart(many, 'en', allData(), allColumns);
  expect(r.warnings).toContain('the colour scale has 25 values but 8 colours, so colours repeat: show fewer series, small multiples (facet) or direct labels');
  const multiples: ChartDescriptor = {
    ...many,
    spec: { data: { name: 'cctv' }, facet: { field: 'gu_en', type: 'nominal' }, columns: 5, spec: { mark: 'bar', encoding: { y: { field: 'cctv_total', type: 'quantitative' } } } },
  };
  const m = await renderer.renderChart(multiples, 'en', allData(), allColumns);
  expect(m.warnings.filter((w) => w.includes('colours repeat'))).toEqual([]);
});
