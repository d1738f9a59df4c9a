import { localizeChart } from '../../pipeline/render/localize.ts';
import { deepMerge } from '../../pipeline/render/merge.ts';
import { localizeUnit, titleWithUnit, withUnit } from '../../pipeline/render/units.ts';
import type { ChartDescriptor } from '../../pipeline/types.ts';
import { allColumns, allData, barRanking, lineSeries } from './fixtures.ts';

type Any = Record<string, any>;

test('the locale patch is deep-merged over the spec; arrays and scalars replace', () => {
  const chart: ChartDescriptor = {
    ...barRanking,
    spec: { ...barRanking.spec, transform: [{ filter: 'datum.cctv_total > 0' }], encoding: { y: { field: 'gu_ko', type: 'nominal', sort: '-x', axis: { labelLimit: 90, title: '구' } }, x: { field: 'cctv_total', type: 'quantitative' } } },
    locales: { en: { transform: [], encoding: { y: { field: 'gu_en', axis: { title: 'Gu' } } } } },
  };
  const en = localizeChart(chart, 'en', allData(), allColumns).spec as Any;
  expect(en.encoding.y).toMatchObject({ field: 'gu_en', type: 'nominal', sort: '-x', axis: { labelLimit: 90, title: 'Gu' } });
  expect(en.transform).toEqual([]);
  const ko = localizeChart(chart, 'ko', allData(), allColumns).spec as Any;
  expect(ko.encoding.y.axis.title).toBe('구');
  expect(ko.transform).toEqual([{ filter: 'datum.cctv_total > 0' }]);
  // the descriptor itself is untouched
  expect((chart.spec as Any).encoding.y.field).toBe('gu_ko');
});

test('titles default to the column title with its unit, never over one the author wrote', () => {
  const chart: ChartDescriptor = {
    ...barRanking,
    spec: {
      data: { name: 'cctv' },
      mark: 'bar',
      encoding: {
        x: { field: 'installed_2016', type: 'quantitative' },
        y: { field: 'gu_ko', type: 'nominal', title: null },
        tooltip: [{ field: 'cctv_total', type: 'quantitative' }, { field: 'gu_ko', type: 'nominal', title: '이름' }],
      },
    },
    locales: undefined,
  };
  const ko = localizeChart(chart, 'ko', allData(), allColumns).spec as Any;
  expect(ko.encoding.x.title).toBe('2016년 신규 설치 (대)');
  expect(ko.encoding.y.title).toBeNull();
  expect(ko.encoding.tooltip.map((t: Any) => t.title)).toEqual(['CCTV 설치 대수', '이름']);
  const en = localizeChart(chart, 'en', allData(), allColumns).spec as Any;
  expect(en.encoding.x.title).toBe('Installed in 2016 (units)');
});

test('times are drawn as UTC wall clock with language formats', () => {
  const ko = localizeChart(lineSeries, 'ko', allData(), allColumns).spec as Any;
  expect(ko.encoding.x).toMatchObject({ timeUnit: 'utcyearmonth', axis: { format: '%Y년 %-m월' } });
  expect(ko.encoding.tooltip[0]).toMatchObject({ timeUnit: 'utcyearmonth', format: '%Y년 %-m월' });
  const en = localizeChart(lineSeries, 'en', allData(), allColumns).spec as Any;
  expect(en.encoding.x.axis.format).toBe('%b %Y');

  const raw: ChartDescriptor = { ...lineSeries, spec: { data: { name: 'air-monthly' }, mark: 'line', encoding: { x: { field: 'month', type: 'temporal' }, y: { field: 'pm25', type: 'quantitative' }, tooltip: { field: 'month', type: 'temporal' } } } };
  const r = localizeChart(raw, 'ko', allData(), allColumns).spec as Any;
  expect(r.encoding.x.scale).toEqual({ type: 'utc' });
  expect(r.encoding.x.axis.format).toMatchObject({ year: '%Y년', month: '%Y년 %-m월' });
  expect(r.encoding.tooltip).toMatchObject({ timeUnit: 'utcyearmonthdate', format: '%Y년 %-m월 %-d일' });
});

test('zone-less date-times are bound with Z so every engine reads the same instant', () => {
  const chart: ChartDescriptor = { ...lineSeries, data: ['hourly'], spec: { data: { name: 'hourly' }, mark: 'line', encoding: { x: { field: 'at', type: 'temporal' }, y: { field: 'v', type: 'quantitative' } } } };
  const spec = localizeChart(chart, 'ko', { hourly: [{ at: '2026-11-28T21:00', v: 1 }] }, { hourly: { at: { from: ['t'], type: 'datetime' }, v: { from: ['v'], type: 'number' } } }).spec as Any;
  expect(spec.datasets.hourly).toEqual([{ at: '2026-11-28T21:00Z', v: 1 }]);
});

test('the theme is applied under the chart\'s own config, with the language locale', () => {
  const chart: ChartDescriptor = { ...barRanking, spec: { ...barRanking.spec, config: { axis: { labelFontSize: 14 } } } };
  const cfg = (localizeChart(chart, 'ko', allData(), allColumns).spec as Any).config;
  expect(cfg.axis.labelFontSize).toBe(14);
  expect(cfg.axis.titleFont).toBe('Pretendard, "Noto Sans KR", "Apple SD Gothic Neo", sans-serif');
  expect(cfg.range.category[0]).toBe('#0072B2');
  expect(cfg.locale.time.months[0]).toBe('1월');
});

test('a spec without data reads the chart\'s only dataset', () => {
  const chart: ChartDescriptor = { ...barRanking, spec: { mark: 'bar', encoding: { x: { field: 'cctv_total', type: 'quantitative' } } }, locales: undefined };
  const spec = localizeChart(chart, 'ko', allData(), allColumns).spec as Any;
  expect(spec.data).toEqual({ name: 'cctv' });
  expect(spec.datasets.cctv).toHaveLength(25);
});

test('merging drops prototype keys from pull-request specs', () => {
  const merged = deepMerge({ a: { b: 1 } }, JSON.parse('{"a": {"__proto__": {"polluted": true}, "c": 2}, "constructor": {"x": 1}}')) as Any;
  expect(merged).toEqual({ a: { b: 1, c: 2 } });
  expect(({} as Any).polluted).toBeUndefined();
});

test('units: Korean counters and rates in English, brackets merged, spacing per language', () => {
  expect(localizeUnit('대/천 명', 'en')).toBe('units/1,000 people');
  expect(localizeUnit('건/10만 명', 'en')).toBe('cases/100,000 people');
  // one spelling per language: the symbol Korean writes, the one English writes
  expect(localizeUnit('㎍/㎥', 'en')).toBe('µg/m³');
  expect(localizeUnit('㎍/㎥', 'ko')).toBe('㎍/㎥');
  expect(localizeUnit('원', 'en')).toBe('won');
  expect(localizeUnit('명', 'ko')).toBe('명');
  expect(titleWithUnit('초미세먼지(PM2.5)', '㎍/㎥', 'ko')).toBe('초미세먼지(PM2.5, ㎍/㎥)');
  expect(titleWithUnit('승차 인원', '명', 'ko', false)).toBe('승차 인원(명)');
  expect(titleWithUnit('Riders', '명', 'en')).toBe('Riders (people)');
  expect(titleWithUnit('집행률(%)', '%', 'ko')).toBe('집행률(%)');
  expect(withUnit('2,780', '대', 'ko')).toBe('2,780대');
  expect(withUnit('2,780', '대', 'en')).toBe('2,780 units');
  expect(withUnit('45.1', '%', 'en')).toBe('45.1%');
});

test('a container width becomes a fixed width: the build has no container', () => {
  const chart: ChartDescriptor = { ...barRanking, spec: { ...barRanking.spec, width: 'container' } };
  expect((localizeChart(chart, 'ko', allData(), allColumns).spec as Any).width).toBe(560);
});
