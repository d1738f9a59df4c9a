import { writeFile } from 'node:fs/promises';
import { openStore, SnapshotLoadError, SnapshotMissingError } from '../../pipeline/transform/index.ts';
import { realData } from '../helpers/paths.ts';
import { AIR_COLUMNS, air2018, tempCatalog, writeSnapshot, type TempCatalog } from './fixtures.ts';

let cat: TempCatalog;
beforeEach(async () => {
  cat = await tempCatalog();
});
afterEach(async () => {
  await cat?.cleanup();
});

describe('openStore', () => {
  test('loads each snapshot as a typed table named by its dashed id', async () => {
    const rows = (await air2018()).slice(0, 400);
    await writeSnapshot(cat.work, 'air-quality-daily', rows, AIR_COLUMNS);
    await writeSnapshot(cat.work, 'events', [{ at: '2018-01-01T13:05', ok: true, n: 3 }], { at: 'datetime', ok: 'boolean', n: 'integer' });
    const store = await openStore(cat.work, ['air-quality-daily', 'events']);
    try {
      const types = await store.query(`SELECT column_name, column_type FROM (DESCRIBE "air-quality-daily")`);
      expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toEqual({
        date: 'DATE', station: 'VARCHAR', no2: 'DOUBLE', o3: 'DOUBLE', co: 'DOUBLE', so2: 'DOUBLE',
        pm10: 'BIGINT', pm25: 'BIGINT', gu_code: 'VARCHAR', gu_ko: 'VARCHAR', gu_en: 'VARCHAR',
      });
      const [count] = await store.query('SELECT count(*) AS n, count(gu_code) AS gu FROM "air-quality-daily"');
      expect(count).toEqual({ n: 400, gu: rows.filter((r) => r.gu_code !== null).length });
      // Values come back canonical: DATE "yyyy-MM-dd", BIGINT as a number, null stays null.
      const first = await store.query(`SELECT * FROM "air-quality-daily" WHERE station = '강남대로' ORDER BY date LIMIT 1`);
      expect(first).toEqual([rows.find((r) => r.station === '강남대로')]);
      expect(await store.query('SELECT * FROM events')).toEqual([{ at: '2018-01-01T13:05', ok: true, n: 3 }]);
      expect(Object.keys(store.tables).sort()).toEqual(['air-quality-daily', 'events']);
    } finally {
      store.close();
      store.close();
    }
  });

  test('adds district columns the meta does not list when the rows carry them', async () => {
    await writeSnapshot(cat.work, 'cctv', [{ gu: '강남구', cameras: 5, gu_code: '11680', gu_ko: '강남구', gu_en: 'Gangnam-gu' }], { gu: 'string', cameras: 'integer' });
    const store = await openStore(cat.work, ['cctv']);
    try {
      expect(await store.query('SELECT gu_code, cameras FROM cctv')).toEqual([{ gu_code: '11680', cameras: 5 }]);
    } finally {
      store.close();
    }
  });

  test('an empty snapshot is an empty table', async () => {
    await writeSnapshot(cat.work, 'empty-set', [], { a: 'string', b: 'number' });
    const store = await openStore(cat.work, ['empty-set']);
    try {
      expect(await store.query('SELECT count(*) AS n FROM "empty-set"')).toEqual([{ n: 0 }]);
    } finally {
      store.close();
    }
  });

  test('converts every DuckDB result type it can to canonical JSON values', async () => {
    await writeSnapshot(cat.work, 't', [{ x: 1 }], { x: 'integer' });
    const store = await openStore(cat.work, ['t']);
    try {
      const [row] = await store.query(`SELECT
        DATE '2018-03-05' AS d,
        TIMESTAMP '2018-03-05 13:45:59.123' AS ts,
        TIMESTAMPTZ '2018-03-05 04:45:00+00' AS tz,
        12345678901::BIGINT AS big,
        2::HUGEINT AS huge,
        12.50::DECIMAL(10,2) AS dec,
        0.5::FLOAT AS f,
        'NaN'::DOUBLE AS nan,
        NULL AS nothing,
        true AS yes,
        '강남구' AS gu`);
      expect(row).toEqual({
        d: '2018-03-05', ts: '2018-03-05T13:45', tz: '2018-03-05T13:45', big: 12345678901, huge: 2, dec: 12.5,
        f: 0.5, nan: null, nothing: null, yes: true, gu: '강남구',
      });
      await expect(store.query('SELECT [1, 2] AS list')).rejects.toThrow(/column "list" has DuckDB type INTEGER\[\]/);
    } finally {
      store.close();
    }
  });

  test('names the dataset and file when a snapshot is missing or unreadable', async () => {
    await expect(openStore(cat.work, ['nowhere'])).rejects.toThrow(SnapshotMissingError);
    await expect(openStore(cat.work, ['nowhere'])).rejects.toThrow(`dataset "nowhere": no validated snapshot at ${cat.work.meta('nowhere')}`);
    await writeSnapshot(cat.work, 'broken', [{ a: 1 }], { a: 'integer' });
    await writeFile(cat.work.rows('broken'), '{"a": 1}\n{"a": "twelve"}\n');
    const err = await openStore(cat.work, ['broken']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SnapshotLoadError);
    expect((err as Error).message).toContain(`dataset "broken": cannot load ${cat.work.rows('broken')}: `);
    expect((err as Error).message).toMatch(/twelve/);
  });
});

describe('after loading, the connection cannot reach files or the network', () => {
  let store: Awaited<ReturnType<typeof openStore>>;
  beforeEach(async () => {
    await writeSnapshot(cat.work, 'air-quality-daily', (await air2018()).slice(0, 10), AIR_COLUMNS);
    store = await openStore(cat.work, ['air-quality-daily']);
  });
  afterEach(() => store?.close());

  test.each([
    ['read_csv of a real file', `SELECT * FROM read_csv('${realData('seoul-cctv-by-gu.utf8bom.csv')}')`],
    ['read_text', `SELECT * FROM read_text('/etc/hostname')`],
    ['a file path as a table', `SELECT * FROM '${realData('seoul-cctv-by-gu.utf8bom.csv')}'`],
    ['ATTACH', `ATTACH '/tmp/citydash-should-not-exist.duckdb' AS other`],
    ['COPY TO', `COPY "air-quality-daily" TO '/tmp/citydash-should-not-exist.csv'`],
    ['a URL', `SELECT * FROM read_csv('https://example.com/data.csv')`],
    ['INSTALL', 'INSTALL httpfs'],
    ['LOAD', 'LOAD httpfs'],
  ])('%s fails', async (_name, sql) => {
    await expect(store.connection.run(sql)).rejects.toThrow(/Permission Error|disabled/);
  });

  test('the lock cannot be lifted', async () => {
    await expect(store.connection.run('SET enable_external_access = true')).rejects.toThrow(/configuration has been locked/);
    await expect(store.connection.run('RESET enable_external_access')).rejects.toThrow(/locked/);
    // The tables themselves stay usable.
    expect(await store.query('SELECT count(*) AS n FROM "air-quality-daily"')).toEqual([{ n: 10 }]);
  });
});
