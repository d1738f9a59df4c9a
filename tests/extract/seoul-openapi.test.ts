import { httpGet, type HttpOptions } from '../../pipeline/extract/http.ts';
import { TimeoutError } from '../../pipeline/extract/http-errors.ts';
import {
  fetchSeoulOpenApi, parseSeoulPage, resolveSeoulBaseUrl, SeoulApiError, SeoulConfigError, SeoulFormatError,
  seoulSampleTable, type SeoulOptions,
} from '../../pipeline/extract/seoul-openapi.ts';
import { fillParam, fillParams } from '../../pipeline/extract/seoul-params.ts';
import { parseXmlResult } from '../../pipeline/extract/seoul-xml.ts';
import { memoryLogger } from '../../pipeline/log.ts';
import type { Effects, ExtractSpec, RawRecord, RawTable } from '../../pipeline/types.ts';
import { startSeoulApiServer, type SeoulApiServer, type SeoulOverride, type SeoulRequest } from '../helpers/seoul-api-server.ts';
import { ALLOW_LOOPBACK } from '../helpers/loopback.ts';

const KEY = '4d6a7b6c5e61626364-TEST-KEY';
// 05:30 on 29 November in Seoul, still the 28th in UTC.
const NOW = new Date('2026-11-28T20:30:00Z');
const GU = ['종로구', '중구', '용산구', '성동구', '광진구', '강남대로'];
const airRows = (n: number, date: string) => Array.from({ length: n }, (_, i) => ({
  MSRDT_DE: date, MSRSTE_NM: `${GU[i % GU.length]}-${i + 1}`, NO2: 0.021, O3: 0.012, CO: 0.4, SO2: 0.003, PM10: (i % 97) + 1, PM25: String(i % 50),
}));
const AIR = [...airRows(2345, '20261129'), ...airRows(7, '20261128')];
const BIKES = Array.from({ length: 12 }, (_, i) => ({ rackTotCnt: '15', stationName: `${101 + i}. 합정역 ${i + 1}번출구 앞`, parkingBikeTotCnt: String(i), stationId: `ST-${4 + i}` }));

let server: SeoulApiServer;
let override: ((r: SeoulRequest) => SeoulOverride | undefined) | undefined;
/** Every error message and log line of the suite, scanned for the key at the end. */
const seen: string[] = [];

beforeAll(async () => {
  server = await startSeoulApiServer({
    key: KEY,
    services: {
      DailyAverageAirQuality: { rows: AIR, requiredParams: 1, filter: (r, p) => r.MSRDT_DE === p[0] },
      bikeList: { rows: BIKES, rootKey: 'rentBikeStatus' },
      CardSubwayStatsNew: { rows: [] },
    },
    override: (r) => override?.(r),
  });
});
afterEach(() => { override = undefined; });
afterAll(async () => { await server?.close(); });

const air: ExtractSpec = { kind: 'seoul-openapi', service: 'DailyAverageAirQuality', params: ['{date:yyyyMMdd}'] };

function setup(http: Partial<HttpOptions> = {}) {
  const log = memoryLogger();
  const effects: Effects = { fetch: globalThis.fetch, now: () => NOW, log, env: { ...ALLOW_LOOPBACK } };
  const opts: SeoulOptions = { key: KEY, baseUrl: server.baseUrl, now: NOW, http: { baseDelayMs: 1, maxDelayMs: 2, sleep: async () => {}, ...http } };
  return { log, effects, opts };
}

async function collect(table: RawTable): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of table.records) out.push(r);
  return out;
}

async function failure(p: Promise<unknown>, log?: { lines: string[] }): Promise<Error> {
  try {
    await p;
  } catch (err) {
    seen.push((err as Error).message, ...(log?.lines ?? []));
    return err as Error;
  }
  throw new Error('expected a failure');
}

const pathsSince = (n: number) => server.paths.slice(n);
const masked = (path: string) => `${server.baseUrl}/***/json${path}`;

test('2,345 rows arrive in 3 pages of at most 1000, located by page and index', async () => {
  const before = server.paths.length;
  const { effects, opts, log } = setup();
  const table = await fetchSeoulOpenApi(air, opts, effects);
  expect(table.headers).toEqual(['MSRDT_DE', 'MSRSTE_NM', 'NO2', 'O3', 'CO', 'SO2', 'PM10', 'PM25']);
  const records = await collect(table);
  expect(records).toHaveLength(2345);
  expect(pathsSince(before)).toEqual([
    `/${KEY}/json/DailyAverageAirQuality/1/1000/20261129`,
    `/${KEY}/json/DailyAverageAirQuality/1001/2000/20261129`,
    `/${KEY}/json/DailyAverageAirQuality/2001/2345/20261129`,
  ]);
  expect(records[0]).toEqual({ values: ['20261129', '종로구-1', 0.021, 0.012, 0.4, 0.003, 1, '0'], loc: { page: 1, index: 0 } });
  expect(records[999].loc).toEqual({ page: 1, index: 999 });
  expect(records[1000]).toEqual({ values: ['20261129', '광진구-1001', 0.021, 0.012, 0.4, 0.003, 31, '0'], loc: { page: 2, index: 0 } });
  expect(records[2000].loc).toEqual({ page: 3, index: 0 });
  expect(records[2344]).toEqual({ values: ['20261129', '광진구-2345', 0.021, 0.012, 0.4, 0.003, 17, '44'], loc: { page: 3, index: 344 } });
  expect(log.lines).toEqual([]);
  seen.push(...log.lines);
});

test('date templates follow the Seoul calendar; smaller pages page further', async () => {
  const before = server.paths.length;
  const { effects, opts } = setup();
  const table = await fetchSeoulOpenApi({ ...air, params: ['{date-1d:yyyyMMdd}'] }, { ...opts, pageSize: 3 }, effects);
  const records = await collect(table);
  expect(records.map((r) => r.values[1])).toEqual(['종로구-1', '중구-2', '용산구-3', '성동구-4', '광진구-5', '강남대로-6', '종로구-7']);
  expect(records.map((r) => r.loc)).toEqual([
    { page: 1, index: 0 }, { page: 1, index: 1 }, { page: 1, index: 2 }, { page: 2, index: 0 }, { page: 2, index: 1 }, { page: 2, index: 2 }, { page: 3, index: 0 },
  ]);
  expect(pathsSince(before).map((p) => p.split('/').slice(4).join('/'))).toEqual(['1/3/20261128', '4/6/20261128', '7/7/20261128']);
});

test('a root key other than the service name (bikeList answers as rentBikeStatus)', async () => {
  const { effects, opts } = setup();
  const records = await collect(await fetchSeoulOpenApi({ kind: 'seoul-openapi', service: 'bikeList' }, opts, effects));
  expect(records).toHaveLength(12);
  expect(records[11].values).toEqual(['15', '112. 합정역 12번출구 앞', '11', 'ST-15']);
});

test('INFO-200 is an empty result, not an error', async () => {
  const { effects, opts, log } = setup();
  const table = await fetchSeoulOpenApi({ ...air, params: ['19990101'] }, opts, effects);
  expect(table.headers).toEqual([]);
  expect(await collect(table)).toEqual([]);
  const empty = await fetchSeoulOpenApi({ kind: 'seoul-openapi', service: 'CardSubwayStatsNew' }, opts, effects);
  expect(await collect(empty)).toEqual([]);
  expect(log.lines).toEqual([]);
});

test('INFO-100 answered as XML: code, Korean message quoted, English, masked URL; not retried', async () => {
  const before = server.paths.length;
  const { effects, opts, log } = setup();
  const err = await failure(fetchSeoulOpenApi(air, { ...opts, key: 'wrong-key-0000' }, effects), log);
  expect(err).toBeInstanceOf(SeoulApiError);
  expect((err as SeoulApiError).code).toBe('INFO-100');
  expect(err.message).toBe(
    `GET ${masked('/DailyAverageAirQuality/1/1000/20261129')}: Seoul Open API INFO-100 ` +
    '"인증키가 유효하지 않습니다. 인증키가 없는 경우, 열린 데이터 광장 홈페이지에서 인증키를 신청하십시오." ' +
    '(The API key is not valid. Check SEOUL_API_KEY, or apply for a key on data.seoul.go.kr.)',
  );
  expect(err.message).not.toContain('wrong-key-0000');
  expect(pathsSince(before)).toEqual(['/wrong-key-0000/json/DailyAverageAirQuality/1/1000/20261129']);
});

test('ERROR-336: the server refuses more than 1000 rows, and the client never asks for them', async () => {
  const { effects, opts, log } = setup();
  const url = `${server.baseUrl}/${KEY}/json/DailyAverageAirQuality/1/1500/20261129`;
  const res = await httpGet(url, { secrets: [KEY] }, effects);
  const err336 = (() => {
    try {
      parseSeoulPage(res.body!, 'DailyAverageAirQuality', 'GET <masked>');
    } catch (err) {
      return err as SeoulApiError;
    }
    throw new Error('expected ERROR-336');
  })();
  expect(err336.code).toBe('ERROR-336');
  expect(err336.message).toBe('GET <masked>: Seoul Open API ERROR-336 "데이터요청은 한번에 최대 1000건을 넘을 수 없습니다. 요청시작위치와 요청종료위치 값은 1000 이내로 입력하세요." (At most 1,000 rows can be requested at a time (end - start + 1 <= 1000).)');
  const before = server.paths.length;
  const config = await failure(fetchSeoulOpenApi(air, { ...opts, pageSize: 1500 }, effects), log);
  expect(config).toBeInstanceOf(SeoulConfigError);
  expect(config.message).toBe('pageSize: 1500 must be an integer from 1 to 1000 (the API refuses more with ERROR-336)');
  expect(server.paths.length).toBe(before);
  // A mirror that answers ERROR-336 anyway fails the fetch with the code.
  override = () => ({ code: 'ERROR-336' });
  const viaClient = await failure(fetchSeoulOpenApi(air, opts, effects), log);
  expect(viaClient.message).toContain(`GET ${masked('/DailyAverageAirQuality/1/1000/20261129')}: Seoul Open API ERROR-336 "데이터요청은`);
});

test('ERROR-500 (HTTP 200 with the code) is retried like a 5xx, then succeeds', async () => {
  let calls = 0;
  override = () => (++calls <= 2 ? { code: 'ERROR-500' } : undefined);
  const before = server.paths.length;
  const { effects, opts, log } = setup();
  const records = await collect(await fetchSeoulOpenApi({ kind: 'seoul-openapi', service: 'bikeList' }, opts, effects));
  expect(records).toHaveLength(12);
  expect(pathsSince(before)).toHaveLength(3);
  expect(log.lines).toHaveLength(2);
  expect(log.lines[0]).toMatch(/^warning: GET http:\/\/127\.0\.0\.1:\d+\/\*\*\*\/json\/bikeList\/1\/1000: Seoul Open API ERROR-500 "서버 오류입니다\. .*" \(Server error .*\); retry 1\/3 in \dms$/);
  seen.push(...log.lines);
});

test('a persistent ERROR-500 fails after the retry budget; ERROR-601 fails at once', async () => {
  override = () => ({ code: 'ERROR-500' });
  let before = server.paths.length;
  const { effects, opts, log } = setup({ retries: 2 });
  const err = await failure(fetchSeoulOpenApi(air, opts, effects), log);
  expect(err).toBeInstanceOf(SeoulApiError);
  expect(err.message).toMatch(/: Seoul Open API ERROR-500 "서버 오류입니다\..*" \(Server error at the Seoul Open Data Plaza; .*\) \(after 3 attempts\)$/);
  expect(pathsSince(before)).toHaveLength(3);
  override = () => ({ code: 'ERROR-601', message: 'SQL 문장 오류 입니다.' });
  before = server.paths.length;
  const sql = await failure(fetchSeoulOpenApi(air, opts, effects), log);
  expect(sql.message).toContain('Seoul Open API ERROR-601 "SQL 문장 오류 입니다." (The service\'s own SQL query failed');
  expect(pathsSince(before)).toHaveLength(1);
});

test('a failure on a later page surfaces while iterating, naming that page', async () => {
  override = (r) => (r.service === 'DailyAverageAirQuality' && r.start === '1001' ? { code: 'ERROR-600' } : undefined);
  const { effects, opts, log } = setup({ retries: 0 });
  const table = await fetchSeoulOpenApi(air, opts, effects);
  const got: RawRecord[] = [];
  const err = await failure((async () => { for await (const r of table.records) got.push(r); })(), log);
  expect(got).toHaveLength(1000);
  expect(err.message).toContain(`GET ${masked('/DailyAverageAirQuality/1001/2000/20261129')}: Seoul Open API ERROR-600 "데이터베이스 연결 오류입니다.`);
});

test('HTTP 503 from the API host is retried by the HTTP layer', async () => {
  let calls = 0;
  override = () => (++calls === 1 ? { status: 503 } : undefined);
  const { effects, opts, log } = setup();
  expect(await collect(await fetchSeoulOpenApi({ kind: 'seoul-openapi', service: 'bikeList' }, opts, effects))).toHaveLength(12);
  expect(log.lines).toEqual([expect.stringMatching(/^warning: Request failed with status 503 Service Unavailable: GET http:\/\/127\.0\.0\.1:\d+\/\*\*\*\/json\/bikeList\/1\/1000; retry 1\/3 in \dms$/)]);
  seen.push(...log.lines);
});

test('unknown service, truncated JSON and a delay past the timeout', async () => {
  const { effects, opts, log } = setup({ retries: 0 });
  const e310 = await failure(fetchSeoulOpenApi({ kind: 'seoul-openapi', service: 'NoSuchService' }, opts, effects), log);
  expect(e310.message).toContain('Seoul Open API ERROR-310 "해당하는 서비스를 찾을 수 없습니다. 요청인자 중 SERVICE를 확인하십시오." (No such service. Check the service name (extract.service).)');

  override = () => ({ body: '{"bikeList":{"list_total_count":12,"RESULT":{"CODE":"INFO-000","MESSAGE":"정상"},"row":[{"rackTotCnt":"15"},' });
  const cut = await failure(fetchSeoulOpenApi({ kind: 'seoul-openapi', service: 'bikeList' }, opts, effects), log);
  expect(cut).toBeInstanceOf(SeoulFormatError);
  expect(cut.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/\*\*\*\/json\/bikeList\/1\/1000: not valid JSON, truncated or malformed \(Unexpected end of JSON input\); 110 bytes ending ".*"$/);
  override = undefined;

  const slow = await startSeoulApiServer({ key: KEY, services: { bikeList: { rows: BIKES } }, delayMs: 500 });
  try {
    const err = await failure(fetchSeoulOpenApi({ kind: 'seoul-openapi', service: 'bikeList' }, { ...opts, baseUrl: slow.baseUrl, http: { ...opts.http, timeoutMs: 100 } }, effects), log);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toBe(`Request timed out after 100ms: GET ${slow.baseUrl}/***/json/bikeList/1/1000`);
    expect(slow.paths).toEqual([`/${KEY}/json/bikeList/1/1000`]);
  } finally {
    await slow.close();
  }
});

test('base URL: option, then SEOUL_API_BASE_URL, then extract.baseUrl, then the city', async () => {
  const spec: ExtractSpec = { kind: 'seoul-openapi', service: 'bikeList', baseUrl: 'http://127.0.0.1:1/' };
  expect(resolveSeoulBaseUrl(spec, {}, {})).toBe('http://127.0.0.1:1');
  expect(resolveSeoulBaseUrl({ kind: 'seoul-openapi' }, {}, {})).toBe('http://openapi.seoul.go.kr:8088');
  expect(resolveSeoulBaseUrl(spec, {}, { SEOUL_API_BASE_URL: 'https://mirror.example/seoul/' })).toBe('https://mirror.example/seoul');
  expect(() => resolveSeoulBaseUrl(spec, {}, { SEOUL_API_BASE_URL: 'mirror' })).toThrow('SEOUL_API_BASE_URL: "mirror" is not an absolute URL');
  const { effects, opts } = setup();
  effects.env.SEOUL_API_BASE_URL = server.baseUrl;
  const records = await collect(await fetchSeoulOpenApi(spec, { ...opts, baseUrl: undefined }, effects));
  expect(records).toHaveLength(12);
});

test('bad configuration is refused before any request', async () => {
  const before = server.paths.length;
  const { effects, opts, log } = setup();
  const cases: [ExtractSpec, Partial<SeoulOptions>, string][] = [
    [{ kind: 'seoul-openapi' }, {}, 'extract.service: is required for kind seoul-openapi'],
    [{ kind: 'seoul-openapi', service: '../admin' }, {}, 'extract.service: "../admin" is not a Seoul Open API service name (letters, digits, _ and - only)'],
    [air, { key: '' }, 'SEOUL_API_KEY: is empty; set it, or run with --offline to use the bundled samples'],
    [{ ...air, params: ['{today}'] }, {}, 'extract.params[0]: unknown template "{today}"; expected {date:yyyyMMdd}, {date-1d:yyyyMMdd}, {date-1m:yyyyMM} and the like'],
  ];
  for (const [spec, extra, message] of cases) {
    const err = await failure(fetchSeoulOpenApi(spec, { ...opts, ...extra }, effects), log);
    expect(err).toBeInstanceOf(SeoulConfigError);
    expect(err.message).toBe(message);
  }
  expect(server.paths.length).toBe(before);
});

test('parameter templates', () => {
  expect(fillParams(['{date:yyyyMMdd}', '{date-1d:yyyyMMdd}', '{date-1m:yyyyMM}', '{date:yyyy-MM-dd}', '{date}', 'fixed', 'Y{date-1y:yyyy}'], NOW))
    .toEqual(['20261129', '20261128', '202610', '2026-11-29', '20261129', 'fixed', 'Y2025']);
  const march31 = new Date('2024-03-30T15:00:00Z'); // 00:00 on 31 March in Seoul
  expect(fillParam('{date-1m:yyyy-MM-dd}', march31, 'p')).toBe('2024-02-29');
  expect(fillParam('{date-31d:yyyyMMdd}', march31, 'p')).toBe('20240229');
  expect(fillParam('{date+1d:yyyy.MM.dd}', new Date('2026-12-31T00:00:00Z'), 'p')).toBe('2027.01.01');
  expect(() => fillParam('{date:yyyyMMddHH}', NOW, 'extract.params[1]')).toThrow('extract.params[1]: unknown date token at "HH" in layout "yyyyMMddHH"; use yyyy, MM and dd');
  expect(() => fillParam('{date', NOW, 'p')).toThrow('p: unclosed "{" in "{date"');
});

test('parseSeoulPage and seoulSampleTable read the wire format from a file', async () => {
  const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const sample = enc({ DailyAverageAirQuality: { list_total_count: '2', RESULT: { CODE: 'INFO-000', MESSAGE: '정상 처리되었습니다' }, row: [
    { MSRDT_DE: '20180101', MSRSTE_NM: '강남구', PM10: 41 }, { MSRDT_DE: '20180101', MSRSTE_NM: '강남대로', PM25: null, EXTRA: { a: 1 } },
  ] } });
  expect(parseSeoulPage(sample, 'DailyAverageAirQuality', 'x.json').total).toBe(2);
  const table = seoulSampleTable(sample, 'DailyAverageAirQuality', 'samples/air.json');
  expect(table.headers).toEqual(['MSRDT_DE', 'MSRSTE_NM', 'PM10', 'PM25', 'EXTRA']);
  expect(await collect(table)).toEqual([
    { values: ['20180101', '강남구', 41, null, null], loc: { file: 'samples/air.json', page: 1, index: 0 } },
    { values: ['20180101', '강남대로', null, null, '{"a":1}'], loc: { file: 'samples/air.json', page: 1, index: 1 } },
  ]);
  expect(parseSeoulPage(enc({ RESULT: { CODE: 'INFO-200', MESSAGE: '해당하는 데이터가 없습니다.' } }), 'X', 'f')).toEqual({ total: 0, rows: [], code: 'INFO-200' });
  const bad: [unknown, string][] = [
    [{ Other: { nothing: 1 } }, 'f.json: no object with RESULT or row for service "X"; top-level keys: "Other"'],
    [{ X: { list_total_count: 3, RESULT: { CODE: 'INFO-000' } } }, 'f.json: list_total_count is 3 but there is no row array'],
    [{ X: { RESULT: { CODE: 'INFO-000' }, row: [] } }, 'f.json: list_total_count is missing'],
    [{ X: { list_total_count: 1, RESULT: { CODE: 'INFO-000' }, row: ['a'] } }, 'f.json: row[0] is not an object: "a"'],
    [[1, 2], 'f.json: expected a JSON object, got "[1,2]"'],
  ];
  for (const [doc, message] of bad) expect(() => parseSeoulPage(enc(doc), 'X', 'f.json')).toThrow(message);
  expect(() => parseSeoulPage(new Uint8Array([0x7b, 0xff, 0x7d]), 'X', 'f.json')).toThrow('f.json: response is not valid UTF-8 text');
  expect(() => parseSeoulPage(new TextEncoder().encode('<html><body>502 Bad Gateway</body></html>'), 'X', 'f'))
    .toThrow('f: expected JSON, got markup without a RESULT code: "<html><body>502 Bad Gateway</body></html>"');
});

test('the tiny XML reader: CDATA, entities, attributes', () => {
  expect(parseXmlResult('<?xml version="1.0"?><RESULT><CODE>INFO-100</CODE><MESSAGE><![CDATA[인증키가 <유효>하지 않습니다.]]></MESSAGE></RESULT>'))
    .toEqual({ code: 'INFO-100', message: '인증키가 <유효>하지 않습니다.' });
  expect(parseXmlResult('<RESULT><CODES>x</CODES><CODE type="t">ERROR-500</CODE><MESSAGE>a &amp; b &#xAC00; &bogus; &#</MESSAGE></RESULT>'))
    .toEqual({ code: 'ERROR-500', message: 'a & b 가 &bogus; &#' });
  expect(parseXmlResult('<RESULT><MESSAGE>no code</MESSAGE></RESULT>')).toBeUndefined();
  expect(parseXmlResult('<CODE>unterminated')).toBeUndefined();
});

test('the key never appeared in any error message or log line of this suite', () => {
  expect(seen.length).toBeGreaterThan(15);
  for (const line of seen) expect(line).not.toContain(KEY);
  expect(server.paths.filter((p) => p.startsWith(`/${KEY}/json/`)).length).toBeGreaterThan(10);
});
