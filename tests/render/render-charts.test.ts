import { createRenderer, type RenderedChart } from '../../pipeline/render/index.ts';
import type { Lang } from '../../pipeline/types.ts';
import { allColumns, allData, barRanking, guMap, lineSeries, pngSize, readTopo, svgSize, svgTexts, TOPO_OBJECT } from './fixtures.ts';

const renderer = createRenderer();
const geoRenderer = createRenderer({ geo: { topojson: readTopo(), object: TOPO_OBJECT } });
const data = allData();
const out: Record<string, RenderedChart> = {};

beforeAll(async () => {
  for (const lang of ['ko', 'en'] as Lang[]) {
    out[`bar-${lang}`] = await renderer.renderChart(barRanking, lang, data, allColumns);
    out[`line-${lang}`] = await renderer.renderChart(lineSeries, lang, data, allColumns);
    out[`tiles-${lang}`] = await renderer.renderChart(guMap, lang, data, allColumns);
    out[`choropleth-${lang}`] = await geoRenderer.renderChart(guMap, lang, data, allColumns);
  }
});

describe('SVG structure', () => {
  test.each(Object.keys({ 'bar-ko': 1, 'bar-en': 1, 'line-ko': 1, 'line-en': 1, 'tiles-ko': 1, 'tiles-en': 1, 'choropleth-ko': 1, 'choropleth-en': 1 }))('%s is an image labelled by its title and alt text', (name) => {
    const r = out[name];
    const base = `chart-${r.id}-${r.lang}`;
    expect(r.svg.startsWith(`<svg role="img" aria-labelledby="${base}-title ${base}-desc"`)).toBe(true);
    expect(r.svg).toContain(`<title id="${base}-title">`);
    expect(r.svg).toContain(`<desc id="${base}-desc">`);
    expect(r.svg.match(/<title\b/g)).toHaveLength(1);
    expect(r.svg).not.toMatch(/\sstyle=|<script|<foreignObject/i);
  });

  test('Korean bar ranking: Hangul names, Korean titles from the columns, ko number format', () => {
    const r = out['bar-ko'];
    const texts = svgTexts(r.svg);
    expect(r.svg).toContain('<title id="chart-cctv-ranking-ko-title">자치구별 CCTV 설치 대수</title>');
    expect(texts).toEqual(expect.arrayContaining(['강남구', '도봉구', '영등포구', 'CCTV 설치 대수', '자치구']));
    expect(texts).toEqual(expect.arrayContaining(['1,200', '2,800']));
    expect(r.svg).toContain(`<desc id="chart-cctv-ranking-ko-desc">${r.alt.text}</desc>`);
  });

  test('English bar ranking uses the locale patch and English column titles', () => {
    const texts = svgTexts(out['bar-en'].svg);
    expect(texts).toEqual(expect.arrayContaining(['Gangnam-gu', 'Dobong-gu', 'CCTV cameras (units)', 'District']));
    expect(texts.join(' ')).not.toMatch(/[가-힣]/);
  });

  test('time axis: "2024년 1월" in Korean, "Jan 2024" in English, unit in the y title', () => {
    const ko = svgTexts(out['line-ko'].svg);
    const en = svgTexts(out['line-en'].svg);
    expect(ko).toEqual(expect.arrayContaining(['2024년 1월', '2025년 10월', '측정 월', '초미세먼지 농도 (㎍/㎥)']));
    expect(en).toEqual(expect.arrayContaining(['Jan 2024', 'Oct 2025', 'Month', 'PM2.5 (µg/m³)']));
  });

  test('gu tile map labels all 25 gu and their values', () => {
    const ko = svgTexts(out['tiles-ko'].svg);
    for (const name of ['종로구', '중구', '강서구', '송파구', '도봉구', '관악구']) expect(ko).toContain(name);
    expect(ko).toEqual(expect.arrayContaining(['2,780', '485']));
    const en = svgTexts(out['tiles-en'].svg);
    expect(en).toEqual(expect.arrayContaining(['Yeongdeungpo', 'Dongdaemun', 'Jung']));
    expect(en.some((t) => t.includes('…'))).toBe(false);
  });

  test('choropleth draws the 25 gu boundaries with labels', () => {
    const r = out['choropleth-ko'];
    // 25 grey background shapes and 25 coloured ones
    expect(r.svg.match(/<path [^>]*d="M[\d.]+,[\d.]+L/g)!.length).toBeGreaterThanOrEqual(50);
    expect(svgTexts(r.svg)).toEqual(expect.arrayContaining(['강남구', '은평구', '중구']));
  });

  test('ids are unique across charts and languages on one page', () => {
    // the choropleth is the same chart as the tile map, drawn by another renderer
    const charts = Object.entries(out).filter(([name]) => !name.startsWith('choropleth')).map(([, r]) => r);
    const ids = charts.flatMap((r) => [...r.svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('PNG', () => {
  test.each(['bar-ko', 'line-en', 'tiles-ko', 'choropleth-en'])('%s decodes at twice the SVG size', (name) => {
    const r = out[name];
    const svg = svgSize(r.svg);
    expect(pngSize(r.png)).toEqual({ width: Math.round(svg.width * 2), height: Math.round(svg.height * 2) });
    expect(r.png.byteLength).toBeGreaterThan(10_000);
  });
});

describe('specs for the browser', () => {
  test('the compiled Vega spec carries its data, locale and theme, and no URL', () => {
    const vega = out['line-ko'].vega as { data: { name: string; values?: unknown[] }[]; config: { locale: { number: { thousands: string }; time: { months: string[] } } } };
    expect(vega.data.find((d) => d.name === 'air-monthly')?.values).toHaveLength(24);
    expect(vega.config.locale.time.months[10]).toBe('11월');
    expect(JSON.stringify(vega)).not.toMatch(/"url"\s*:/);
    const en = out['line-en'].vega as { config: { locale: { time: { shortMonths: string[] } } } };
    expect(en.config.locale.time.shortMonths[10]).toBe('Nov');
  });

  test('the Vega-Lite spec is the localized one with data inlined as datasets', () => {
    const vl = out['bar-en'].vegaLite as { datasets: Record<string, unknown[]>; encoding: { y: { field: string; title: string } }; config: { font: string } };
    expect(vl.datasets.cctv).toHaveLength(25);
    expect(vl.encoding.y).toMatchObject({ field: 'gu_en', title: 'District' });
    expect(vl.config.font).toBe('Pretendard, "Noto Sans KR", "Apple SD Gothic Neo", sans-serif');
  });

  test('the choropleth inlines the boundaries once, as TopoJSON', () => {
    const vega = out['choropleth-ko'].vega as { data: { name: string; values?: unknown; format?: { type: string } }[] };
    const shapes = vega.data.filter((d) => d.format?.type === 'topojson');
    expect(shapes).toHaveLength(1);
    expect((shapes[0].values as { type: string }).type).toBe('Topology');
  });

  test('rendering leaves the caller\'s rows untouched', () => {
    expect(data['air-monthly'][0]).toEqual({ month: '2024-01-01', pm25: 30.1, riders: 1_000_000 });
  });
});

describe('snapshots', () => {
  test.each(['bar-ko', 'bar-en', 'line-ko', 'line-en', 'tiles-ko', 'tiles-en', 'choropleth-ko'])('%s SVG', (name) => {
    expect(out[name].svg).toMatchSnapshot();
  });
});
