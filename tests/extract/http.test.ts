import { gzipSync } from 'node:zlib';
import { httpGet, type HttpOptions } from '../../pipeline/extract/http.ts';
import {
  BadUrlError, HttpStatusError, NetworkError, RedirectLoopError, TimeoutError, TooLargeError, TruncatedBodyError,
} from '../../pipeline/extract/http-errors.ts';
import { backoffDelay, parseRetryAfter } from '../../pipeline/extract/http-backoff.ts';
import { maskSecrets, maskUrlKey } from '../../pipeline/extract/mask.ts';
import { memoryLogger } from '../../pipeline/log.ts';
import type { Effects } from '../../pipeline/types.ts';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.ts';
import { ALLOW_LOOPBACK } from '../helpers/loopback.ts';

const NOW = new Date('2026-11-28T21:00:00.000Z');
let server: TestHttpServer;
beforeAll(async () => { server = await startHttpServer(); });
afterAll(async () => { await server?.close(); });

function setup(extra: HttpOptions = {}) {
  const log = memoryLogger();
  const effects: Effects = { fetch: globalThis.fetch, now: () => NOW, log, env: { ...ALLOW_LOOPBACK } };
  const sleeps: number[] = [];
  // Retries wait on an injected sleep that returns at once, so the suite never really sleeps.
  const opts: HttpOptions = { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms), ...extra };
  return { log, effects, sleeps, opts };
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the request to fail');
}

const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

test('200: body, validators and URL', async () => {
  server.route('/ok', { body: '측정소명,PM10\n종로구,41\n', headers: { etag: '"v1"', 'last-modified': 'Fri, 27 Nov 2026 12:00:00 GMT' } });
  const { effects, opts, log } = setup();
  const res = await httpGet(server.url('/ok'), opts, effects);
  expect(res).toEqual({ status: 200, body: expect.any(Uint8Array), etag: '"v1"', lastModified: 'Fri, 27 Nov 2026 12:00:00 GMT', url: server.url('/ok'), headers: expect.any(Headers) });
  expect(res.headers.get('etag')).toBe('"v1"');
  expect(text(res.body)).toBe('측정소명,PM10\n종로구,41\n');
  expect(log.lines).toEqual([]);
});

test('500 then 200 is retried once, with a logged warning', async () => {
  server.route('/flaky', { status: 500 }, { body: 'fine' });
  const { effects, opts, log, sleeps } = setup();
  const res = await httpGet(server.url('/flaky'), opts, effects);
  expect(text(res.body)).toBe('fine');
  expect(server.count('/flaky')).toBe(2);
  expect(sleeps).toEqual([50]); // full jitter: 0.5 * min(1000, 100 * 2^0)
  expect(log.lines).toEqual([`warning: Request failed with status 500 Internal Server Error: GET ${server.url('/flaky')}; retry 1/3 in 50ms`]);
});

test('404 is not retried', async () => {
  server.route('/missing', { status: 404 });
  const { effects, opts, log } = setup();
  const err = await failure(httpGet(server.url('/missing'), opts, effects));
  expect(err).toBeInstanceOf(HttpStatusError);
  expect(err.message).toBe(`Request failed with status 404 Not Found: GET ${server.url('/missing')}`);
  expect((err as HttpStatusError).status).toBe(404);
  expect(server.count('/missing')).toBe(1);
  expect(log.lines).toEqual([]);
});

test('a persistent 503 gives up after retries + 1 attempts with growing backoff', async () => {
  server.route('/down', { status: 503 });
  const { effects, opts, sleeps, log } = setup({ retries: 3 });
  const err = await failure(httpGet(server.url('/down'), opts, effects));
  expect(err.message).toBe(`Request failed with status 503 Service Unavailable: GET ${server.url('/down')} (after 4 attempts)`);
  expect(server.count('/down')).toBe(4);
  expect(sleeps).toEqual([50, 100, 200]);
  expect(log.lines).toHaveLength(3);
});

test('429 honours Retry-After in seconds and as an HTTP date', async () => {
  server.route('/busy', { status: 429, headers: { 'retry-after': '2' } }, { status: 429, headers: { 'retry-after': new Date(NOW.getTime() + 3000).toUTCString() } }, { body: 'ok' });
  const { effects, opts, sleeps, log } = setup();
  const res = await httpGet(server.url('/busy'), opts, effects);
  expect(text(res.body)).toBe('ok');
  expect(sleeps).toEqual([2000, 3000]);
  expect(log.lines[0]).toContain('Request failed with status 429 Too Many Requests');
  expect(log.lines[0]).toContain('retry 1/3 in 2s as Retry-After asks');
});

test('a Retry-After beyond the cap is not waited for', async () => {
  server.route('/later', { status: 429, headers: { 'retry-after': '3600' } });
  const { effects, opts, sleeps } = setup({ maxRetryAfterMs: 60_000 });
  const err = await failure(httpGet(server.url('/later'), opts, effects));
  expect(err).toBeInstanceOf(HttpStatusError);
  expect(err.message).toBe(`Request failed with status 429 Too Many Requests (Retry-After 60m is over the 60s limit; not retried): GET ${server.url('/later')}`);
  expect(server.count('/later')).toBe(1);
  expect(sleeps).toEqual([]);
});

test('timeout waiting for headers, retried then reported', async () => {
  server.route('/hang', { delayMs: 2000, body: 'too late' });
  const { effects, opts } = setup({ timeoutMs: 100, retries: 1 });
  const err = await failure(httpGet(server.url('/hang'), opts, effects));
  expect(err).toBeInstanceOf(TimeoutError);
  expect(err.message).toBe(`Request timed out after 100ms: GET ${server.url('/hang')} (after 2 attempts)`);
  expect(server.count('/hang')).toBe(2);
});

test('a slow body that trickles past the deadline times out', async () => {
  server.route('/trickle', { chunked: true, chunkSize: 10, trickleMs: 60, body: 'x'.repeat(200) });
  const { effects, opts } = setup({ timeoutMs: 250, retries: 0 });
  const err = await failure(httpGet(server.url('/trickle'), opts, effects));
  expect(err).toBeInstanceOf(TimeoutError);
  expect((err as TimeoutError).received).toBeGreaterThan(0);
  expect(err.message).toMatch(new RegExp(`^Request timed out after 250ms \\(body still arriving after \\d+ bytes\\): GET ${escape(server.url('/trickle'))}$`));
});

test('a redirect loop is named, not retried', async () => {
  server.route('/loop-a', { redirect: '/loop-b' });
  server.route('/loop-b', { redirect: '/loop-a', status: 301 });
  const { effects, opts } = setup();
  const err = await failure(httpGet(server.url('/loop-a'), opts, effects));
  expect(err).toBeInstanceOf(RedirectLoopError);
  const a = server.url('/loop-a');
  const b = server.url('/loop-b');
  expect(err.message).toBe(`Redirect loop (${a} -> ${b} -> ${a}): GET ${a}`);
  expect(server.count('/loop-a')).toBe(1);
  expect(server.count('/loop-b')).toBe(1);
});

test('too many redirects, and an ordinary redirect followed', async () => {
  for (let i = 0; i < 5; i++) server.route(`/hop/${i}`, { redirect: `/hop/${i + 1}` });
  server.route('/moved', { redirect: '/hop-target', status: 308 });
  server.route('/hop-target', { body: 'here' });
  const { effects, opts } = setup({ maxRedirects: 3 });
  const err = await failure(httpGet(server.url('/hop/0'), opts, effects));
  expect(err).toBeInstanceOf(RedirectLoopError);
  expect(err.message).toMatch(/^Too many redirects \(more than 3\) \(.*\/hop\/0 -> .*\/hop\/4\): GET .*\/hop\/0$/);
  const res = await httpGet(server.url('/moved'), opts, effects);
  expect(res.url).toBe(server.url('/hop-target'));
  expect(text(res.body)).toBe('here');
});

test('a body shorter than its Content-Length is an error, not data', async () => {
  server.route('/cut', { declaredLength: 100, body: '{"rows": [1, 2' });
  const { effects, opts, log } = setup({ retries: 1 });
  const err = await failure(httpGet(server.url('/cut'), opts, effects));
  expect(err).toBeInstanceOf(TruncatedBodyError);
  expect((err as TruncatedBodyError).received).toBe(14);
  expect(err.message).toMatch(/^Response body cut short \(received 14 bytes of 100 bytes declared by Content-Length; connection lost: .+\): GET .*\/cut \(after 2 attempts\)$/);
  expect(server.count('/cut')).toBe(2);
  expect(log.lines).toHaveLength(1);
});

test('a connection dropped before answering is a network error, retried', async () => {
  server.route('/reset', { reset: true }, { body: 'second time lucky' });
  const { effects, opts, log } = setup();
  const res = await httpGet(server.url('/reset'), opts, effects);
  expect(text(res.body)).toBe('second time lucky');
  expect(log.lines[0]).toMatch(/^warning: Request failed \(network error: .+\): GET .*\/reset; retry 1\/3 in 50ms$/);
});

test('connection refused gives a NetworkError after retries', async () => {
  const gone = await startHttpServer();
  const url = gone.url('/x');
  await gone.close();
  const { effects, opts } = setup({ retries: 1 });
  const err = await failure(httpGet(url, opts, effects));
  expect(err).toBeInstanceOf(NetworkError);
  expect(err.message).toMatch(new RegExp(`^Request failed \\(network error: .*ECONNREFUSED.*\\): GET ${escape(url)} \\(after 2 attempts\\)$`));
});

test('size cap: a declared length over the cap fails before reading; a streamed body when it crosses', async () => {
  server.route('/big', { body: 'x'.repeat(2500) });
  server.route('/big-stream', { chunked: true, chunkSize: 500, body: 'y'.repeat(5000) });
  const { effects, opts } = setup({ maxBytes: 1000 });
  const declared = await failure(httpGet(server.url('/big'), opts, effects));
  expect(declared).toBeInstanceOf(TooLargeError);
  expect(declared.message).toBe(`Response too large (Content-Length 2.5 kB exceeds the 1 kB cap): GET ${server.url('/big')}`);
  const streamed = await failure(httpGet(server.url('/big-stream'), opts, effects));
  expect(streamed).toBeInstanceOf(TooLargeError);
  expect(streamed.message).toBe(`Response too large (body passed the 1 kB cap): GET ${server.url('/big-stream')}`);
  expect(server.count('/big')).toBe(1);
  expect(server.count('/big-stream')).toBe(1);
});

test('conditional requests: ETag and Last-Modified give 304 without a body', async () => {
  const lm = 'Fri, 27 Nov 2026 12:00:00 GMT';
  server.route('/cond', { conditional: true, body: 'data v1', headers: { etag: '"abc"', 'last-modified': lm } });
  const { effects, opts } = setup();
  const first = await httpGet(server.url('/cond'), opts, effects);
  expect(first.status).toBe(200);
  const byEtag = await httpGet(server.url('/cond'), { ...opts, etag: first.etag }, effects);
  expect(byEtag).toEqual({ status: 304, etag: '"abc"', lastModified: lm, url: server.url('/cond'), headers: expect.any(Headers) });
  const byDate = await httpGet(server.url('/cond'), { ...opts, lastModified: first.lastModified }, effects);
  expect(byDate.status).toBe(304);
  const changed = await httpGet(server.url('/cond'), { ...opts, etag: '"old"' }, effects);
  expect(changed.status).toBe(200);
  expect(text(changed.body)).toBe('data v1');
  const sent = server.requests.filter((r) => r.path === '/cond').map((r) => [r.headers['if-none-match'], r.headers['if-modified-since']]);
  expect(sent).toEqual([[undefined, undefined], ['"abc"', undefined], [undefined, lm], ['"old"', undefined]]);
});

test('a gzip body is decoded and its encoded Content-Length is not mistaken for truncation', async () => {
  const body = '자치구,CCTV\n'.repeat(200);
  server.route('/gz', { body: gzipSync(body), headers: { 'content-encoding': 'gzip' } });
  const { effects, opts } = setup();
  expect(text((await httpGet(server.url('/gz'), opts, effects)).body)).toBe(body);
});

test('the key never shows: displayUrl and secrets mask errors, logs and redirect targets', async () => {
  const key = 'a1B2c3D4e5F6secret';
  server.route(`/${key}/json/Down/1/5`, { status: 502 });
  server.route(`/${key}/json/Loop/1/5`, { redirect: `/${key}/json/Loop2/1/5` });
  server.route(`/${key}/json/Loop2/1/5`, { redirect: `/${key}/json/Loop/1/5` });
  const { effects, opts, log } = setup({ retries: 2, secrets: [key] });
  const messages: string[] = [];
  for (const svc of ['Down', 'Loop']) {
    const url = server.url(`/${key}/json/${svc}/1/5`);
    const err = await failure(httpGet(url, { ...opts, displayUrl: maskUrlKey(url, key) }, effects));
    messages.push(err.message);
  }
  messages.push((await failure(httpGet(`nonsense ${key}`, { ...opts }, effects))).message);
  for (const line of [...messages, ...log.lines]) {
    expect(line).not.toContain(key);
    expect(line).toContain('***');
  }
  expect(messages[0]).toBe(`Request failed with status 502 Bad Gateway: GET ${server.url('/***/json/Down/1/5')} (after 3 attempts)`);
  expect(messages[1]).toContain(`${server.url('/***/json/Loop2/1/5')} -> ${server.url('/***/json/Loop/1/5')}`);
  expect(log.lines).toHaveLength(2);
});

test('unsupported or broken URLs fail clearly without a request', async () => {
  const { effects, opts } = setup();
  const ftp = await failure(httpGet('ftp://example.org/x.csv', opts, effects));
  expect(ftp).toBeInstanceOf(BadUrlError);
  expect(ftp.message).toBe('Invalid request URL (unsupported scheme "ftp:"; only http: and https:): GET ftp://example.org/x.csv');
  const rel = await failure(httpGet('data/x.csv', opts, effects));
  expect(rel.message).toBe('Invalid request URL (not an absolute URL): GET data/x.csv');
});

test('backoff and Retry-After parsing', () => {
  expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, 500, 3000, () => 1))).toEqual([500, 1000, 2000, 3000, 3000]);
  expect(backoffDelay(2, 500, 30_000, () => 0)).toBe(0);
  expect(parseRetryAfter('120', NOW)).toBe(120_000);
  expect(parseRetryAfter('Sat, 28 Nov 2026 21:00:30 GMT', NOW)).toBe(30_000);
  expect(parseRetryAfter('Sat, 28 Nov 2026 20:00:00 GMT', NOW)).toBe(0);
  expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  expect(parseRetryAfter(null, NOW)).toBeUndefined();
});

test('maskSecrets masks raw and URL-encoded forms, ignores empty secrets', () => {
  expect(maskSecrets('k=ab/c+d and ab%2Fc%2Bd', ['ab/c+d', undefined, ''])).toBe('k=*** and ***');
  expect(maskSecrets('nothing here', [undefined])).toBe('nothing here');
  expect(maskUrlKey('http://h:8088/KEY123/json/S/1/5', 'KEY123')).toBe('http://h:8088/***/json/S/1/5');
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
