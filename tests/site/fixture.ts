// A small hand-made catalog with validated snapshots and rendered charts, written to a temp dir,
// so the site tests build real pages without depending on the other stages.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Catalog, ChartDescriptor, DatasetDescriptor, Lang, Row, SnapshotMeta, ValidationReport } from '../../pipeline/types.ts';
import type { AssembleInput, RenderedChart } from '../../pipeline/site/model.ts';

export const XSS_SCRIPT = '<script>alert(1)</script>';
export const XSS_IMG = '"><img src=x onerror=alert(1)>';
export const XSS_TEMPLATE = '{{ 7*7 }} {% raw %}';
export const XSS_ALL = `${XSS_SCRIPT} ${XSS_IMG} ${XSS_TEMPLATE}`;

const DEPT_ENV = { id: 'climate-environment', ko: '기후환경본부', en: 'Climate and Environment HQ' };
const DEPT_TRANSPORT = { id: 'transport', ko: '교통실', en: 'Transport Office' };
const DEPT_BUDGET = { id: 'finance', ko: '재무국', en: 'Finance Bureau' };

const STATIONS: Array<[string, string | null, string | null, string | null]> = [
  ['종로구', '11110', '종로구', 'Jongno-gu'],
  ['중구', '11140', '중구', 'Jung-gu'],
  ['강남대로', null, null, null],
];

function airDaily(): Row[] {
  const rows: Row[] = [];
  for (let d = 1; d <= 10; d++) {
    for (const [i, [station, code, ko, en]] of STATIONS.entries()) {
      rows.push({ date: `2024-11-${String(d).padStart(2, '0')}`, station, pm10: 30 + d + i * 5, pm25: 12.5 + d / 2 + i, gu_code: code, gu_ko: ko, gu_en: en });
    }
  }
  return rows;
}

function airMonthly(): Row[] {
  const rows: Row[] = [];
  for (const month of ['2024-08', '2024-09', '2024-10', '2024-11']) {
    rows.push({ month, gu_code: '11110', gu_ko: '종로구', gu_en: 'Jongno-gu', pm25: month === '2024-11' ? 17.25 : 20 + Number(month.slice(-2)) / 10 });
    rows.push({ month, gu_code: '11140', gu_ko: '중구', gu_en: 'Jung-gu', pm25: 18 });
  }
  return rows;
}

function ridership(): Row[] {
  return ['2024-07', '2024-08', '2024-09', '2024-10'].map((month, i) => ({ month, line: '2호선', riders: 1_500_000 + i * 12_345, note: i === 0 ? '=HYPERLINK("http://evil.example","click")' : null, change: -1234.5 + i }));
}

function xssRows(): Row[] {
  return [
    { year: 2023, label: XSS_SCRIPT, value: 1 },
    { year: 2024, label: XSS_IMG, value: 2 },
    { year: 2025, label: XSS_TEMPLATE, value: -3 },
  ];
}

function svgFor(title: string, lang: Lang): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<?xml version="1.0" encoding="utf-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" role="img" aria-labelledby="t d" width="400" height="200" viewBox="0 0 400 200"><title id="t">${esc(title)}</title><desc id="d">${esc(title)} (${lang})</desc><rect width="400" height="200" fill="white"/><g class="mark-rect" role="graphics-symbol" aria-roledescription="bar" aria-label="${esc(title)}"><path d="M10,10h40v100h-40Z" fill="#4c78a8"/></g><text x="10" y="190" font-family="sans-serif" font-size="11px" fill="#000">${esc(title)}</text></svg>`;
}

function rendered(chart: ChartDescriptor, opts: { svg?: (lang: Lang) => string; drafted?: boolean } = {}): RenderedChart[] {
  return (['ko', 'en'] as const).map((lang) => ({
    id: chart.id,
    lang,
    svg: opts.svg?.(lang) ?? svgFor(chart.title[lang], lang),
    png: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, lang === 'ko' ? 1 : 2]),
    vega: { $schema: 'https://vega.github.io/schema/vega/v6.json', marks: [], title: chart.title[lang] },
    vegaLite: { mark: 'bar', title: chart.title[lang] },
    alt: { text: `${chart.title[lang]}: ${lang === 'ko' ? '가장 높은 곳은 종로구' : 'highest in Jongno-gu'}`, drafted: opts.drafted ?? true },
    cacheKey: createHash('sha256').update(chart.id + lang).digest('hex'),
    cached: false,
  }));
}

function dataset(partial: Partial<DatasetDescriptor> & Pick<DatasetDescriptor, 'id' | 'columns' | 'primaryKey'>): DatasetDescriptor {
  return {
    title: { ko: partial.id, en: partial.id },
    description: { ko: `${partial.id} 설명`, en: `About ${partial.id}` },
    department: DEPT_ENV,
    licence: 'KOGL-1',
    update: { every: 'daily' },
    schema: `schemas/${partial.id}.schema.json`,
    onInvalid: { action: 'drop-row', maxRatio: 0.01 },
    file: `sources/x/${partial.id}.yaml`,
    ...partial,
  };
}

function meta(id: string, rows: Row[], extra: Partial<SnapshotMeta> = {}): SnapshotMeta {
  const body = rows.map((r) => JSON.stringify(r)).join('\n');
  return {
    id,
    rows: rows.length,
    hash: createHash('sha256').update(body).digest('hex'),
    schemaHash: createHash('sha256').update(id).digest('hex'),
    columns: {},
    validation: { dataset: id, rowsRead: rows.length + 2, valid: rows.length, rejected: 2, duplicates: 0, districtsUnmatched: 0, unmatchedDistrictValues: {}, status: 'ok' },
    fetch: { outcome: 'sample', source: `sources/x/samples/${id}.csv`, fetchedAt: '2024-11-28T21:00:00.000Z', sample: true },
    ...extra,
  };
}

export interface Fixture {
  dir: string;
  catalog: Catalog;
  input: AssembleInput;
}

/** Writes schemas and NDJSON rows into a fresh temp dir and returns the catalog and site input. */
export async function makeFixture(opts: { xss?: boolean; baseUrl?: string } = {}): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'citydash-site-'));
  await mkdir(join(dir, 'schemas'), { recursive: true });
  await mkdir(join(dir, 'data'), { recursive: true });

  const datasets: DatasetDescriptor[] = [
    dataset({
      id: 'air-quality-daily',
      title: { ko: '일별 대기오염도', en: 'Daily air pollution' },
      homepage: 'https://data.seoul.go.kr/dataList/OA-2218/S/1/datasetView.do',
      time: { column: 'date', grain: 'day', lag: 'P1D' },
      columns: {
        date: { from: ['측정일시'], type: 'date', format: 'yyyyMMdd', title: { ko: '측정일', en: 'Date' } },
        station: { from: ['측정소명'], type: 'string', title: { ko: '측정소', en: 'Station' } },
        pm10: { from: ['미세먼지농도(㎍/㎥)'], type: 'number', unit: '㎍/㎥', title: { ko: '미세먼지', en: 'PM10' }, higherIsBetter: false },
        pm25: { from: ['초미세먼지농도(㎍/㎥)'], type: 'number', unit: '㎍/㎥', higherIsBetter: false },
      },
      district: { from: 'station' },
      primaryKey: ['date', 'station'],
    }),
    dataset({
      id: 'air-quality-monthly-by-gu',
      title: { ko: '구별 월평균 초미세먼지', en: 'Monthly PM2.5 by gu' },
      update: { every: 'monthly' },
      time: { column: 'month', grain: 'month', lag: 'P1M' },
      columns: {
        month: { from: [], type: 'string', title: { ko: '월', en: 'Month' } },
        gu_code: { from: [], type: 'string' },
        gu_ko: { from: [], type: 'string' },
        gu_en: { from: [], type: 'string' },
        pm25: { from: [], type: 'number', unit: '㎍/㎥', title: { ko: '초미세먼지', en: 'PM2.5' }, higherIsBetter: false },
      },
      primaryKey: ['month', 'gu_code'],
      from: ['air-quality-daily'],
      sql: `SELECT strftime(date, '%Y-%m') AS month, gu_code, gu_ko, gu_en, avg(pm25) AS pm25\nFROM "air-quality-daily" WHERE gu_code IS NOT NULL AND pm25 > 0\nGROUP BY ALL`,
    }),
    dataset({
      id: 'subway-ridership',
      title: { ko: '지하철 승차 인원', en: 'Subway ridership' },
      department: DEPT_TRANSPORT,
      licence: 'CC-BY-4.0',
      update: { every: 'monthly' },
      time: { column: 'month', grain: 'month', lag: 'P1M' },
      columns: {
        month: { from: ['사용월'], type: 'string', title: { ko: '월', en: 'Month' } },
        line: { from: ['호선명'], type: 'string', title: { ko: '호선', en: 'Line' }, labels: { '2호선': 'Line 2' } },
        riders: { from: ['승차총승객수'], type: 'integer', unit: '명', title: { ko: '승차 인원', en: 'Riders' }, higherIsBetter: true },
        note: { from: ['비고'], type: 'string' },
        change: { from: ['증감'], type: 'number' },
      },
      primaryKey: ['month', 'line'],
    }),
    dataset({
      id: 'budget-execution',
      title: { ko: '예산 집행률', en: 'Budget execution' },
      department: DEPT_BUDGET,
      update: { every: 'quarterly' },
      columns: { quarter: { from: ['분기'], type: 'string' }, rate: { from: ['집행률'], type: 'number', unit: '%' } },
      primaryKey: ['quarter'],
    }),
  ];

  const charts: ChartDescriptor[] = [
    {
      id: 'pm25-by-district', area: 'environment', file: 'viz-specs/environment/pm25-by-district.yaml',
      title: { ko: '구별 초미세먼지', en: 'PM2.5 by district' },
      description: { ko: '서울 구별 월평균 초미세먼지 농도', en: 'Monthly mean PM2.5 by gu' },
      data: ['air-quality-monthly-by-gu'], proposedBy: 'Open Net Korea', spec: { mark: 'rect' }, template: 'gu-map',
      map: { dataset: 'air-quality-monthly-by-gu', value: 'pm25' },
      indicator: { dataset: 'air-quality-monthly-by-gu', value: 'pm25', time: 'month', filter: { gu_code: '11110' } },
    },
    {
      id: 'pm10-daily', area: 'environment', file: 'viz-specs/environment/pm10-daily.yaml',
      title: { ko: '일별 미세먼지', en: 'Daily PM10' }, description: { ko: '측정소별 일별 미세먼지', en: 'Daily PM10 by station' },
      data: ['air-quality-daily'], spec: { mark: 'line' },
      indicator: { dataset: 'air-quality-daily', value: 'pm10' },
    },
    {
      id: 'subway-riders', area: 'transport', file: 'viz-specs/transport/subway-riders.yaml',
      title: { ko: '지하철 승차 인원', en: 'Subway riders' }, description: { ko: '월별 승차 인원', en: 'Riders per month' },
      data: ['subway-ridership'], proposedBy: '교통실', spec: { mark: 'bar' },
      indicator: { dataset: 'subway-ridership', value: 'riders', time: 'month' },
    },
    {
      id: 'budget-rate', area: 'finance', file: 'viz-specs/finance/budget-rate.yaml',
      title: { ko: '예산 집행률', en: 'Budget execution rate' }, description: { ko: '분기별 집행률', en: 'Execution by quarter' },
      data: ['budget-execution'], spec: { mark: 'bar' },
    },
  ];

  const rows: Record<string, Row[]> = {
    'air-quality-daily': airDaily(),
    'air-quality-monthly-by-gu': airMonthly(),
    'subway-ridership': ridership(),
  };
  const snapshots: Record<string, SnapshotMeta> = {
    'air-quality-daily': meta('air-quality-daily', rows['air-quality-daily'], {
      validation: { dataset: 'air-quality-daily', rowsRead: 33, valid: 30, rejected: 3, duplicates: 1, districtsUnmatched: 10, unmatchedDistrictValues: { 강남대로: 10 }, status: 'ok' },
    }),
    'air-quality-monthly-by-gu': meta('air-quality-monthly-by-gu', rows['air-quality-monthly-by-gu'], { derived: { from: ['air-quality-daily'], sql: 'select 1' } }),
    'subway-ridership': meta('subway-ridership', rows['subway-ridership'], {
      fetch: { outcome: 'failed', source: 'http://openapi.seoul.go.kr:8088/***/json/CardSubwayStatsNew/1/1000/', fetchedAt: '2024-11-20T21:00:00.000Z', sample: false, error: 'HTTP 500' },
      stale: { since: '2024-11-21T21:00:00.000Z', reason: 'HTTP 500 from openapi.seoul.go.kr' },
    }),
  };
  const reports: Record<string, ValidationReport> = {
    'air-quality-daily': {
      ...snapshots['air-quality-daily'].validation,
      rejections: [
        { loc: { file: 'a.csv', line: 5 }, column: 'pm10', value: '-', rule: 'type', message: 'not a number' },
        { loc: { file: 'a.csv', line: 9 }, column: 'pm10', value: 'abc', rule: 'type', message: 'not a number' },
        { loc: { file: 'a.csv', line: 12 }, column: 'date', value: '20241399', rule: 'format', message: 'not a date' },
      ],
    },
  };
  const rendered_: RenderedChart[] = [...rendered(charts[0]), ...rendered(charts[1], { drafted: false }), ...rendered(charts[2])];

  if (opts.xss) {
    const xss = dataset({
      id: 'xss-data',
      title: { ko: `위험 ${XSS_ALL}`, en: `Danger ${XSS_ALL}` },
      description: { ko: XSS_ALL, en: XSS_ALL },
      department: { id: 'xss-dept', ko: XSS_ALL, en: XSS_ALL },
      homepage: 'javascript:alert(1)',
      licence: `${XSS_SCRIPT}`,
      columns: {
        year: { from: ['연도'], type: 'integer', title: { ko: XSS_SCRIPT, en: XSS_IMG } },
        label: { from: ['이름'], type: 'string', description: { ko: XSS_TEMPLATE, en: XSS_TEMPLATE } },
        value: { from: ['값'], type: 'number', unit: XSS_IMG },
      },
      primaryKey: ['year'],
      from: ['air-quality-daily'],
      sql: `SELECT '${XSS_SCRIPT}' AS label -- ${XSS_TEMPLATE}`,
    });
    datasets.push(xss);
    const chart: ChartDescriptor = {
      id: 'xss-chart', area: 'environment', file: 'viz-specs/environment/xss-chart.yaml',
      title: { ko: `차트 ${XSS_ALL}`, en: `Chart ${XSS_ALL}` }, description: { ko: XSS_ALL, en: XSS_ALL },
      data: ['xss-data'], proposedBy: XSS_ALL, spec: { mark: 'bar' },
      indicator: { dataset: 'xss-data', value: 'value', time: 'year' },
    };
    const evil: ChartDescriptor = { ...chart, id: 'xss-evil-svg', title: { ko: '나쁜 SVG', en: 'Bad SVG' }, indicator: undefined };
    charts.push(chart, evil);
    rows['xss-data'] = xssRows();
    snapshots['xss-data'] = meta('xss-data', rows['xss-data'], { fetch: { outcome: 'fresh', source: XSS_ALL, fetchedAt: '2024-11-28T21:00:00.000Z', sample: false, etag: XSS_IMG } });
    reports['xss-data'] = { ...snapshots['xss-data'].validation, rejections: [{ loc: { line: 1 }, column: 'label', value: XSS_ALL, rule: XSS_SCRIPT, message: XSS_IMG }] };
    rendered_.push(...rendered(chart), ...rendered(evil, { svg: () => `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><text onclick="alert(1)">x</text></svg>` }));
  }

  for (const ds of datasets) {
    await writeFile(join(dir, ds.schema), JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: Object.fromEntries(Object.keys(ds.columns).map((c) => [c, { description: c === 'pm25' ? '초미세먼지(PM2.5) 농도' : undefined }])),
    }));
  }
  for (const [id, list] of Object.entries(rows)) {
    await writeFile(join(dir, 'data', `${id}.ndjson`), list.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }

  const catalog: Catalog = {
    root: dir,
    datasets,
    charts,
    settings: {
      siteTitle: { ko: '서울 데이터 대시보드', en: 'Seoul Data Dashboard' },
      baseUrl: opts.baseUrl,
      repository: 'https://github.com/example/citydash',
      areas: { environment: { ko: '환경', en: 'Environment' }, transport: { ko: '교통', en: 'Transport' }, finance: { ko: '재정', en: 'Finance' }, health: { ko: '보건', en: 'Health' } },
    },
  };
  return {
    dir,
    catalog,
    input: {
      snapshots,
      rowsPath: (id) => join(dir, 'data', `${id}.ndjson`),
      rendered: rendered_,
      cycleId: '2024-11-28T2100Z',
      now: new Date('2024-11-28T21:05:00Z'),
      reports,
    },
  };
}
