// The Target contract, run against a folder and a real S3 protocol server (s3rver on loopback):
// round trips with MD5 etags, conditional writes, listing with pagination, batched deletes.
import { createHash } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { dirTarget } from '../../pipeline/publish/dir-target.ts';
import { parseTarget } from '../../pipeline/publish/parse-target.ts';
import { PreconditionFailedError } from '../../pipeline/publish/target.ts';
import { TargetSpecError } from '../../pipeline/publish/s3-url.ts';
import { s3Target } from '../../pipeline/publish/s3-target.ts';
import { BUCKET, S3_ENV, clockAt, failure, makeEffects, text, uniqueName, useTargets } from './support.ts';

const suite = useTargets();
const enc = (s: string) => new TextEncoder().encode(s);
const md5 = (s: string) => `"${createHash('md5').update(s).digest('hex')}"`;
const OPTS = { contentType: 'text/plain; charset=utf-8', cacheControl: 'no-cache' };

describe.each(suite.kinds)('%# target contract', (kind) => {
  test(`${kind.kind}: get of a missing path is null; put/get round-trips bytes with an MD5 etag`, async () => {
    const t = await kind.make();
    expect(await t.get('nope/missing.html')).toBeNull();
    const put = await t.put('ko/데이터/index.html', enc('<p>서울</p>'), OPTS);
    expect(put.etag).toBe(md5('<p>서울</p>'));
    const got = await t.get('ko/데이터/index.html');
    expect(text(got?.body)).toBe('<p>서울</p>');
    expect(got?.etag).toBe(md5('<p>서울</p>'));
    await t.put('empty.txt', new Uint8Array(0), OPTS);
    expect((await t.get('empty.txt'))?.body.byteLength).toBe(0);
  });

  test(`${kind.kind}: list returns every object under a prefix with size and etag, across pages`, async () => {
    const t = await kind.make({ listPageSize: 2 });
    const paths = ['a/1.txt', 'a/2.txt', 'a/b/3.txt', 'a/b/4.txt', 'a/c/5.txt', 'z.txt'];
    for (const p of paths) await t.put(p, enc(p), OPTS);
    const all = await t.list();
    expect(all.map((o) => o.path)).toEqual(paths);
    expect(all[0]).toMatchObject({ path: 'a/1.txt', size: 7, etag: md5('a/1.txt') });
    expect((await t.list('a/b/')).map((o) => o.path)).toEqual(['a/b/3.txt', 'a/b/4.txt']);
    expect(await t.list('nothing/')).toEqual([]);
  });

  test(`${kind.kind}: delete removes objects in batches and ignores missing ones`, async () => {
    const t = await kind.make({ deleteBatchSize: 2 });
    const paths = ['d/1', 'd/2', 'd/3', 'd/4', 'd/5', 'keep'];
    for (const p of paths) await t.put(p, enc(p), OPTS);
    await t.delete(['d/1', 'd/2', 'd/3', 'd/4', 'd/5', 'd/never-existed']);
    expect((await t.list()).map((o) => o.path)).toEqual(['keep']);
    await t.delete([]);
  });

  test(`${kind.kind}: If-Match with the current etag succeeds`, async () => {
    const t = await kind.make();
    const first = await t.put('m.json', enc('{"v":1}'), OPTS);
    const second = await t.put('m.json', enc('{"v":2}'), { ...OPTS, ifMatch: first.etag });
    expect(second.etag).toBe(md5('{"v":2}'));
    expect(text((await t.get('m.json'))?.body)).toBe('{"v":2}');
  });
});

describe('conditional writes where the store enforces them', () => {
  test('dir: If-None-Match and a stale If-Match are refused', async () => {
    const t = dirTarget(`${suite.tmp()}/${uniqueName('cond')}`);
    await t.put('m.json', enc('1'), { ...OPTS, ifNoneMatch: '*' });
    await expect(t.put('m.json', enc('2'), { ...OPTS, ifNoneMatch: '*' })).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(t.put('m.json', enc('2'), { ...OPTS, ifMatch: md5('stale') })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(text((await t.get('m.json'))?.body)).toBe('1');
    await expect(t.get('../outside')).rejects.toThrow(/escapes the target/);
  });

  test('s3rver ignores If-Match and If-None-Match on PUT (so publish relies on its lock there)', async () => {
    const key = `${uniqueName('probe')}/m.json`;
    await suite.s3().client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: '1' }));
    const stale = await suite.s3().client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: '2', IfMatch: md5('stale') }));
    const exists = await suite.s3().client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: '3', IfNoneMatch: '*' }));
    expect(stale.ETag).toBe(md5('2'));
    expect(exists.ETag).toBe(md5('3'));
  });
});

describe('target specs', () => {
  const { effects, log } = makeEffects(clockAt('2026-11-28T21:00:00Z'), S3_ENV);
  test('parseTarget: dir:, s3:// with prefixes, and clear errors', () => {
    expect(parseTarget('dir:/tmp/x', {}, effects).name).toBe('dir:/tmp/x');
    expect(parseTarget('s3://seoul-dash', {}, effects).name).toBe('s3://seoul-dash');
    expect(parseTarget('s3://seoul-dash/site/', {}, effects).name).toBe('s3://seoul-dash/site');
    expect(parseTarget('s3://seoul-dash//a//b', {}, effects).name).toBe('s3://seoul-dash/a/b');
    expect(() => parseTarget('ftp://x', {}, effects)).toThrow('--target "ftp://x": expected dir:PATH or s3://bucket/prefix');
    expect(() => parseTarget('s3://Bad_Bucket/x', {}, effects)).toThrow(TargetSpecError);
    expect(() => parseTarget('s3://ok-bucket/../x', {}, effects)).toThrow(/may not contain/);
    expect(() => parseTarget('dir:', {}, effects)).toThrow(/expected dir:PATH/);
    expect(() => parseTarget('s3://ok-bucket', { endpoint: 'minio:9000' }, effects)).toThrow(/must be an http\(s\) URL/);
    parseTarget('dir:/tmp/y', { endpoint: 'http://x' }, effects);
    expect(log.lines.join('\n')).toContain('apply to s3:// targets only');
  });

  test('credentials in the endpoint URL are refused and never echoed', () => {
    const err = (() => {
      try {
        s3Target('s3://ok-bucket', { endpoint: 'https://AKIAEXAMPLE:s3cr3tKey@r2.example.com' }, effects);
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected an error');
    })();
    expect(err.message).toContain('must not carry credentials');
    expect(err.message).not.toContain('s3cr3tKey');
    expect(err.message).not.toContain('AKIAEXAMPLE');
  });

  test('no region anywhere is a clear error; an endpoint defaults to us-east-1', () => {
    const bare = makeEffects(clockAt('2026-11-28T21:00:00Z'), { AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' }).effects;
    expect(() => s3Target('s3://ok-bucket', {}, bare)).toThrow(/no AWS region: set AWS_REGION/);
    expect(s3Target('s3://ok-bucket', { endpoint: 'https://r2.example.com' }, bare).name).toBe('s3://ok-bucket');
  });

  test('wrong credentials: a located, non-retried error without the secret', async () => {
    const wrong = makeEffects(clockAt('2026-11-28T21:00:00Z'), { AWS_ACCESS_KEY_ID: 'AKIANOTKNOWN', AWS_SECRET_ACCESS_KEY: 'not-the-secret', AWS_REGION: 'us-east-1' }).effects;
    const t = s3Target(`s3://${BUCKET}/creds`, { endpoint: suite.s3().endpoint, forcePathStyle: true }, wrong);
    const err = await failure(t.put('a.txt', enc('x'), OPTS));
    expect(err.message).toMatch(/^s3:\/\/citydash-site\/creds\/a\.txt: put failed: InvalidAccessKeyId \(HTTP 403\)/);
    expect((err as { transient?: boolean }).transient).toBe(false);
    expect(err.message).not.toContain('not-the-secret');
  });
});
