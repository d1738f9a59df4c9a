// `new dataset --from` on a URL and on a Seoul Open API service (loopback servers that speak
// HTTP and the API's wire format): the response is kept as the sample in its own wire format,
// the key is never written, and `validate` reads every row both offline (the sample) and
// online (the source), with the values the server sent.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GU } from '../../pipeline/districts.ts';
import { tempCatalog, type TempCatalog } from '../check/helpers.ts';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.ts';
import { startSeoulApiServer, type SeoulApiServer } from '../helpers/seoul-api-server.ts';
import { prng } from './generate.ts';
import { citydash, descriptor, fetchAndValidate, report, snapshot, sum } from './helpers.ts';

const KEY = 'onboard-TEST-KEY-5a6b7c';
let cat: TempCatalog;
let http: TestHttpServer;
let api: SeoulApiServer;

// A JSON API that wraps its records two levels down, as data.go.kr services do.
const rand = prng(11);
const complaints = GU.flatMap((g) => ['2025-01', '2025-02', '2025-03'].map((month) => ({
  접수월: month, 자치구: g.ko, 접수건수: Math.floor(rand() * 900), 평균처리일수: Math.round(rand() * 100) / 10,
})));
const body = JSON.stringify({ response: { header: { resultCode: '00' }, body: { totalCount: complaints.length, items: complaints } } });

// A Seoul Open API service of 2,500 rows (three pages), numbers sent as numbers in one field and
// as strings in another, as real services mix them.
const STATIONS = [...GU.map((g) => g.ko), '강남대로', '강변북로', '도산대로', '신촌로', '청계천로'];
const airRows = Array.from({ length: 2500 }, (_, i) => ({
  MSRDT_DE: `2025${String(1 + Math.floor(i / STATIONS.length / 28)).padStart(2, '0')}${String(1 + (Math.floor(i / STATIONS.length) % 28)).padStart(2, '0')}`,
  MSRSTE_NM: STATIONS[i % STATIONS.length]!,
  PM10: String(10 + (i % 90)),
  NO2: Math.round(rand() * 1000) / 10000,
}));

beforeAll(async () => {
  cat = await tempCatalog();
  http = await startHttpServer();
  http.route('/openapi/complaints.json', { headers: { 'content-type': 'application/json; charset=utf-8' }, body });
  api = await startSeoulApiServer({ key: KEY, services: { DailyAverageAirQuality: { rows: airRows } } });
});
afterAll(async () => {
  await Promise.all([cat?.cleanup(), http?.close(), api?.close()]);
});

test('a URL: the body kept as the sample, the records found, read offline and online', async () => {
  const url = http.url('/openapi/complaints.json');
  const made = await citydash(['new', 'dataset', '--from', url, '--id', 'complaints-api', '--department', 'citizen-communication', '--catalog', cat.root]);
  expect(made.error).toBeUndefined();
  const d = await descriptor(cat.root, 'citizen-communication', 'complaints-api');
  expect(d.value.extract).toEqual({ kind: 'http', url, format: 'json', json: { records: 'response.body.items' }, sample: 'samples/complaints-api.json' });
  expect(await readFile(join(cat.root, 'sources/citizen-communication/samples/complaints-api.json'), 'utf8')).toBe(body);
  expect(d.value.columns).toMatchObject({
    month: { from: ['접수월'], type: 'date', format: 'yyyy-MM' },
    gu: { from: ['자치구'], type: 'string' },
    received: { from: ['접수건수'], type: 'integer' },
    avg_days: { from: ['평균처리일수'], type: 'number' },
  });
  expect(d.value.primaryKey).toEqual(['month', 'gu']);
  expect(d.value.district).toEqual({ from: 'gu' });

  const expected = complaints.map((c) => [`${c.접수월}-01`, c.자치구, c.접수건수, c.평균처리일수]);
  const offline = await fetchAndValidate(cat.root, 'complaints-api');
  expect(offline.exit).toBe(0);
  expect((await snapshot(cat.root, 'complaints-api')).map((r) => [r.month, r.gu, r.received, r.avg_days])).toEqual(expected);

  // Online (fetch with the network), the same rows from the server.
  const before = http.count('/openapi/complaints.json');
  const online = await fetchAndValidate(cat.root, 'complaints-api', { SEOUL_API_KEY: 'any' });
  expect(online.exit).toBe(0);
  expect(http.count('/openapi/complaints.json')).toBe(before + 1);
  const rows = await snapshot(cat.root, 'complaints-api');
  expect(rows.map((r) => [r.month, r.gu, r.received, r.avg_days])).toEqual(expected);
  expect(sum(rows, 'received')).toBe(complaints.reduce((s, c) => s + c.접수건수, 0));
});

test('a Seoul Open API service: every page read, the first page kept in the wire format, the key never written', async () => {
  const env = { SEOUL_API_KEY: KEY, SEOUL_API_BASE_URL: api.baseUrl };
  const made = await citydash(['new', 'dataset', '--from', 'seoul-openapi:DailyAverageAirQuality', '--id', 'air-api', '--department', 'climate-environment', '--catalog', cat.root, '--json'], { env });
  expect(made.error).toBeUndefined();
  expect(api.requests.filter((r) => r.service === 'DailyAverageAirQuality').map((r) => [r.start, r.end])).toEqual([['1', '1000'], ['1001', '2000'], ['2001', '2500']]);
  const summary = JSON.parse(made.out);
  expect(summary).toMatchObject({ dataset: 'air-api', rowsRead: 2500, primaryKey: { columns: ['date', 'station'], unique: true } });
  const named = airRows.filter((r) => GU.some((g) => g.ko === r.MSRSTE_NM)).length;
  expect(summary.district).toMatchObject({ column: 'station', matched: named, unmatched: 2500 - named });

  const d = await descriptor(cat.root, 'climate-environment', 'air-api');
  expect(d.value.extract).toEqual({
    kind: 'seoul-openapi', service: 'DailyAverageAirQuality', format: 'json', sample: 'samples/air-api.json', sampleFormat: 'json',
  });
  expect(d.value.columns).toMatchObject({
    date: { from: ['MSRDT_DE'], type: 'date', format: 'yyyyMMdd' },
    station: { from: ['MSRSTE_NM'], type: 'string' },
    pm10: { from: ['PM10'], type: 'integer' },
    no2: { from: ['NO2'], type: 'number' },
  });
  const sample = JSON.parse(await readFile(join(cat.root, 'sources/climate-environment/samples/air-api.json'), 'utf8'));
  expect(Object.keys(sample)).toEqual(['DailyAverageAirQuality']);
  expect(sample.DailyAverageAirQuality).toMatchObject({ list_total_count: 2500, RESULT: { CODE: 'INFO-000' } });
  expect(sample.DailyAverageAirQuality.row).toEqual(airRows.slice(0, 1000));
  for (const dir of ['sources/climate-environment', 'sources/climate-environment/samples', 'schemas']) {
    for (const name of await readdir(join(cat.root, dir), { withFileTypes: true })) {
      if (name.isFile()) expect(await readFile(join(cat.root, dir, name.name), 'utf8')).not.toContain(KEY);
    }
  }

  const offline = await fetchAndValidate(cat.root, 'air-api');
  expect(offline.exit).toBe(0);
  expect(await report(cat.root, 'air-api')).toMatchObject({ status: 'ok', rowsRead: 1000, valid: 1000 });

  const online = await fetchAndValidate(cat.root, 'air-api', env);
  expect(online.exit).toBe(0);
  const rows = await snapshot(cat.root, 'air-api');
  expect(await report(cat.root, 'air-api')).toMatchObject({ status: 'ok', rowsRead: 2500, valid: 2500, rejected: 0 });
  expect(sum(rows, 'pm10')).toBe(airRows.reduce((s, r) => s + Number(r.PM10), 0));
  expect(sum(rows, 'no2')).toBeCloseTo(airRows.reduce((s, r) => s + r.NO2, 0), 9);
  expect(rows[0]).toMatchObject({ date: '2025-01-01', station: '종로구', gu_code: '11110' });
});

test('without SEOUL_API_KEY the service cannot be read, and nothing is written', async () => {
  const run = await citydash(['new', 'dataset', '--from', 'seoul-openapi:DailyAverageAirQuality', '--id', 'air-nokey', '--department', 'climate-environment', '--catalog', cat.root]);
  expect(run.error?.message).toMatch(/needs SEOUL_API_KEY/);
  await expect(readFile(join(cat.root, 'sources/climate-environment/air-nokey.yaml'))).rejects.toThrow();
});
