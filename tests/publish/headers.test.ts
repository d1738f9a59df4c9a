// Every object on the store carries the right Content-Type (with charset for text) and the
// Cache-Control of docs/architecture.md §5, read back from s3rver with HeadObject for each file type.
import { blobPath, LOCK_PATH, MANIFEST_PATH, manifestHistoryPath } from '../../pipeline/publish/manifest.ts';
import { cacheControlFor, isContentHashed } from '../../pipeline/publish/cache-policy.ts';
import { contentTypeFor } from '../../pipeline/publish/content-type.ts';
import { s3Target } from '../../pipeline/publish/s3-target.ts';
import { AIR, C1, siteV1 } from './site-fixture.ts';
import { BUCKET, S3_ENV, clockAt, head, makeEffects, publishFiles, sha256, uniqueName, useTargets } from './support.ts';

const suite = useTargets();
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=300, must-revalidate';

// [path, Content-Type, Cache-Control]
const EXPECTED: Array<[string, string, string]> = [
  ['index.html', 'text/html; charset=utf-8', SHORT],
  ['ko/index.html', 'text/html; charset=utf-8', SHORT],
  ['en/datasets/cctv/index.html', 'text/html; charset=utf-8', SHORT],
  ['assets/site.3f9a1c2b4d5e.css', 'text/css; charset=utf-8', IMMUTABLE],
  ['assets/app.1a2b3c4d5e6f.js', 'text/javascript; charset=utf-8', IMMUTABLE],
  ['assets/enhance.0a1b2c3d4e5f.mjs', 'text/javascript; charset=utf-8', IMMUTABLE],
  ['assets/favicon.svg', 'image/svg+xml; charset=utf-8', SHORT],
  ['charts/pm25.ko.4c5d6e7f8a9b.svg', 'image/svg+xml; charset=utf-8', IMMUTABLE],
  ['charts/pm25.ko.4c5d6e7f8a9b.png', 'image/png', IMMUTABLE],
  ['charts/pm25.ko.4c5d6e7f8a9b.vl.json', 'application/json; charset=utf-8', IMMUTABLE],
  ['favicon.ico', 'image/x-icon', SHORT],
  [AIR.v1.csv, 'text/csv; charset=utf-8', IMMUTABLE],
  [AIR.v1.json, 'application/json; charset=utf-8', IMMUTABLE],
  [AIR.v1.snapshot, 'application/x-ndjson; charset=utf-8', IMMUTABLE],
  ['fonts/Pretendard-Regular.5e6f7a8b9c0d.woff2', 'font/woff2', IMMUTABLE],
  ['fonts/Pretendard-Regular.5e6f7a8b9c0d.otf', 'font/otf', IMMUTABLE],
  ['fonts/Pretendard-Regular.5e6f7a8b9c0d.ttf', 'font/ttf', IMMUTABLE],
  ['ko/changes.xml', 'application/atom+xml; charset=utf-8', SHORT],
  ['en/changes.xml', 'application/atom+xml; charset=utf-8', SHORT],
  ['sitemap.xml', 'application/xml; charset=utf-8', SHORT],
  ['robots.txt', 'text/plain; charset=utf-8', SHORT],
  ['catalog.jsonld', 'application/ld+json; charset=utf-8', SHORT],
  ['site.webmanifest', 'application/manifest+json; charset=utf-8', SHORT],
  ['pagefind/pagefind.js', 'text/javascript; charset=utf-8', SHORT],
  ['pagefind/pagefind-entry.json', 'application/json; charset=utf-8', SHORT],
  ['pagefind/wasm.en.pagefind', 'application/octet-stream', SHORT],
  ['pagefind/pagefind-worker.wasm', 'application/wasm', SHORT],
  ['pagefind/fragment/en_9da4237.pf_fragment', 'application/octet-stream', IMMUTABLE],
  ['pagefind/index/en_6267ec9.pf_index', 'application/octet-stream', IMMUTABLE],
  ['pagefind/pagefind.en_c3b116e273.pf_meta', 'application/octet-stream', IMMUTABLE],
  [`_citydash/cycles/${C1}.json`, 'application/json; charset=utf-8', SHORT],
  [manifestHistoryPath(C1), 'application/json; charset=utf-8', SHORT],
  [MANIFEST_PATH, 'application/json; charset=utf-8', 'no-cache'],
];

test('s3: Content-Type and Cache-Control of every published object, by file type', async () => {
  const name = uniqueName('headers');
  const { effects } = makeEffects(clockAt('2026-11-28T21:00:00Z'), S3_ENV);
  const target = s3Target(`s3://${BUCKET}/${name}`, { endpoint: suite.s3().endpoint, forcePathStyle: true }, effects);
  const v1 = siteV1();
  await publishFiles(suite.tmp(), target, v1, C1, clockAt('2026-11-28T21:00:00Z'));

  const covered = new Set(EXPECTED.map(([p]) => p));
  const site = Object.keys(v1).filter((p) => p !== '_citydash/build.json');
  // Every file type in the fixture is in the table (pages beyond the first three are alike).
  const extensions = (ps: Iterable<string>) => new Set([...ps].map((p) => p.slice(p.lastIndexOf('.'))));
  expect(extensions(covered)).toEqual(extensions(site));

  for (const [path, contentType, cacheControl] of EXPECTED) {
    const h = await head(suite.s3(), `${name}/${path}`);
    expect({ path, contentType: h.contentType, cacheControl: h.cacheControl }).toEqual({ path, contentType, cacheControl });
  }
  // The copy of a page kept for rollback: same type, immutable (its name is its hash).
  const blob = await head(suite.s3(), `${name}/${blobPath(sha256(v1['ko/index.html']))}`);
  expect(blob).toMatchObject({ contentType: 'text/html; charset=utf-8', cacheControl: IMMUTABLE });
  // Every site file made it, and the lock did not stay behind.
  const listed = new Set((await target.list()).map((o) => o.path));
  for (const p of site) expect(listed.has(p)).toBe(true);
  expect(listed.has(LOCK_PATH)).toBe(false);
});

test('content types and cache rules for names the fixture does not carry', () => {
  expect(contentTypeFor('feeds/ko.atom')).toBe('application/atom+xml; charset=utf-8');
  expect(contentTypeFor('a/b.XML', new TextEncoder().encode('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'))).toBe('application/atom+xml; charset=utf-8');
  expect(contentTypeFor('a/b.xml', new TextEncoder().encode('<rss version="2.0">'))).toBe('application/xml; charset=utf-8');
  expect(contentTypeFor('data/x.ndjson')).toBe('application/x-ndjson; charset=utf-8');
  expect(contentTypeFor('fonts/x.woff')).toBe('font/woff');
  expect(contentTypeFor('Makefile')).toBe('application/octet-stream');
  expect(contentTypeFor('.well-known/security.txt')).toBe('text/plain; charset=utf-8');

  expect(isContentHashed('data/air.3f9a1c2b.csv')).toBe(true);
  expect(isContentHashed('assets/site-3f9a1c2b.css')).toBe(true);
  expect(isContentHashed('_citydash/snapshots/air.0011223344556677.ndjson')).toBe(true);
  expect(isContentHashed('_citydash/blobs/' + 'a'.repeat(64))).toBe(true);
  // A date or a word is not a hash; a short hex is not enough.
  expect(isContentHashed('reports/20261128.csv')).toBe(false);
  expect(isContentHashed('ko/changes/2026-11-28T2100Z/index.html')).toBe(false);
  expect(isContentHashed('img/decade.png')).toBe(false);
  expect(isContentHashed('data/air.3f9a1c2.csv')).toBe(false);
  expect(isContentHashed('ko/datasets/deadbeef12/index.html')).toBe(false);
  expect(cacheControlFor('_citydash/lock.json')).toBe('no-cache');
  expect(cacheControlFor('ko/changes.xml')).toBe(SHORT);
});
