// Issue 16, the secret guard: a hostile catalog makes every secret it can reach flow towards
// output — a Seoul API mirror echoing the request path (the key in it) into a rejected value, an
// HTTP source whose rows carry the canary values (published in pages and downloads), one whose
// headers are the canaries (quoted by the header error into stderr, the report and the change
// log) — and then every byte the real CLI wrote and printed is searched for the canaries. The
// values must be gone, masked by name, and the datasets must still publish.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.ts';
import { startSeoulApiServer, type SeoulApiServer } from '../helpers/seoul-api-server.ts';
import { CANARY_ENV, citydash, datasetYaml, FORBIDDEN, forbiddenBytes, publishedDatasets, rowSchema, securityCatalog, type SecurityCatalog } from './harness.ts';

/** A secret no naming rule catches: masked only because citydash.yaml lists it under `secrets`. */
const LISTED = { name: 'INTRANET_PASS', value: `canarylisted${Date.now().toString(36)}x` };

let server: TestHttpServer;
let api: SeoulApiServer;
let cat: SecurityCatalog;
afterAll(async () => {
  await server?.close();
  await api?.close();
  await cat?.cleanup();
});

const canaries = [...Object.values(CANARY_ENV), LISTED.value];

test('every secret a hostile catalog routes to output is masked in every byte written', async () => {
  server = await startHttpServer();
  // Rows whose values are the secrets: valid data, so they reach pages, downloads and snapshots.
  server.route('/rows.csv', { headers: { 'content-type': 'text/csv' }, body: `name,count\n${canaries.map((v, i) => `${v},${i + 1}`).join('\n')}\nplain,99\n` });
  // Headers that are the secrets: the header error quotes them.
  server.route('/headers.csv', { headers: { 'content-type': 'text/csv' }, body: `${canaries.join(',')}\n1,2\n` });
  // A mirror that echoes the request path, the key in it, as a value that is then rejected.
  api = await startSeoulApiServer({
    key: CANARY_ENV.SEOUL_API_KEY,
    services: {},
    override: (req) => ({
      body: JSON.stringify({
        EchoAir: {
          list_total_count: 3,
          RESULT: { CODE: 'INFO-000', MESSAGE: '정상 처리되었습니다' },
          row: [{ STATION: '강남구', PM10: 34 }, { STATION: '종로구', PM10: req.path }, { STATION: '중구', PM10: 40 }],
        },
      }),
    }),
  });

  cat = await securityCatalog({
    files: {
      'sources/safety/canary-rows.yaml': datasetYaml({
        id: 'canary-rows', extract: { kind: 'http', url: server.url('/rows.csv'), format: 'csv' },
        columns: { name: { type: 'string' }, count: { type: 'integer' } },
      }),
      'schemas/canary-rows.schema.json': rowSchema({ name: 'string', count: 'integer' }),
      'sources/safety/canary-headers.yaml': datasetYaml({
        id: 'canary-headers', extract: { kind: 'http', url: server.url('/headers.csv'), format: 'csv' },
        columns: { name: { type: 'string' }, count: { type: 'integer' } },
      }),
      'schemas/canary-headers.schema.json': rowSchema({ name: 'string', count: 'integer' }),
      'sources/safety/echo-air.yaml': datasetYaml({
        id: 'echo-air', extract: { kind: 'seoul-openapi', service: 'EchoAir' },
        columns: { station: { type: 'string', from: ['STATION'] }, pm10: { type: 'number', from: ['PM10'] } },
        extra: { onInvalid: { action: 'drop-row', maxRatio: 0.5 } },
      }),
      'schemas/echo-air.schema.json': rowSchema({ station: 'string', pm10: 'number' }),
    },
  });
  await cat.add({ 'citydash.yaml': `${await cat.read('citydash.yaml')}\nsecrets: [${LISTED.name}]\n` });

  const env = { SEOUL_API_BASE_URL: api.baseUrl, CITYDASH_ALLOW_HOSTS: '127.0.0.1', [LISTED.name]: LISTED.value };
  const check = await citydash(cat, 'check', { env });
  expect(check.stderr).not.toMatch(/citydash\.yaml/);
  const run = await citydash(cat, 'run', { env, offline: false });

  // The flows happened: the mirror was asked with the key, the rows and the rejection published.
  expect(api.paths.some((p) => p.includes(CANARY_ENV.SEOUL_API_KEY))).toBe(true);
  expect(await publishedDatasets(cat)).toEqual(expect.arrayContaining(['canary-rows', 'echo-air']));
  const download = await readFile(join(cat.target, 'data', 'canary-rows.csv'), 'utf8').catch(async () => {
    const manifest = JSON.parse(await readFile(join(cat.target, '_citydash', 'manifest.json'), 'utf8')) as { files: Record<string, unknown> };
    const csv = Object.keys(manifest.files).find((f) => /canary-rows.*\.csv$/.test(f));
    return readFile(join(cat.target, csv!), 'utf8');
  });
  expect(download).toContain(`[secret ${LISTED.name}]`);
  expect(download).toContain('[secret AWS_SECRET_ACCESS_KEY]');
  const report = await readFile(join(cat.work, 'reports', 'echo-air.json'), 'utf8');
  expect(report).toContain('[secret SEOUL_API_KEY]');
  expect(run.stderr).toMatch(/canary-headers.*\[secret /);

  const needles = [...FORBIDDEN, { label: `the value of ${LISTED.name}`, bytes: Buffer.from(LISTED.value) }];
  expect(await forbiddenBytes(cat, [check, run], needles)).toEqual([]);
});
