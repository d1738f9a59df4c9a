// Downloads carry their context: the PNG and SVG a citizen saves hold the title, the measure and
// unit, the source line, the data date, the page address and, for sample data, a mark a crop
// cannot remove. The page keeps the plot alone (its headings say the rest).
import { createRenderer, measureOf, type DownloadFrame } from '../../pipeline/render/index.ts';
import { decodePng, inkedRows } from '../helpers/png-decode.ts';
import { allColumns, allData, barRanking, lineSeries, svgSize, svgTexts } from './fixtures.ts';

const frame: DownloadFrame = {
  title: '월별 초미세먼지 농도',
  source: '출처: 기후환경본부 · 자치구별 월평균 대기오염도 · 공공누리 제1유형: 출처표시',
  date: '데이터 기준일 2026년 11월 27일 · 주기 2026-11-28T2100Z',
  url: 'https://data.seoul.example/ko/charts/pm25-monthly/',
  sample: '예시 데이터: 실제 측정값이 아닌 가상의 수치입니다 · Sample data: invented figures',
  sampleMark: '예시 데이터 · SAMPLE',
};

test('the PNG download has the plot and, above and below it, rows of text the plot alone does not', async () => {
  const renderer = createRenderer();
  const plain = await renderer.renderChart(lineSeries, 'ko', allData(), allColumns);
  const framed = await renderer.renderChart(lineSeries, 'ko', allData(), allColumns, frame);

  // The page's inline SVG is the same plot either way.
  expect(framed.svg).toBe(plain.svg);
  expect(plain.download).toBe(plain.svg);

  const plotOnly = decodePng(plain.png);
  const image = decodePng(framed.png);
  const plotHeight = svgSize(framed.svg).height * 2; // PNGs are drawn at 2x
  expect(plotOnly.height).toBe(plotHeight);
  expect(image.height).toBeGreaterThan(plotHeight + 2 * 100);
  expect(image.width).toBeGreaterThanOrEqual(plotOnly.width);
  // Ink above the plot (title, measure, sample banner) and below it (source, date, address).
  const rows = inkedRows(image);
  const top = (image.height - plotHeight) / 2;
  expect(rows.filter((y) => y < 60).length).toBeGreaterThan(20);
  expect(rows.filter((y) => y > image.height - 120).length).toBeGreaterThan(40);
  expect(top).toBeGreaterThan(0);

  // The SVG download says the same in text.
  const texts = svgTexts(framed.download);
  expect(texts.slice(0, 2)).toEqual(['월별 초미세먼지 농도', '초미세먼지 농도 (㎍/㎥)']);
  expect(texts).toEqual(expect.arrayContaining([frame.source, frame.date, frame.url, '예시 데이터 · SAMPLE']));
  expect(texts.join(' ')).toContain('예시 데이터: 실제 측정값이 아닌');
  expect(framed.download).toMatch(/^<svg role="img" aria-labelledby="chart-pm25-monthly-ko-frame-title chart-pm25-monthly-ko-frame-desc"/);
  expect(framed.download.match(/<title\b/g)).toHaveLength(1);
  expect(framed.download).not.toMatch(/\sstyle=|<script|<foreignObject/i);
});

test('a long address wraps inside the image instead of running off it; without sample data there is no mark', async () => {
  const renderer = createRenderer();
  const url = `https://data.seoul.example/${'very-long-path-segment/'.repeat(8)}`;
  const r = await renderer.renderChart(barRanking, 'en', allData(), allColumns, { ...frame, title: 'CCTV cameras by gu', url, sample: null, sampleMark: null });
  const texts = svgTexts(r.download);
  expect(texts.join('')).toContain(url);
  expect(texts.filter((t) => url.includes(t) && t.length > 20).length).toBeGreaterThan(1);
  expect(r.download).not.toContain('SAMPLE');
  expect(texts[1]).toBe('CCTV cameras (units)');
});

test('the measure is the first quantitative channel\'s title', () => {
  expect(measureOf({ encoding: { x: { field: 'gu', type: 'nominal', title: 'Gu' }, y: { field: 'n', type: 'quantitative', title: 'Count' } } })).toBe('Count');
  expect(measureOf({ layer: [{ encoding: { x: { field: 'v', type: 'quantitative', title: 'Value (%)' }, y: { field: 'gu', type: 'nominal' } } }] })).toBe('Value (%)');
  expect(measureOf({ encoding: { color: { field: 'pm25', type: 'quantitative', title: 'PM2.5 (㎍/㎥)' } } })).toBe('PM2.5 (㎍/㎥)');
  expect(measureOf({ encoding: { x: { field: 'date', type: 'temporal', title: 'Date' } } })).toBeNull();
});
