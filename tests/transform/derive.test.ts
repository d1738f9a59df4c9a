import { readFile } from 'node:fs/promises';
import { DEFAULT_BUDGETS, type Budgets } from '../../pipeline/budgets.ts';
import { runTransforms } from '../../pipeline/transform/index.ts';
import type { Catalog, ColumnType, DatasetDescriptor, Row } from '../../pipeline/types.ts';
import {
  AIR_COLUMNS,
  air2018,
  derivedDataset,
  readMeta,
  readRows,
  schemaValidator,
  sourceDataset,
  tempCatalog,
  testEffects,
  writeSnapshot,
  type TempCatalog,
} from './fixtures.ts';

const MONTHLY_SQL = `-- monthly means by gu
SELECT CAST(date_trunc('month', date) AS DATE) AS month, gu_code, gu_ko, gu_en,
       avg(pm10) AS pm10, avg(pm25) AS pm25, count(pm25) AS days,
       CAST(sum(pm25) AS DECIMAL(18, 1)) AS pm25_sum
FROM "air-quality-daily"
WHERE gu_code IS NOT NULL
GROUP BY ALL
ORDER BY month, gu_code;`;
const MONTHLY_COLUMNS: Record<string, ColumnType> = {
  month: 'date', gu_code: 'string', gu_ko: 'string', gu_en: 'string', pm10: 'number', pm25: 'number', days: 'integer', pm25_sum: 'number',
};
const WORST_SQL = `SELECT month, max(pm25) AS worst_pm25, count(*) AS gus FROM "air-quality-monthly-by-gu" GROUP BY month ORDER BY month`;
const WORST_COLUMNS: Record<string, ColumnType> = { month: 'date', worst_pm25: 'number', gus: 'integer' };

/** Monthly means by gu computed in plain JS, independently of DuckDB. */
function expectedMonthly(rows: Row[]): Row[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    if (r.gu_code === null) continue;
    const key = `${String(r.date).slice(0, 7)}-01|${r.gu_code}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, rs]) => {
      const pm10 = rs.map((r) => r.pm10).filter((v): v is number => v !== null);
      const pm25 = rs.map((r) => r.pm25).filter((v): v is number => v !== null);
      return {
        month: key.split('|')[0]!,
        gu_code: rs[0]!.gu_code,
        gu_ko: rs[0]!.gu_ko,
        gu_en: rs[0]!.gu_en,
        pm10: mean(pm10),
        pm25: mean(pm25),
        days: pm25.length,
        pm25_sum: pm25.length ? pm25.reduce((a, b) => a + b, 0) : null,
      };
    });
}

let cat: TempCatalog;
let air: Row[];
const source = sourceDataset('air-quality-daily', AIR_COLUMNS);

function catalogOf(datasets: DatasetDescriptor[]): Catalog {
  return { root: cat.root, datasets, charts: [], settings: { siteTitle: { ko: '서울', en: 'Seoul' }, areas: {} } };
}

async function run(datasets: DatasetDescriptor[], opts: { sqlTimeoutMs?: number; budgets?: Budgets } = {}) {
  const effects = testEffects();
  const result = await runTransforms(catalogOf(datasets), { work: cat.work, effects, validate: schemaValidator(cat.root, cat.work, effects), ...opts });
  return { result, log: effects.log.lines, byId: Object.fromEntries(result.datasets.map((d) => [d.id, d])) };
}

beforeAll(async () => {
  air = await air2018();
});
beforeEach(async () => {
  cat = await tempCatalog();
  await writeSnapshot(cat.work, 'air-quality-daily', air, AIR_COLUMNS);
});
afterEach(async () => {
  await cat?.cleanup();
});

test('derives monthly means by gu from real 2018 data, then a derived dataset of that, in dependency order', async () => {
  const monthly = await derivedDataset(cat.root, 'air-quality-monthly-by-gu', ['air-quality-daily'], MONTHLY_SQL, MONTHLY_COLUMNS, { primaryKey: ['month', 'gu_code'] });
  const worst = await derivedDataset(cat.root, 'air-quality-monthly-worst', ['air-quality-monthly-by-gu'], WORST_SQL, WORST_COLUMNS, { primaryKey: ['month'] });
  // The dependant is listed first: the order must come from `from`, not from the catalog.
  const { result, log } = await run([worst, source, monthly]);

  expect(result.ok).toBe(true);
  expect(result.datasets.map((d) => [d.id, d.status, d.rows])).toEqual([
    ['air-quality-monthly-by-gu', 'fresh', 300],
    ['air-quality-monthly-worst', 'fresh', 12],
  ]);
  const expected = expectedMonthly(air);
  expect(expected).toHaveLength(300);
  expect(await readRows(cat.work.rows('air-quality-monthly-by-gu'))).toEqual(expected);

  const jan = expected.filter((r) => r.month === '2018-01-01');
  expect(await readRows(cat.work.rows('air-quality-monthly-worst'))).toContainEqual({
    month: '2018-01-01',
    worst_pm25: Math.max(...jan.map((r) => r.pm25 as number)),
    gus: 25,
  });

  const meta = await readMeta(cat.work, 'air-quality-monthly-by-gu');
  expect(meta.derived).toEqual({ from: ['air-quality-daily'], sql: MONTHLY_SQL });
  expect(meta.stale).toBeUndefined();
  expect(meta.rows).toBe(300);
  expect(meta.columns).toEqual(MONTHLY_COLUMNS);
  // Dated by its source's fetch (20:00), not by the transform run (21:00).
  expect(meta.fetch).toEqual({ outcome: 'fresh', source: 'sources/derived/air-quality-monthly-by-gu.yaml', fetchedAt: '2026-11-28T20:00:00.000Z', sample: false });
  const report = JSON.parse(await readFile(cat.work.report('air-quality-monthly-by-gu'), 'utf8'));
  expect(report).toMatchObject({ dataset: 'air-quality-monthly-by-gu', rowsRead: 300, valid: 300, status: 'ok' });
  expect(log).toEqual(['[fresh] air-quality-monthly-by-gu 300 rows', '[fresh] air-quality-monthly-worst 12 rows']);
});

test('a cycle in `from` is an error naming the cycle; the other datasets still run', async () => {
  const cols: Record<string, ColumnType> = { n: 'integer' };
  const a = await derivedDataset(cat.root, 'a', ['b'], 'SELECT n FROM b', cols);
  const b = await derivedDataset(cat.root, 'b', ['a'], 'SELECT n FROM a', cols);
  const self = await derivedDataset(cat.root, 'self', ['self'], 'SELECT n FROM self', cols);
  const c = await derivedDataset(cat.root, 'c', ['a'], 'SELECT n FROM a', cols);
  const ok = await derivedDataset(cat.root, 'ok', ['air-quality-daily'], 'SELECT count(*) AS n FROM "air-quality-daily"', cols);
  const { result, byId } = await run([source, a, b, self, c, ok]);

  expect(result.ok).toBe(false);
  expect(byId.a).toMatchObject({ status: 'failed', keptLastGood: false, reason: 'sources/derived/a.yaml: dataset "a": cycle in from: a -> b -> a' });
  expect(byId.b!.reason).toBe('sources/derived/b.yaml: dataset "b": cycle in from: b -> a -> b');
  expect(byId.self!.reason).toBe('sources/derived/self.yaml: dataset "self": cycle in from: self -> self');
  expect(byId.c!.status).toBe('failed');
  expect(byId.c!.reason).toBe(
    'sources/derived/c.yaml: dataset "c": source "a" failed this cycle and has no last good snapshot (sources/derived/a.yaml: dataset "a": cycle in from: a -> b -> a)',
  );
  expect(byId.ok).toMatchObject({ status: 'fresh', rows: 1 });
  expect(await readRows(cat.work.rows('ok'))).toEqual([{ n: air.length }]);
  const report = JSON.parse(await readFile(cat.work.report('a'), 'utf8'));
  expect(report).toMatchObject({ dataset: 'a', status: 'failed', error: byId.a!.reason });
});

describe('SQL problems are reported with the descriptor file, the dataset id and DuckDB\'s message', () => {
  const cols: Record<string, ColumnType> = { n: 'integer' };
  test.each([
    ['unknown column', 'SELECT nope AS n FROM "air-quality-daily"', /^sources\/derived\/x\.yaml: dataset "x": SQL failed: Binder Error: Referenced column "nope" not found/],
    ['unknown table', 'SELECT count(*) AS n FROM "air-quality-hourly"', /SQL failed: Catalog Error: Table with name air-quality-hourly does not exist/],
    ['a catalog dataset missing from `from`', 'SELECT count(*) AS n FROM "population-by-gu"', /SQL failed: Catalog Error: Table with name population-by-gu does not exist[^]*\n\("population-by-gu" is in the catalog: add it to from: so it is loaded and computed first\)$/],
    ['syntax', 'SELEC count(*) AS n FROM "air-quality-daily"', /^sources\/derived\/x\.yaml: dataset "x": SQL failed: Parser Error: syntax error at or near "SELEC"/],
    ['two statements', 'SELECT 1 AS n; SELECT 2 AS n', /SQL failed: sql must be exactly one SELECT query; found 2 statements/],
    ['not a query', 'CREATE TABLE n AS SELECT 1 AS n', /SQL failed: sql must be a SELECT query; found a CREATE statement/],
    ['a setting', 'SET enable_external_access = true', /SQL failed: sql must be a SELECT query; found a (SET|VARIABLE_SET) statement/],
    ['an error while rows stream', `SELECT CAST(station AS INTEGER) AS n FROM "air-quality-daily"`, /SQL failed: Conversion Error: Could not convert string '강남구' to INT32/],
    ['reading a file', `SELECT count(*) AS n FROM read_text('/etc/hostname')`, /SQL failed: Permission Error: .*file system operations are disabled/],
    ['an undeclared column', 'SELECT 1 AS n, 2 AS extra', /^sources\/derived\/x\.yaml: dataset "x": the SQL returns "extra", not declared in columns \(SQL returns: n, extra\)$/],
    ['a declared column missing', 'SELECT 1 AS m', /the SQL returns "m", not declared in columns; columns declares "n", which the SQL does not return/],
    ['a list value', 'SELECT [1, 2] AS n', /column "n" has DuckDB type INTEGER\[\], which a canonical row cannot hold/],
    ['two columns with one name', 'SELECT 1 AS n, 2 AS n', /the SQL result has two columns named "n"; give one an alias/],
  ])('%s', async (_name, sql, message) => {
    const x = await derivedDataset(cat.root, 'x', ['air-quality-daily'], sql, cols);
    const { byId } = await run([source, sourceDataset('population-by-gu', { n: 'integer' }), x]);
    expect(byId.x!.status).toBe('failed');
    expect(byId.x!.reason).toMatch(message);
  });

  test('a query running past the time limit is interrupted', async () => {
    const x = await derivedDataset(cat.root, 'x', ['air-quality-daily'], 'WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) AS n FROM t', cols);
    const { byId } = await run([source, x], { sqlTimeoutMs: 200 });
    expect(byId.x!.reason).toMatch(/^sources\/derived\/x\.yaml: dataset "x": SQL failed: stopped after 200 ms \(INTERRUPT Error: Interrupted!\)/);
  });

  test('a query over its memory budget is stopped and says which budget it broke', async () => {
    const x = await derivedDataset(cat.root, 'x', ['air-quality-daily'], `SELECT length(string_agg(repeat('x', 1000000), '')) AS n FROM range(1000)`, cols);
    const { byId } = await run([source, x], { budgets: { ...DEFAULT_BUDGETS, sqlMemoryMb: 128 } });
    expect(byId.x!.reason).toMatch(/^sources\/derived\/x\.yaml: dataset "x": SQL failed: used more than the 128 MB memory budget \(budgets\.sqlMemoryMb in citydash\.yaml; Out of Memory Error: /);
  });

  test('a descriptor without sql', async () => {
    const x = await derivedDataset(cat.root, 'x', ['air-quality-daily'], '', cols);
    const { byId } = await run([source, x]);
    expect(byId.x!.reason).toBe('sources/derived/x.yaml: dataset "x": a derived dataset needs `sql:` (a DuckDB SELECT over its `from` datasets)');
  });
});

test('a source that failed this cycle: computed from its last good snapshot, staleness inherited', async () => {
  const stale = { since: '2026-11-27T21:00:00.000Z', reason: 'fetch failed: HTTP 500 from http://openapi.seoul.go.kr:8088/xxxx/json/DailyAverageAirQuality' };
  const lastModified = 'Fri, 27 Nov 2026 09:00:00 GMT';
  await writeSnapshot(cat.work, 'air-quality-daily', air, AIR_COLUMNS, {
    stale,
    fetch: { outcome: 'sample', source: 'samples/air-quality-daily.json', fetchedAt: '2026-11-27T20:00:00.000Z', sample: true, lastModified },
  });
  const monthly = await derivedDataset(cat.root, 'air-quality-monthly-by-gu', ['air-quality-daily'], MONTHLY_SQL, MONTHLY_COLUMNS);
  const worst = await derivedDataset(cat.root, 'air-quality-monthly-worst', ['air-quality-monthly-by-gu'], WORST_SQL, WORST_COLUMNS);
  const { result, byId, log } = await run([source, monthly, worst]);

  expect(result.ok).toBe(true);
  expect(byId['air-quality-monthly-by-gu']).toMatchObject({ status: 'stale', rows: 300 });
  expect(await readRows(cat.work.rows('air-quality-monthly-by-gu'))).toEqual(expectedMonthly(air));
  const meta = await readMeta(cat.work, 'air-quality-monthly-by-gu');
  expect(meta.stale).toEqual({ since: stale.since, reason: `source "air-quality-daily" is stale since ${stale.since}: ${stale.reason}` });
  // Sample data in, sample data out (the site labels it); the source's Last-Modified carries over.
  expect(meta.fetch).toMatchObject({ sample: true, lastModified });
  // Passed down a second level, still naming where it started.
  const worstMeta = await readMeta(cat.work, 'air-quality-monthly-worst');
  expect(worstMeta.stale!.since).toBe(stale.since);
  expect(worstMeta.stale!.reason).toBe(`source "air-quality-monthly-by-gu" is stale since ${stale.since}: ${meta.stale!.reason}`);
  expect(log[0]).toMatch(/^\[stale\] air-quality-monthly-by-gu 300 rows$/);
});

test('a source with no snapshot at all, or not in the catalog, fails the derived dataset clearly', async () => {
  const cols: Record<string, ColumnType> = { n: 'integer' };
  const pop = sourceDataset('population-by-gu', { gu_code: 'string', population: 'integer' });
  const perCapita = await derivedDataset(cat.root, 'per-capita', ['air-quality-daily', 'population-by-gu'], 'SELECT count(*) AS n FROM "population-by-gu"', cols);
  const ghost = await derivedDataset(cat.root, 'ghost', ['no-such-dataset'], 'SELECT 1 AS n', cols);
  const { byId } = await run([source, pop, perCapita, ghost]);
  expect(byId['per-capita']!.reason).toBe(
    `sources/derived/per-capita.yaml: dataset "per-capita": source "population-by-gu" has no validated snapshot (${cat.work.meta('population-by-gu')} not found); fetch and validate it first`,
  );
  expect(byId.ghost!.reason).toBe('sources/derived/ghost.yaml: dataset "ghost": source "no-such-dataset" is not a dataset in the catalog');
});

test('a derived dataset that fails keeps its last good snapshot, marked stale, and its dependants use it', async () => {
  const monthly = await derivedDataset(cat.root, 'air-quality-monthly-by-gu', ['air-quality-daily'], MONTHLY_SQL, MONTHLY_COLUMNS);
  const worst = await derivedDataset(cat.root, 'air-quality-monthly-worst', ['air-quality-monthly-by-gu'], WORST_SQL, WORST_COLUMNS);
  await run([source, monthly, worst]);
  const goodRows = await readFile(cat.work.rows('air-quality-monthly-by-gu'), 'utf8');

  const broken = { ...monthly, sql: MONTHLY_SQL.replace('avg(pm10)', 'avg(pm100)') };
  const { result, byId } = await run([source, broken, worst]);
  expect(result.ok).toBe(false);
  expect(byId['air-quality-monthly-by-gu']).toMatchObject({ status: 'failed', keptLastGood: true });
  expect(byId['air-quality-monthly-by-gu']!.reason).toMatch(/Referenced column "pm100" not found/);
  expect(await readFile(cat.work.rows('air-quality-monthly-by-gu'), 'utf8')).toBe(goodRows);
  const meta = await readMeta(cat.work, 'air-quality-monthly-by-gu');
  expect(meta.stale).toEqual({ since: '2026-11-28T21:00:00.000Z', reason: byId['air-quality-monthly-by-gu']!.reason });
  expect(meta.derived!.sql).toBe(MONTHLY_SQL);

  expect(byId['air-quality-monthly-worst']).toMatchObject({ status: 'stale', rows: 12 });
  expect((await readMeta(cat.work, 'air-quality-monthly-worst')).stale!.reason).toMatch(/^source "air-quality-monthly-by-gu" is stale since 2026-11-28T21:00:00.000Z: .*pm100/);
});

test('rows that break the derived dataset\'s own schema fail it with the validator\'s report', async () => {
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['month', 'gu_code', 'pm25'],
    properties: { pm25: { type: 'number', maximum: 30 } },
  };
  const monthly = await derivedDataset(cat.root, 'air-quality-monthly-by-gu', ['air-quality-daily'], MONTHLY_SQL, MONTHLY_COLUMNS, {
    schema,
    onInvalid: { action: 'drop-row', maxRatio: 0.01 },
  });
  const { byId } = await run([source, monthly]);
  const expectedRejected = expectedMonthly(air).filter((r) => (r.pm25 as number) > 30).length;
  expect(expectedRejected).toBeGreaterThan(3);
  expect(byId['air-quality-monthly-by-gu']).toMatchObject({ status: 'failed', keptLastGood: false });
  expect(byId['air-quality-monthly-by-gu']!.reason).toMatch(
    new RegExp(`^sources/derived/air-quality-monthly-by-gu\\.yaml: dataset "air-quality-monthly-by-gu": validation failed: ${expectedRejected} of 300 rows rejected .*more than onInvalid\\.maxRatio 0\\.01`),
  );
  const report = JSON.parse(await readFile(cat.work.report('air-quality-monthly-by-gu'), 'utf8'));
  expect(report).toMatchObject({ rowsRead: 300, rejected: expectedRejected, status: 'failed' });
  expect(report.rejections[0].rule).toBe('maximum');
});
