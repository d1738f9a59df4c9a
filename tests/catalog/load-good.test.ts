import { resolve } from 'node:path';
import type { LoadedCatalog } from '../../pipeline/catalog/index.ts';
import { catalogIndex, formatProblem, loadCatalog } from '../../pipeline/catalog/index.ts';
import { repoRoot } from '../helpers/paths.ts';

const root = resolve(repoRoot, 'tests/catalog/fixtures/good');

describe('loadCatalog on a good catalog', () => {
  let loaded: LoadedCatalog;
  beforeAll(async () => {
    loaded = await loadCatalog(root);
  });

  test('loads two datasets (one derived) and one chart with no errors (the one warning: alt.en will be drafted)', () => {
    const { catalog, problems } = loaded;
    expect(problems.map(formatProblem)).toEqual(['viz-specs/environment/pm10-by-gu.yaml:5:1: warning: alt.ko is written but alt.en is not; it will be drafted — write alt.en too, so both languages say the same']);
    expect(catalog.root).toBe(root);
    expect(catalog.datasets.map((d) => d.id)).toEqual(['air-quality-daily', 'air-quality-monthly-by-gu']);
    expect(catalog.charts.map((c) => c.id)).toEqual(['pm10-by-gu']);
  });

  test('types and expands the dataset descriptor', () => {
    const { catalog } = loaded;
    const air = catalogIndex(catalog).dataset('air-quality-daily');
    expect(air.file).toBe('sources/climate-environment/air-quality-daily.yaml');
    expect(air.title).toEqual({ ko: '일별 대기오염도', en: 'Daily air pollution' });
    expect(air.department).toEqual({ id: 'climate-environment', ko: '기후환경본부', en: 'Climate and Environment HQ' });
    expect(air.licence).toBe('KOGL-1');
    expect(air.update).toEqual({ every: 'daily' });
    expect(air.time).toEqual({ column: 'date', grain: 'day', lag: 'P1D' });
    expect(air.extract).toEqual({
      kind: 'seoul-openapi',
      service: 'DailyAverageAirQuality',
      // YAML read 2024 as a number; URL segments are strings.
      params: ['{date:yyyyMMdd}', '2024'],
      format: 'json',
      json: { records: 'DailyAverageAirQuality.row' },
      sample: 'samples/air-quality-daily.json',
      timeoutMs: 30000,
    });
    expect(air.columns).toEqual({
      date: { from: ['측정일시', 'MSRDT_DE'], type: 'date', format: 'yyyyMMdd', title: { ko: '측정일', en: 'Date' } },
      station: { from: ['측정소명'], type: 'string' },
      pm10: { from: ['미세먼지농도(㎍/㎥)', 'PM10'], type: 'number', unit: '㎍/㎥', unitEn: 'µg/m³', higherIsBetter: false },
      flag: { from: ['flag'], type: 'boolean' },
    });
    expect(air.district).toEqual({ from: 'station' });
    expect(air.schema).toBe('schemas/air-quality-daily.schema.json');
    expect(air.primaryKey).toEqual(['date', 'station']);
    expect(air.onInvalid).toEqual({ action: 'drop-row', maxRatio: 0.01 });
    expect(air.from).toBeUndefined();
  });

  test('types the derived dataset: from, sql, columns named by the SQL result', () => {
    const { catalog } = loaded;
    const monthly = catalogIndex(catalog).dataset('air-quality-monthly-by-gu');
    expect(monthly.file).toBe('sources/derived/air-quality-monthly-by-gu.yaml');
    expect(monthly.extract).toBeUndefined();
    expect(monthly.from).toEqual(['air-quality-daily']);
    expect(monthly.sql).toContain('FROM "air-quality-daily"');
    expect(monthly.columns.pm10).toEqual({ from: ['pm10'], type: 'number', unit: '㎍/㎥', unitEn: 'µg/m³', title: { ko: '미세먼지', en: 'PM10' } });
    expect(monthly.onInvalid).toEqual({ action: 'fail-dataset' });
  });

  test('types the chart and the settings', () => {
    const { catalog } = loaded;
    const [chart] = catalog.charts;
    expect(chart).toEqual({
      id: 'pm10-by-gu',
      area: 'environment',
      title: { ko: '자치구별 미세먼지', en: 'PM10 by gu' },
      description: { ko: '자치구별 월평균 미세먼지 농도.', en: 'Monthly mean PM10 by gu.' },
      alt: { ko: '25개 자치구 지도.' },
      data: ['air-quality-monthly-by-gu'],
      proposedBy: 'Open Net Korea',
      template: 'gu-map',
      map: { dataset: 'air-quality-monthly-by-gu', value: 'pm10', code: 'gu_code' },
      indicator: { dataset: 'air-quality-monthly-by-gu', value: 'pm10', time: 'month', filter: { gu_code: '11110' }, label: { ko: '종로구', en: 'Jongno-gu' } },
      spec: { mark: 'geoshape', encoding: { color: { field: 'pm10', type: 'quantitative' } } },
      locales: { en: { encoding: { color: { title: 'PM10 (µg/m³)' } } } },
      file: 'viz-specs/environment/pm10-by-gu.yaml',
    });
    expect(catalog.settings).toEqual({
      siteTitle: { ko: '서울 데이터 대시보드', en: 'Seoul data dashboard' },
      baseUrl: 'https://dashboard.example.org/',
      repository: 'https://github.com/example/citydash',
      feedback: { url: 'https://github.com/example/citydash/issues/new?title={kind}%20{id}' },
      areas: { environment: { ko: '환경', en: 'Environment' }, transport: { ko: '교통', en: 'Transport' } },
    });
    expect(Object.keys(catalog.settings.areas)).toEqual(['environment', 'transport']);
  });

  test('catalogIndex finds datasets and charts by id and names the known ids otherwise', () => {
    const { catalog } = loaded;
    const index = catalogIndex(catalog);
    expect(index.charts.get('pm10-by-gu')?.area).toBe('environment');
    expect(index.datasets.has('nope')).toBe(false);
    expect(() => index.dataset('nope')).toThrow('no dataset "nope" in the catalog (known: air-quality-daily, air-quality-monthly-by-gu)');
  });
});
