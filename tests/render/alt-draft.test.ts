import { createRenderer, draftAlt } from '../../pipeline/render/index.ts';
import type { ChartDescriptor, ColumnSpec, Row } from '../../pipeline/types.ts';
import { allColumns, allData, barRanking, cctvColumns, cctvRows, guMap, lineSeries, monthlyColumns, monthlyRows } from './fixtures.ts';

/** 90 days of PM2.5 at two stations from 1 Sep 2025: 15 in September, 20/21 in October, 12 in November. */
function dailyRows(): Row[] {
  const rows: Row[] = [];
  for (let d = 1; d <= 90; d++) {
    const date = new Date(Date.UTC(2025, 8, d));
    const month = date.getUTCMonth();
    rows.push({ date: date.toISOString().slice(0, 10), station: d % 2 ? 'A' : 'B', pm25: month === 10 ? 12 : month === 9 ? 20 + (d % 2) : 15 });
  }
  return rows;
}
const dailyColumns: Record<string, ColumnSpec> = {
  date: { from: ['일자'], type: 'date', title: { ko: '측정일', en: 'Date' } },
  station: { from: ['측정소'], type: 'string', title: { ko: '측정소', en: 'Station' } },
  pm25: monthlyColumns.pm25,
};
const monthlyMean: ChartDescriptor = {
  ...lineSeries,
  id: 'pm25-daily-to-monthly',
  data: ['daily'],
  spec: {
    data: { name: 'daily' },
    mark: 'line',
    encoding: { x: { field: 'date', type: 'temporal', timeUnit: 'yearmonth' }, y: { field: 'pm25', type: 'quantitative', aggregate: 'mean' } },
  },
};

describe('draftAlt, word for word', () => {
  test('ranking of the 25 gu from the real CCTV file', () => {
    expect(draftAlt(barRanking, 'ko', cctvRows(), cctvColumns)).toBe(
      '막대 그래프: 서울 25개 구의 CCTV 설치 대수. 가장 높은 곳은 강남구(2,780대), 가장 낮은 곳은 도봉구(485대)입니다.',
    );
    expect(draftAlt(barRanking, 'en', cctvRows(), cctvColumns)).toBe(
      "Bar chart: CCTV cameras (units) in Seoul's 25 districts. Highest: Gangnam-gu (2,780 units); lowest: Dobong-gu (485 units).",
    );
  });

  test('monthly time series: range, latest value and its change, extremes', () => {
    expect(draftAlt(lineSeries, 'ko', monthlyRows(), monthlyColumns)).toBe(
      '꺾은선 그래프: 2024년 1월부터 2025년 12월까지 월별 초미세먼지 농도(㎍/㎥). ' +
        '최근 값(2025년 12월)은 31.8㎍/㎥이며, 전월(2025년 11월) 대비 4.7㎍/㎥ 높습니다. ' +
        '가장 높은 때는 2025년 1월(32.1㎍/㎥), 가장 낮은 때는 2024년 7월(11.0㎍/㎥)입니다.',
    );
    expect(draftAlt(lineSeries, 'en', monthlyRows(), monthlyColumns)).toBe(
      'Line chart: monthly PM2.5 (µg/m³) from Jan 2024 to Dec 2025. ' +
        'Latest value (Dec 2025): 31.8 µg/m³, up 4.7 µg/m³ from the previous month (Nov 2025). ' +
        'Highest: Jan 2025 (32.1 µg/m³); lowest: Jul 2024 (11.0 µg/m³).',
    );
  });

  test('daily rows averaged by month as the spec says, with a fall at the end', () => {
    expect(draftAlt(monthlyMean, 'ko', dailyRows(), dailyColumns)).toBe(
      '꺾은선 그래프: 2025년 9월부터 2025년 11월까지 월별 초미세먼지 농도(㎍/㎥). ' +
        '최근 값(2025년 11월)은 12.0㎍/㎥이며, 전월(2025년 10월) 대비 8.5㎍/㎥ 낮습니다. ' +
        '가장 높은 때는 2025년 10월(20.5㎍/㎥), 가장 낮은 때는 2025년 11월(12.0㎍/㎥)입니다.',
    );
    expect(draftAlt(monthlyMean, 'en', dailyRows(), dailyColumns)).toBe(
      'Line chart: monthly PM2.5 (µg/m³) from Sep 2025 to Nov 2025. ' +
        'Latest value (Nov 2025): 12.0 µg/m³, down 8.5 µg/m³ from the previous month (Oct 2025). ' +
        'Highest: Oct 2025 (20.5 µg/m³); lowest: Nov 2025 (12.0 µg/m³).',
    );
  });

  test('series split by colour', () => {
    const bySeries: ChartDescriptor = {
      ...monthlyMean,
      spec: { ...monthlyMean.spec, encoding: { ...(monthlyMean.spec.encoding as object), color: { field: 'station', type: 'nominal' } } },
    };
    expect(draftAlt(bySeries, 'ko', dailyRows(), dailyColumns)).toBe(
      '꺾은선 그래프: 2025년 9월부터 2025년 11월까지 월별 초미세먼지 농도(㎍/㎥), 측정소별 2개 계열. ' +
        '최근 값(2025년 11월): A 12㎍/㎥, B 12㎍/㎥. 가장 높은 값은 A, 2025년 10월(21㎍/㎥), 가장 낮은 값은 B, 2025년 11월(12㎍/㎥)입니다.',
    );
  });

  test('stacked bars are described by their totals', () => {
    const stacked: ChartDescriptor = {
      ...monthlyMean,
      spec: { data: { name: 'daily' }, mark: 'bar', encoding: { x: { field: 'date', type: 'ordinal', timeUnit: 'yearmonth' }, y: { aggregate: 'count', type: 'quantitative' }, color: { field: 'station', type: 'nominal' } } },
    };
    // 30 days in September, 31 in October, 29 in November (90 days from 1 September)
    expect(draftAlt(stacked, 'ko', dailyRows(), dailyColumns)).toBe(
      '막대 그래프: 2025년 9월부터 2025년 11월까지 월별 건수, 측정소별 2개 계열. ' +
        '최근 합계(2025년 11월)는 29이며, 전월(2025년 10월) 대비 2 낮습니다. 가장 높은 때는 2025년 10월(31), 가장 낮은 때는 2025년 11월(29)입니다.',
    );
    expect(draftAlt(stacked, 'en', dailyRows(), dailyColumns)).toBe(
      'Bar chart: monthly count from Sep 2025 to Nov 2025 by Station (2 series). ' +
        'Latest total (Nov 2025): 29, down 2 from the previous month (Oct 2025). Highest: Oct 2025 (31); lowest: Nov 2025 (29).',
    );
  });

  test('a heat map: colour is the measure, the other axis names the series', () => {
    const heat: ChartDescriptor = {
      ...monthlyMean,
      spec: { data: { name: 'daily' }, mark: 'rect', encoding: { x: { field: 'date', type: 'ordinal', timeUnit: 'yearmonth' }, y: { field: 'station', type: 'nominal' }, color: { field: 'pm25', type: 'quantitative', aggregate: 'mean' } } },
    };
    expect(draftAlt(heat, 'en', dailyRows(), dailyColumns)).toBe(
      'Heat map: monthly PM2.5 (µg/m³) from Sep 2025 to Nov 2025 by Station (2 series). ' +
        'Latest values (Nov 2025): A 12 µg/m³, B 12 µg/m³. Highest: A, Oct 2025 (21 µg/m³); lowest: B, Nov 2025 (12 µg/m³).',
    );
  });

  test('gu map names the gu without data', () => {
    const rows = cctvRows().filter((r) => r.gu_code !== '11140' && r.gu_code !== '11170');
    expect(draftAlt(guMap, 'ko', rows, cctvColumns)).toBe(
      '지도: 서울 23개 구의 CCTV 설치 대수. 가장 높은 곳은 강남구(2,780대), 가장 낮은 곳은 도봉구(485대)입니다. 자료가 없는 구: 중구, 용산구.',
    );
    expect(draftAlt(guMap, 'en', rows, cctvColumns)).toBe(
      "Map: CCTV cameras (units) in Seoul's 23 districts. Highest: Gangnam-gu (2,780 units); lowest: Dobong-gu (485 units). No data for: Jung-gu, Yongsan-gu.",
    );
  });

  test('counts, and equal values said once', () => {
    const counts: ChartDescriptor = { ...barRanking, data: ['daily'], spec: { mark: 'bar', encoding: { x: { field: 'station', type: 'nominal' }, y: { aggregate: 'count', type: 'quantitative' } } }, locales: undefined };
    expect(draftAlt(counts, 'ko', dailyRows(), dailyColumns)).toBe('막대 그래프: 2개 측정소별 건수. 모든 항목의 값이 같습니다(45).');
    expect(draftAlt(counts, 'en', dailyRows(), dailyColumns)).toBe('Bar chart: Count by Station (2). All values are equal (45).');
  });

  test('no rows: the title and a plain statement', () => {
    expect(draftAlt(barRanking, 'ko', [], cctvColumns)).toBe('막대 그래프: 자치구별 CCTV 설치 대수. 표시할 자료가 없습니다.');
  });
});

describe('alt text in rendered charts', () => {
  const renderer = createRenderer();

  test('drafted from what the chart drew (Vega-Lite aggregates and time units) equals the draft from raw rows', async () => {
    const r = await renderer.renderChart(monthlyMean, 'ko', { daily: dailyRows() }, { daily: dailyColumns });
    expect(r.alt).toEqual({ text: draftAlt(monthlyMean, 'ko', dailyRows(), dailyColumns), drafted: true });
    expect(r.svg).toContain(`<desc id="chart-pm25-daily-to-monthly-ko-desc">${r.alt.text}</desc>`);
  });

  test('a written alt text is used as given, escaped, and not marked as drafted', async () => {
    const chart: ChartDescriptor = { ...barRanking, alt: { ko: '구별 CCTV <많음> & "적음"', en: 'CCTV by gu' } };
    const r = await renderer.renderChart(chart, 'ko', allData(), allColumns);
    expect(r.alt).toEqual({ text: '구별 CCTV <많음> & "적음"', drafted: false });
    expect(r.svg).toContain('<desc id="chart-cctv-ranking-ko-desc">구별 CCTV &lt;많음&gt; &amp; &quot;적음&quot;</desc>');
  });

  test('a missing language is drafted', async () => {
    const chart: ChartDescriptor = { ...barRanking, alt: { ko: '손으로 쓴 설명' } };
    const r = await renderer.renderChart(chart, 'en', allData(), allColumns);
    expect(r.alt.drafted).toBe(true);
    expect(r.alt.text).toMatch(/^Bar chart: CCTV cameras/);
  });
});
