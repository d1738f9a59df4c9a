// Transient store failures (throttling, 5xx, dropped connections) are retried with backoff
// through the real SDK; a refusal (403) fails at once with a located message; listing pages.
import { readManifest } from '../../pipeline/publish/manifest.ts';
import { s3Target } from '../../pipeline/publish/s3-target.ts';
import { TargetError } from '../../pipeline/publish/target.ts';
import { AIR, C1, siteV1 } from './site-fixture.ts';
import { startProxy, type S3Proxy } from './s3-proxy.ts';
import { BUCKET, S3_ENV, clockAt, failure, makeEffects, publishFiles, text, uniqueName, useTargets } from './support.ts';

const suite = useTargets();
let proxy: S3Proxy;
beforeAll(async () => { proxy = await startProxy(suite.s3().endpoint); });
afterAll(async () => { await proxy?.close(); });

function target(prefix: string, extra = {}) {
  const { effects } = makeEffects(clockAt('2026-11-28T21:00:00Z'), S3_ENV);
  return s3Target(`s3://${BUCKET}/${prefix}`, { endpoint: proxy.endpoint, forcePathStyle: true, ...extra }, effects);
}
const attempts = (method: string, path: string) => proxy.requests.filter((r) => r.method === method && decodeURIComponent(r.url.split('?')[0]) === path).length;

test('SlowDown, 500 and a dropped connection are retried; the publish completes', async () => {
  const prefix = uniqueName('retry');
  proxy.rules.push(
    { method: 'PUT', path: new RegExp(`${prefix}/${AIR.v1.csv.replace(/\./g, '\\.')}$`), times: 2, status: 503, code: 'SlowDown' },
    { method: 'PUT', path: new RegExp(`${prefix}/ko/index\\.html$`), times: 1, reset: true },
    { method: 'GET', path: new RegExp(`${prefix}/_citydash/manifest\\.json$`), times: 1, status: 500, code: 'InternalError' },
  );
  const t = target(prefix);
  const { result } = await publishFiles(suite.tmp(), t, siteV1(), C1, clockAt('2026-11-28T21:00:00Z'));
  expect(result.cycle).toBe(C1);
  expect(attempts('PUT', `/${BUCKET}/${prefix}/${AIR.v1.csv}`)).toBe(3);
  expect(attempts('PUT', `/${BUCKET}/${prefix}/ko/index.html`)).toBe(2);
  expect(attempts('GET', `/${BUCKET}/${prefix}/_citydash/manifest.json`)).toBe(2);
  expect(text((await t.get('ko/index.html'))?.body)).toBe(siteV1()['ko/index.html']);
  expect((await readManifest(t))?.manifest.cycle).toBe(C1);
});

test('AccessDenied is not retried: the publish stops, located, and no manifest is written', async () => {
  const prefix = uniqueName('denied');
  proxy.rules.push({ method: 'PUT', path: new RegExp(`${prefix}/assets/site\\.3f9a1c2b4d5e\\.css$`), status: 403, code: 'AccessDenied' });
  const t = target(prefix);
  const err = await failure(publishFiles(suite.tmp(), t, siteV1(), C1, clockAt('2026-11-28T21:00:00Z')));
  expect(err).toBeInstanceOf(TargetError);
  expect(err.message).toBe(`s3://${BUCKET}/${prefix}/assets/site.3f9a1c2b4d5e.css: put failed: AccessDenied (HTTP 403): injected by the test proxy`);
  expect(attempts('PUT', `/${BUCKET}/${prefix}/assets/site.3f9a1c2b4d5e.css`)).toBe(1);
  expect(await readManifest(t)).toBeNull();
});

test('a store that answers conditional writes with 501 NotImplemented still gets a locked, complete publish', async () => {
  const prefix = uniqueName('noconditions');
  proxy.rules.push(
    { method: 'PUT', path: new RegExp(`${prefix}/`), header: 'if-none-match', status: 501, code: 'NotImplemented' },
    { method: 'PUT', path: new RegExp(`${prefix}/`), header: 'if-match', status: 501, code: 'NotImplemented' },
  );
  const t = target(prefix);
  const clock = clockAt('2026-11-28T21:00:00Z');
  await publishFiles(suite.tmp(), t, siteV1(), C1, clock);
  const { result } = await publishFiles(suite.tmp(), t, siteV1(), '2026-11-29T2100Z', clock);
  expect(result.uploadedObjects).toBe(2);
  expect((await readManifest(t))?.manifest.cycles).toEqual([C1, '2026-11-29T2100Z']);
});

test('list follows pages (ListObjects markers) until the end', async () => {
  const prefix = uniqueName('pages');
  const t = target(prefix, { listPageSize: 2 });
  for (const p of ['a', 'b', 'c', 'd', 'e']) await t.put(p, new TextEncoder().encode(p), { contentType: 'text/plain', cacheControl: 'no-cache' });
  const before = proxy.requests.length;
  expect((await t.list()).map((o) => o.path)).toEqual(['a', 'b', 'c', 'd', 'e']);
  const lists = proxy.requests.slice(before).filter((r) => r.method === 'GET' && r.url.includes(`prefix=${prefix}`));
  expect(lists).toHaveLength(3);
});
