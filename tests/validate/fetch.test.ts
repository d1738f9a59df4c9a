// fetchDataset against real files, a real loopback HTTP server (conditional GET) and a real
// loopback Seoul Open API server; then validate on what was stored. Validate never fetches:
// the command's fetchIfMissing does, first.
import { mkdir, readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fetchDataset, fetchIfMissing, isDue, nextDue, readRawEntry } from '../../pipeline/extract/index.ts';
import type { Catalog, DatasetDescriptor, Effects, Row, ValidationReport } from '../../pipeline/types.ts';
import { validate } from '../../pipeline/validate/index.ts';
import type { WorkDir } from '../../pipeline/workdir.ts';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.ts';
import { startSeoulApiServer, type SeoulApiServer } from '../helpers/seoul-api-server.ts';
import { AIR_SCHEMA, descriptor, tempDir, testEffects } from './helpers.ts';

const CSV = '측정일시,측정소명,미세먼지농도(㎍/㎥)\n20180101,강남구,34\n20180101,강남대로,\n20180102,종로구,"1,020"\n';
const KEY = 'secret-key-7f3a9';

let dir: Awaited<ReturnType<typeof tempDir>>;
let catalog: Catalog;
beforeEach(async () => {
  dir = await tempDir('citydash-fetch-');
  await mkdir(join(dir.path, 'schemas'));
  await mkdir(join(dir.path, 'sources/climate-environment/samples'), { recursive: true });
  await writeFile(join(dir.path, 'schemas/air-test.schema.json'), JSON.stringify(AIR_SCHEMA));
  await writeFile(join(dir.path, 'sources/climate-environment/samples/air.csv'), CSV);
  catalog = { root: dir.path, datasets: [], charts: [], settings: { siteTitle: { ko: '', en: '' }, areas: {} } };
});
afterEach(async () => { await dir?.cleanup(); });

const ctx = (env: Record<string, string> = {}, now = '2026-11-28T12:00:00Z', offline = !env.SEOUL_API_KEY) =>
  ({ catalogRoot: dir.path, work: dir.work, offline, effects: testEffects(env, now) });

/** What was stored, validated (validate's one entrance). */
async function validateDataset(ds: DatasetDescriptor, catalog: Catalog, c: { work: WorkDir; effects: Effects }, fetchFailure?: string): Promise<ValidationReport> {
  return (await validate({ from: 'stored', dataset: ds, catalog, fetchFailure }, { work: c.work }, c.effects)).report;
}

async function storedRows(id = 'air-test'): Promise<Row[]> {
  return (await readFile(dir.work.rows(id), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as Row);
}

async function allFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(root, { withFileTypes: true })) {
    const p = join(root, e.name);
    if (e.isDirectory()) out.push(...(await allFiles(p)));
    else out.push(p);
  }
  return out;
}

describe('cadence', () => {
  const t = new Date('2026-01-31T21:00:00Z'); // 06:00 on Feb 1 in Seoul
  test('periods, with 5% slack so a nightly job never skips a day', () => {
    expect(isDue(undefined, 'daily', t)).toBe(true);
    expect(isDue('2026-01-30T21:00:05Z', 'daily', t)).toBe(true);
    expect(isDue('2026-01-31T00:00:00Z', 'daily', t)).toBe(false);
    expect(isDue('2026-01-31T20:10:00Z', 'hourly', t)).toBe(false);
    expect(isDue('2026-01-31T19:59:00Z', 'hourly', t)).toBe(true);
    expect(isDue('2026-01-25T21:00:00Z', 'weekly', t)).toBe(false);
    expect(isDue('2026-01-24T21:00:00Z', 'weekly', t)).toBe(true);
    expect(isDue('not a date', 'daily', t)).toBe(true);
    expect(isDue('2027-01-01T00:00:00Z', 'yearly', t)).toBe(true); // a clock that went backwards
  });
  test('calendar months in Seoul time', () => {
    // Jan 31 06:00 Seoul + 1 month = Feb 28 06:00 Seoul, less 5% of the 28 days.
    expect(nextDue(new Date('2026-01-30T21:00:00Z'), 'monthly').toISOString()).toBe('2026-02-26T11:24:00.000Z');
    expect(isDue('2025-12-31T21:00:00Z', 'monthly', t)).toBe(true);
    expect(isDue('2026-01-10T00:00:00Z', 'monthly', t)).toBe(false);
    expect(isDue('2025-11-15T00:00:00Z', 'quarterly', t)).toBe(false);
    expect(isDue('2025-10-15T00:00:00Z', 'quarterly', t)).toBe(true);
    expect(isDue('2025-03-01T00:00:00Z', 'yearly', t)).toBe(false);
    expect(isDue('2025-01-01T00:00:00Z', 'yearly', t)).toBe(true);
  });
});

describe('offline: network sources use their bundled sample', () => {
  const ds = descriptor({ extract: { kind: 'http', url: 'http://127.0.0.1:9/never', format: 'csv', sample: 'samples/air.csv' } });

  test('marked as a sample, source and time recorded, then validated', async () => {
    const r = await fetchDataset(ds, ctx());
    expect(r).toEqual({
      dataset: 'air-test', state: 'sample',
      fetch: { outcome: 'sample', sample: true, source: 'sources/climate-environment/samples/air.csv', fetchedAt: '2026-11-28T12:00:00.000Z', lastModified: expect.any(String) },
    });
    const report = await validateDataset(ds, catalog, ctx());
    expect(report).toMatchObject({ status: 'ok', rowsRead: 3, valid: 3, districtsUnmatched: 1, unmatchedDistrictValues: { 강남대로: 1 } });
    const meta = JSON.parse(await readFile(dir.work.meta('air-test'), 'utf8'));
    expect(meta.fetch).toMatchObject({ outcome: 'sample', sample: true });
    expect((await storedRows())[2]).toMatchObject({ station: '종로구', pm10: 1020, gu_code: '11110' });
  });

  test('validate never fetches: on a fresh work dir it fails saying so; fetchIfMissing fetches, then it validates', async () => {
    expect(await readRawEntry(dir.work, 'air-test')).toBeNull();
    const noNetwork = { ...ctx(), effects: { ...ctx().effects, fetch: (() => { throw new Error('validate went to the network'); }) as typeof fetch } };
    const report = await validateDataset(ds, catalog, noNetwork);
    expect(report).toMatchObject({ status: 'failed', rowsRead: 0 });
    expect(report.error).toBe('nothing fetched yet: run `citydash fetch air-test` (or `citydash validate`, which fetches what is missing) first');
    expect(await readRawEntry(dir.work, 'air-test')).toBeNull();
    await expect(stat(dir.work.rows('air-test'))).rejects.toThrow(/ENOENT/);
    expect((await fetchIfMissing(ds, ctx()))?.state).toBe('sample');
    expect(await fetchIfMissing(ds, ctx())).toBeNull();
    expect((await validateDataset(ds, catalog, ctx())).status).toBe('ok');
  });

  test('after the extract section was edited, validate refuses the stale copy and fetchIfMissing fetches again', async () => {
    await fetchDataset(ds, ctx());
    await writeFile(join(dir.path, 'sources/climate-environment/samples/air-2.csv'), '측정일시,측정소명,미세먼지농도(㎍/㎥)\n20180105,중구,7\n');
    const edited = descriptor({ extract: { ...ds.extract!, sample: 'samples/air-2.csv' } });
    expect((await validateDataset(edited, catalog, ctx())).error).toBe('what is stored was fetched for an earlier extract section: run `citydash fetch air-test` again first');
    expect((await fetchIfMissing(edited, ctx()))?.state).toBe('sample');
    const report = await validateDataset(edited, catalog, ctx());
    expect(report).toMatchObject({ status: 'ok', rowsRead: 1 });
    expect((await readRawEntry(dir.work, 'air-test'))?.fetch.source).toBe('sources/climate-environment/samples/air-2.csv');
  });

  test('no sample: a clear failure, and validate fails without touching data/', async () => {
    const noSample = descriptor({ extract: { kind: 'seoul-openapi', service: 'DailyAverageAirQuality' } });
    const r = await fetchDataset(noSample, ctx());
    expect(r.state).toBe('failed');
    expect(r.fetch.error).toBe('sources/climate-environment/air-test.yaml: offline (no SEOUL_API_KEY or --offline) and extract.sample is not set; add a bundled sample or set SEOUL_API_KEY');
    const again = await fetchIfMissing(noSample, ctx());
    expect(again?.state).toBe('failed');
    const report = await validateDataset(noSample, catalog, ctx(), again?.fetch.error);
    expect(report).toMatchObject({ status: 'failed', rowsRead: 0 });
    expect(report.error).toMatch(/^nothing fetched yet, and fetching failed: .*extract\.sample is not set/);
    await expect(stat(dir.work.rows('air-test'))).rejects.toThrow(/ENOENT/);
  });
});

describe('file sources and cadence', () => {
  const ds = descriptor({ extract: { kind: 'file', path: 'samples/air.csv', format: 'csv' } });
  const file = () => join(dir.path, 'sources/climate-environment/samples/air.csv');

  test('fresh, then not due, --force sees it unchanged, a changed file is fresh, a day later it is due', async () => {
    expect((await fetchDataset(ds, ctx())).state).toBe('fresh');
    const second = await fetchDataset(ds, ctx({}, '2026-11-28T18:00:00Z'));
    expect(second).toMatchObject({ state: 'not-due', fetch: { outcome: 'fresh', fetchedAt: '2026-11-28T12:00:00.000Z' } });
    expect((await fetchDataset(ds, ctx({}, '2026-11-28T18:00:00Z'), { force: true })).state).toBe('not-modified');
    await writeFile(file(), `${CSV}20180103,중구,5\n`);
    await utimes(file(), new Date('2026-11-28T19:00:00Z'), new Date('2026-11-28T19:00:00Z'));
    expect((await fetchDataset(ds, ctx({}, '2026-11-28T19:00:00Z'), { force: true })).state).toBe('fresh');
    expect((await fetchDataset(ds, ctx({}, '2026-11-29T19:00:00Z'))).state).toBe('not-modified');
    expect((await validateDataset(ds, catalog, ctx())).valid).toBe(4);
  });

  test('a changed descriptor is fetched again even when not due', async () => {
    await fetchDataset(ds, ctx());
    const changed = descriptor({ extract: { kind: 'file', path: 'samples/air.csv', format: 'csv', csv: { delimiter: ',' } } });
    expect((await fetchDataset(changed, ctx())).state).toBe('not-modified');
  });

  test('missing file: failed with the path, previous raw entry and snapshot kept', async () => {
    await fetchDataset(ds, ctx());
    expect((await validateDataset(ds, catalog, ctx())).status).toBe('ok');
    const before = await readFile(dir.work.rows('air-test'), 'utf8');
    const missing = descriptor({ extract: { kind: 'file', path: 'samples/gone.csv', format: 'csv' } });
    const r = await fetchDataset(missing, ctx(), { force: true });
    expect(r).toMatchObject({ state: 'failed', fetch: { outcome: 'failed', source: 'sources/climate-environment/samples/gone.csv' } });
    expect(r.fetch.error).toBe('sources/climate-environment/air-test.yaml: extract.path "samples/gone.csv" not found (looked for sources/climate-environment/samples/gone.csv)');
    expect((await readRawEntry(dir.work, 'air-test'))?.fetch.source).toBe('sources/climate-environment/samples/air.csv');
    expect(await readFile(dir.work.rows('air-test'), 'utf8')).toBe(before);
  });
});

describe('http sources online', () => {
  let server: TestHttpServer;
  beforeEach(async () => { server = await startHttpServer(); });
  afterEach(async () => { await server?.close(); });

  test('conditional GET: a 304 reuses the cached body', async () => {
    server.route('/air.csv', { headers: { ETag: '"v1"', 'Last-Modified': 'Wed, 25 Nov 2026 00:00:00 GMT' }, body: CSV, conditional: true });
    const ds = descriptor({ extract: { kind: 'http', url: server.url('/air.csv'), sample: 'samples/air.csv' } });
    const env = { SEOUL_API_KEY: KEY };
    const first = await fetchDataset(ds, ctx(env));
    expect(first.fetch).toEqual({ outcome: 'fresh', source: server.url('/air.csv'), fetchedAt: '2026-11-28T12:00:00.000Z', sample: false, etag: '"v1"', lastModified: 'Wed, 25 Nov 2026 00:00:00 GMT' });
    const again = await fetchDataset(ds, ctx(env, '2026-11-29T12:00:00Z'));
    expect(again.fetch).toMatchObject({ outcome: 'not-modified', etag: '"v1"', fetchedAt: '2026-11-29T12:00:00.000Z' });
    expect(server.requests[1].headers['if-none-match']).toBe('"v1"');
    expect(server.requests).toHaveLength(2);
    const report = await validateDataset(ds, catalog, ctx(env));
    expect(report).toMatchObject({ status: 'ok', valid: 3 });
    const raw = await readdir(dir.work.raw('air-test'));
    expect(raw.sort()).toEqual([expect.stringMatching(/^body\.[0-9a-f]{16}$/), 'entry.json']);
  });

  test('a server error fails the dataset and keeps the previous body', async () => {
    server.route('/air.csv', { headers: { ETag: '"v1"' }, body: CSV }, { status: 404, body: 'gone' });
    const ds = descriptor({ extract: { kind: 'http', url: server.url('/air.csv'), format: 'csv' } });
    expect((await fetchDataset(ds, ctx({ SEOUL_API_KEY: KEY }))).state).toBe('fresh');
    const r = await fetchDataset(ds, ctx({ SEOUL_API_KEY: KEY }), { force: true });
    expect(r.state).toBe('failed');
    expect(r.fetch.error).toMatch(/404/);
    expect((await validateDataset(ds, catalog, ctx({ SEOUL_API_KEY: KEY }))).valid).toBe(3);
  });
});

describe('Seoul Open API online', () => {
  let api: SeoulApiServer;
  const rows = Array.from({ length: 1500 }, (_, i) => ({
    MSRDT_DE: String(20180101 + Math.floor(i / 50)), MSRSTE_NM: i % 50 < 3 ? ['강남구', '종로구', '중구'][i % 50] : `측정소${i % 50}`, PM10: i === 1003 ? '12a' : i % 90,
  }));
  const ds = descriptor({ extract: { kind: 'seoul-openapi', service: 'DailyAverageAirQuality', sample: 'samples/air.csv', sampleFormat: 'csv' } });
  beforeEach(async () => {
    api = await startSeoulApiServer({ key: KEY, services: { DailyAverageAirQuality: { rows } } });
  });
  afterEach(async () => { await api?.close(); });

  test('pages stored as records, rejections located by page and index, the key nowhere on disk', async () => {
    const env = { SEOUL_API_KEY: KEY, SEOUL_API_BASE_URL: api.baseUrl };
    const r = await fetchDataset(ds, ctx(env));
    expect(r.fetch).toEqual({ outcome: 'fresh', source: `${api.baseUrl}/***/json/DailyAverageAirQuality/1/1000`, fetchedAt: '2026-11-28T12:00:00.000Z', sample: false });
    expect(api.requests.map((q) => `${q.start}-${q.end}`)).toEqual(['1-1000', '1001-1500']);
    const report = await validateDataset(ds, catalog, ctx(env));
    expect(report).toMatchObject({ status: 'ok', rowsRead: 1500, valid: 1499, rejected: 1 });
    expect(report.rejections[0].message).toBe('page 2, index 3, column pm10: "12a" is not a number');
    expect(report.districtsUnmatched).toBe(1500 - 30 * 3 - 1);
    for (const f of await allFiles(dir.work.root)) expect([f, (await readFile(f, 'utf8')).includes(KEY)]).toEqual([f, false]);
  });

  test('a bad key fails with the code, and the key is masked in the message', async () => {
    const r = await fetchDataset(ds, ctx({ SEOUL_API_KEY: 'wrong-key-123', SEOUL_API_BASE_URL: api.baseUrl }));
    expect(r.state).toBe('failed');
    expect(r.fetch.error).toMatch(/INFO-100/);
    expect(r.fetch.error).not.toMatch(/wrong-key-123/);
    expect(r.fetch.source).toBe(`${api.baseUrl}/***/json/DailyAverageAirQuality/1/1000`);
  });

  test('offline the API sample is used instead, and going online again refetches', async () => {
    expect((await fetchDataset(ds, ctx())).state).toBe('sample');
    const env = { SEOUL_API_KEY: KEY, SEOUL_API_BASE_URL: api.baseUrl };
    expect((await fetchDataset(ds, ctx(env))).state).toBe('fresh');
  });
});
