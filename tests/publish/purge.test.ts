// After a publish, changed pages are purged through an HTTP webhook (a real loopback server);
// a failing purge is reported and the publish stands.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readManifest } from '../../pipeline/publish/manifest.ts';
import { cloudfrontPurge } from '../../pipeline/publish/purge-cloudfront.ts';
import { webhookPurge } from '../../pipeline/publish/purge-webhook.ts';
import { purgeUrlPaths } from '../../pipeline/publish/purge.ts';
import { C1, C2, siteV1, siteV2 } from './site-fixture.ts';
import { join } from 'node:path';
import { publishSite } from '../../pipeline/publish/publish.ts';
import { clockAt, makeEffects, publishFiles, useTargets, writeSite } from './support.ts';

const suite = useTargets();

interface Hit { method: string; url: string; headers: Record<string, unknown>; body: string }
let server: Server;
let origin: string;
const hits: Hit[] = [];
let answer = 200;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers }, body });
      res.writeHead(answer, { 'content-type': 'application/json' }).end(answer === 200 ? '{"ok":true}' : '{"error":"purge backend down"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => { await new Promise((resolve) => server?.close(resolve)); });
beforeEach(() => { hits.length = 0; answer = 200; });

const CHANGED_URLS = [
  '/en/', '/en/changes.xml', '/en/changes/', '/en/changes/index.html', '/en/datasets/air-quality-daily/', '/en/datasets/air-quality-daily/index.html', '/en/index.html',
  '/ko/', '/ko/changes.xml', '/ko/changes/', '/ko/changes/index.html', '/ko/datasets/air-quality-daily/', '/ko/datasets/air-quality-daily/index.html', '/ko/index.html',
  '/pagefind/pagefind-entry.json',
];

test('the webhook gets a POST of the changed page paths (folder URLs included)', async () => {
  const target = await suite.kinds[1].make();
  const clock = clockAt('2026-11-28T21:00:00Z');
  await publishFiles(suite.tmp(), target, siteV1(), C1, clock);
  expect(hits).toEqual([]);
  clock.advanceDays(1);
  const hook = webhookPurge(`${origin}/purge?key=query-secret`);
  expect(hook.name).toBe(`webhook ${origin}/purge`);
  const { result, log } = await publishFiles(suite.tmp(), target, siteV2(), C2, clock, { purge: hook });

  expect(hits).toHaveLength(1);
  expect(hits[0]).toMatchObject({ method: 'POST', url: '/purge?key=query-secret' });
  expect(hits[0].headers['content-type']).toBe('application/json');
  expect(JSON.parse(hits[0].body)).toEqual({ paths: CHANGED_URLS, cycle: C2 });
  expect(result.purge).toEqual({ hook: hook.name, paths: CHANGED_URLS, ok: true, detail: 'HTTP 200' });
  expect(log.lines.join('\n')).not.toContain('query-secret');

  // A cycle with nothing changed purges nothing.
  hits.length = 0;
  const same = await publishFiles(suite.tmp(), target, siteV2(), '2026-11-30T2100Z', clock, { purge: hook });
  expect(hits).toEqual([]);
  expect(same.result.purge).toBeNull();
});

test('a failing purge is reported and the publish stands', async () => {
  const target = await suite.kinds[0].make();
  const clock = clockAt('2026-11-28T21:00:00Z');
  await publishFiles(suite.tmp(), target, siteV1(), C1, clock);
  answer = 503;
  const hook = webhookPurge(`${origin}/purge`, { attempts: 2, retryDelayMs: 1 });
  const { result, log } = await publishFiles(suite.tmp(), target, siteV2(), C2, clock, { purge: hook });
  expect(hits).toHaveLength(2);
  expect(result.purge).toMatchObject({ ok: false, error: `purge via webhook ${origin}/purge: HTTP 503: {"error":"purge backend down"}` });
  expect((await readManifest(target))?.manifest.cycle).toBe(C2);
  expect(log.lines.join('\n')).toContain('warning: purge via webhook');
  expect(log.lines.join('\n')).toContain('The site is published');
});

test('a webhook that cannot be reached fails the purge only', async () => {
  const target = await suite.kinds[0].make();
  const clock = clockAt('2026-11-28T21:00:00Z');
  await publishFiles(suite.tmp(), target, siteV1(), C1, clock);
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const dead = webhookPurge(`http://127.0.0.1:${port}/purge`, { attempts: 1 });
  const a = await publishFiles(suite.tmp(), target, siteV2(), C2, clock, { purge: dead });
  expect(a.result.purge?.ok).toBe(false);
  expect(a.result.purge?.error).toBe(`purge via webhook http://127.0.0.1:${port}/purge: fetch failed (ECONNREFUSED)`);
  expect((await readManifest(target))?.manifest.cycle).toBe(C2);
  expect(() => cloudfrontPurge('not an id')).toThrow(/distribution id/);
  expect(() => webhookPurge('ftp://x/purge')).toThrow(/must be an http\(s\) URL/);
});

test('CloudFront: one CreateInvalidation with the changed pages, against a loopback CloudFront API', async () => {
  const requests: { method?: string; url?: string; body: string }[] = [];
  let status = 201;
  const api = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, body });
      res.writeHead(status, { 'content-type': 'text/xml' });
      res.end(status === 201
        ? '<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status><CreateTime>2026-11-28T21:00:00Z</CreateTime></Invalidation>'
        : '<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error></ErrorResponse>');
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  try {
    const target = await suite.kinds[0].make();
    const clock = clockAt('2026-11-28T21:00:00Z');
    await publishFiles(suite.tmp(), target, siteV1(), C1, clock);
    // Explicit test credentials: the SDK never goes looking for others (no instance metadata).
    const { effects } = makeEffects(clock, { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'secret-test' });
    const siteDir = await writeSite(join(suite.tmp(), 'cf-site'), siteV2());
    const purge = cloudfrontPurge('E2QWRUHAPOMQZL', { endpoint });
    const ok = await publishSite({ siteDir, target, cycle: C2, datasets: {}, now: clock.now, purge }, effects);
    expect(ok.purge).toMatchObject({ hook: 'cloudfront E2QWRUHAPOMQZL', ok: true });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', url: '/2020-05-31/distribution/E2QWRUHAPOMQZL/invalidation' });
    for (const path of ok.changedPages) expect(requests[0]!.body).toContain(`<Path>/${path}</Path>`);
    expect(requests[0]!.body).not.toContain('secret-test');

    status = 403;
    const denied = await publishSite({ siteDir: await writeSite(join(suite.tmp(), 'cf-site-2'), siteV1()), target, cycle: '2026-11-30T2100Z', datasets: {}, now: clock.now, purge }, effects);
    expect(denied.purge).toMatchObject({ ok: false });
    expect(denied.purge?.error).toContain('AccessDenied');
    expect((await readManifest(target))?.manifest.cycle).toBe('2026-11-30T2100Z');
  } finally {
    await new Promise((resolve) => api.close(resolve));
  }
});

test('the bearer token comes from CITYDASH_PURGE_TOKEN and never from the URL or a flag', async () => {
  const hook = webhookPurge(`${origin}/purge`);
  const { effects } = makeEffects(clockAt('2026-11-28T21:00:00Z'), { CITYDASH_PURGE_TOKEN: 'tok-123' });
  await hook.purge(['/ko/'], { cycle: C2, effects });
  expect(hits[0].headers.authorization).toBe('Bearer tok-123');
  await webhookPurge(`${origin}/purge`).purge(['/ko/'], { cycle: C2, effects: makeEffects(clockAt('2026-11-28T21:00:00Z')).effects });
  expect(hits[1].headers.authorization).toBeUndefined();
});

test('purge URL paths: folder URLs for index pages, percent-encoding', () => {
  expect(purgeUrlPaths(['index.html', 'ko/index.html', 'ko/changes.xml', 'ko/자료/index.html'])).toEqual([
    '/', '/index.html', '/ko/', '/ko/%EC%9E%90%EB%A3%8C/', '/ko/%EC%9E%90%EB%A3%8C/index.html', '/ko/changes.xml', '/ko/index.html',
  ]);
});
