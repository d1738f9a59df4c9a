// Translation tables (labels/<id>.yaml, columns' `labels`, unit words): what English pages and
// charts show for Korean values, and the located messages a pull request gets for a broken table.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  columnUnit, countHangul, formatProblem, labelsOf, loadCatalog, unitInEnglish, unitLabel, valueLabel, type LoadedCatalog,
} from '../../pipeline/catalog/index.ts';
import { repoRoot } from '../helpers/paths.ts';

describe('the bundled catalog', () => {
  let loaded: LoadedCatalog;
  beforeAll(async () => {
    loaded = await loadCatalog(repoRoot);
  });

  test('loads its tables without a problem', () => {
    expect(loaded.problems.filter((p) => p.rule === 'labels' || p.file.startsWith('labels/')).map(formatProblem)).toEqual([]);
    expect(Object.keys(loaded.catalog.labels ?? {})).toEqual(
      expect.arrayContaining(['departments', 'subway-stations', 'subway-lines', 'complaint-categories', 'price-items', 'units']),
    );
  });

  test('gives every Korean value of a labelled column in the bundled data an English form', async () => {
    // The values the sample data holds, read from the samples themselves.
    const ds = (id: string) => loaded.catalog.datasets.find((d) => d.id === id)!;
    const stations = ds('subway-station-ranking').columns.station;
    const sample = JSON.parse(await readFile(join(repoRoot, 'sources/transportation/samples/subway-ridership-daily.json'), 'utf8')) as unknown;
    const names = new Set<string>();
    JSON.stringify(sample, (k, v: unknown) => {
      if ((k === '역명' || k === 'SBWY_STNS_NM') && typeof v === 'string') names.add(v);
      return v;
    });
    expect(names.size).toBeGreaterThan(20);
    const untranslated = [...names].filter((n) => valueLabel(n, 'en', stations.labels).lang !== 'en');
    expect(untranslated).toEqual([]);
    expect(valueLabel('잠실(송파구청)', 'en', stations.labels)).toEqual({ text: 'Jamsil (Songpa-gu Office)', lang: 'en' });
    expect(valueLabel('재무국', 'en', ds('budget-execution-by-department').columns.department.labels)).toEqual({ text: 'Finance Bureau', lang: 'en' });
    expect(valueLabel('환경·위생', 'en', ds('civil-complaints-by-category-month').columns.category.labels).text).toBe('Environment and sanitation');
    expect(valueLabel('2호선', 'en', ds('subway-ridership-by-line-month').columns.line.labels).text).toBe('Line 2');
    expect(valueLabel('서울시 본청', 'en', ds('civil-complaints-monthly').columns.gu.labels).text).toBe('Seoul City Hall');
    expect(valueLabel('마포구', 'en', ds('civil-complaints-monthly').columns.gu.labels).text).toBe('Mapo-gu');
  });

  test('resolves every unit of every column to one English spelling', () => {
    const units = new Map<string, string>();
    for (const d of loaded.catalog.datasets) {
      for (const c of Object.values(d.columns)) {
        if (!c.unit) continue;
        const en = columnUnit(c, 'en')!;
        expect(en.lang).toBe('en');
        expect(countHangul(en.text)).toBe(0);
        units.set(c.unit, en.text);
      }
    }
    expect(units.get('명')).toBe('people');
    expect(units.get('백만원')).toBe('million won');
    expect(units.get('㎍/㎥')).toBe('µg/m³');
    expect(units.get('건/천 명')).toBe('cases/1,000 people');
  });
});

describe('lookups', () => {
  test('a value with no English form stays Korean and says so', () => {
    expect(valueLabel('105. 망원역 1번출구 앞', 'en')).toEqual({ text: '105. 망원역 1번출구 앞', lang: 'ko' });
    expect(valueLabel('PM10', 'en')).toEqual({ text: 'PM10', lang: 'en' });
    expect(valueLabel('강남', 'ko', { 강남: 'Gangnam' })).toEqual({ text: '강남', lang: 'ko' });
    // a value named like an Object prototype key is just a value
    expect(valueLabel('constructor', 'en', {})).toEqual({ text: 'constructor', lang: 'en' });
  });

  test('gu_ko gets the built-in table of the 25 gu', () => {
    expect(valueLabel('영등포구', 'en', labelsOf('gu_ko', undefined)).text).toBe('Yeongdeungpo-gu');
    expect(labelsOf('station', undefined)).toBeUndefined();
  });

  test('units translate whole, then part by part; symbols pass through', () => {
    expect(unitInEnglish('명')).toBe('people');
    expect(unitInEnglish('대/천 명')).toBe('units/1,000 people');
    expect(unitInEnglish('건/10만 명')).toBe('cases/100,000 people');
    expect(unitInEnglish('ppm')).toBe('ppm');
    expect(unitInEnglish('%')).toBe('%');
    expect(unitInEnglish('위')).toBe('');
    expect(unitInEnglish('톨')).toBeUndefined();
    expect(unitInEnglish('톨', { 톨: 'grains' })).toBe('grains');
    expect(unitLabel('톨', 'en')).toEqual({ text: '톨', lang: 'ko' });
    expect(unitLabel('명', 'ko')).toEqual({ text: '명', lang: 'ko' });
  });
});

describe('a catalog with broken tables', () => {
  let dir: string;
  let loaded: LoadedCatalog;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'citydash-labels-'));
    for (const part of ['citydash.yaml', 'schemas/cctv-by-gu.schema.json', 'sources/safety']) await cp(join(repoRoot, part), join(dir, part), { recursive: true });
    const descriptor = await readFile(join(dir, 'sources/safety/cctv-by-gu.yaml'), 'utf8');
    await writeFile(
      join(dir, 'sources/safety/cctv-by-gu.yaml'),
      descriptor.replace('    labels: gu\n', '    labels: [gu, deparments]\n').replace('  total:\n    from: [소계, 총계]\n    type: integer\n    unit: 대\n', '  total:\n    from: [소계, 총계]\n    type: integer\n    unit: 대/톨\n'),
    );
    await mkdir(join(dir, 'labels'));
    await mkdir(join(dir, 'viz-specs'));
    await writeFile(join(dir, 'labels/departments.yaml'), 'id: departments\ntitle: {ko: 부서, en: Departments}\nvalues:\n  재무국: 재무 Bureau\n');
    await writeFile(join(dir, 'labels/lines.yaml'), 'id: subway-lines\ntitle: {ko: 노선, en: Lines}\nvalues:\n  1호선: Line 1\n');
    await writeFile(join(dir, 'labels/empty.yaml'), 'id: empty\ntitle: {ko: 빈 표, en: Empty}\nvalues: {}\n');
    loaded = await loadCatalog(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('each problem is located, and only a broken table file is an error', () => {
    expect(loaded.problems.map(formatProblem)).toEqual([
      'labels/departments.yaml:4:8: warning: the English form of "재무국" has Korean letters in it: "재무 Bureau"',
      'labels/empty.yaml:3:1: "values" must have at least 1 entry',
      'labels/lines.yaml:1:5: id "subway-lines" does not match the file name "lines.yaml": rename the file to subway-lines.yaml or change the id',
      'sources/safety/cctv-by-gu.yaml:28:11: warning: "extract.sample" is the same file as "extract.path" ("samples/cctv-by-gu.csv"), so every row of it is published labelled as sample data (예시 데이터), not as the department\'s data — if the file holds real data, remove extract.sample: a file source reads extract.path and needs no sample',
      'sources/safety/cctv-by-gu.yaml:34:18: warning: no translation table "deparments" (labels/deparments.yaml), so English pages show these values in Korean; did you mean "departments"?; the tables are departments, gu',
      'sources/safety/cctv-by-gu.yaml:38:11: warning: unit "대/톨" has no English form, so English pages show it in Korean: add it to labels/units.yaml (values: {대/톨: ...})',
    ]);
  });

  test('the dataset still loads, with the tables that exist', () => {
    const cctv = loaded.catalog.datasets.find((d) => d.id === 'cctv-by-gu')!;
    expect(valueLabel('중구', 'en', cctv.columns.gu.labels).text).toBe('Jung-gu');
    expect(columnUnit(cctv.columns.total, 'en')).toEqual({ text: '대/톨', lang: 'ko' });
    expect(Object.keys(loaded.catalog.labels!)).toEqual(['departments']);
  });
});
