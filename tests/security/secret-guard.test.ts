// The secret guard's rules (pipeline/secret-guard.ts) and its chokepoints in this process: which
// variables count as secrets, the forms a value is masked in, a value split across two writes
// of a streamed file, short values left alone, and atomic-write masking what it writes.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtomicFile, writeFileAtomic } from '../../pipeline/atomic-write.ts';
import { buildSecretGuard, configureSecretGuard, isSecretName } from '../../pipeline/secret-guard.ts';
import { startS3, targetFactory, type S3Server } from '../publish/support.ts';

const ENV = {
  SEOUL_API_KEY: 'seoulkey-4d1f9a7c',
  AWS_SECRET_ACCESS_KEY: 'aws/secret+value=9',
  AWS_REGION: 'ap-northeast-2',
  GITHUB_TOKEN: 'ghp_0123456789abcdef',
  DB_PASSWORD: 'p&ss"w<rd>1',
  SHORT_TOKEN: 'abc12',
  PATH: '/usr/local/bin:/usr/bin',
  EXTRA_NAME: 'listed-only-value',
};

test('which variables are secrets', () => {
  for (const n of ['SEOUL_API_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SESSION_TOKEN', 'CITYDASH_PURGE_TOKEN', 'X_SECRET', 'API_KEY', 'DB_PASSWORD']) expect(isSecretName(n)).toBe(true);
  for (const n of ['PATH', 'HOME', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL_S3', 'KEY', 'TOKENS']) expect(isSecretName(n)).toBe(false);
  const guard = buildSecretGuard(ENV, ['EXTRA_NAME']);
  expect(guard.names).toEqual(['AWS_SECRET_ACCESS_KEY', 'DB_PASSWORD', 'EXTRA_NAME', 'GITHUB_TOKEN', 'SEOUL_API_KEY']);
});

test('raw, URL-encoded, JSON- and HTML-escaped forms are masked; short values and non-secrets are not', () => {
  const g = buildSecretGuard(ENV, ['EXTRA_NAME']);
  expect(g.maskText(`GET http://x/${ENV.SEOUL_API_KEY}/json`)).toBe('GET http://x/[secret SEOUL_API_KEY]/json');
  expect(g.maskText(encodeURIComponent(ENV.AWS_SECRET_ACCESS_KEY))).toBe('[secret AWS_SECRET_ACCESS_KEY]');
  expect(g.maskText(JSON.stringify({ v: ENV.DB_PASSWORD }))).toBe('{"v":"[secret DB_PASSWORD]"}');
  expect(g.maskText('<td>p&amp;ss&quot;w&lt;rd&gt;1</td>')).toBe('<td>[secret DB_PASSWORD]</td>');
  expect(g.maskText('<td>p&amp;ss&#34;w&lt;rd&gt;1</td>')).toBe('<td>[secret DB_PASSWORD]</td>');
  expect(g.maskText('region ap-northeast-2, abc12, listed-only-value')).toBe('region ap-northeast-2, abc12, [secret EXTRA_NAME]');
  expect(Buffer.from(g.maskBytes(Buffer.from(`x${ENV.GITHUB_TOKEN}y`))).toString()).toBe('x[secret GITHUB_TOKEN]y');
  expect(buildSecretGuard({ PATH: '/usr/bin' }).maskText('/usr/bin')).toBe('/usr/bin');
});

test('a streamed file: a secret split across writes is still masked, nothing else changes', () => {
  const g = buildSecretGuard(ENV);
  const text = `row 1,${ENV.GITHUB_TOKEN}\nrow 2,${ENV.SEOUL_API_KEY}\nrow 3,plain\n`;
  for (const size of [1, 3, 7, 64]) {
    const s = g.stream();
    const out: Buffer[] = [];
    for (let i = 0; i < text.length; i += size) out.push(Buffer.from(s.push(Buffer.from(text.slice(i, i + size)))));
    out.push(Buffer.from(s.end()));
    expect(Buffer.concat(out).toString()).toBe('row 1,[secret GITHUB_TOKEN]\nrow 2,[secret SEOUL_API_KEY]\nrow 3,plain\n');
  }
});

describe('atomic-write is a chokepoint', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'citydash-guard-'));
    configureSecretGuard(ENV);
  });
  afterAll(async () => {
    configureSecretGuard(process.env);
    await rm(dir, { recursive: true, force: true });
  });

  test('whole files and streamed files, with the hash of what was written', async () => {
    await writeFileAtomic(join(dir, 'report.json'), JSON.stringify({ error: `GET /${ENV.SEOUL_API_KEY}/json failed` }));
    expect(await readFile(join(dir, 'report.json'), 'utf8')).toBe('{"error":"GET /[secret SEOUL_API_KEY]/json failed"}');
    const f = await AtomicFile.open(join(dir, 'rows.ndjson'));
    await f.write(`{"v":"${ENV.GITHUB_TOKEN.slice(0, 5)}`);
    await f.write(`${ENV.GITHUB_TOKEN.slice(5)}"}\n`);
    const done = await f.commit();
    const written = await readFile(done.path);
    expect(written.toString()).toBe('{"v":"[secret GITHUB_TOKEN]"}\n');
    expect(done.bytes).toBe(written.byteLength);
  });
});

describe('the targets are chokepoints', () => {
  let s3: S3Server;
  let dir: string;
  beforeAll(async () => {
    s3 = await startS3();
    dir = await mkdtemp(join(tmpdir(), 'citydash-guard-target-'));
    configureSecretGuard(ENV);
  });
  afterAll(async () => {
    configureSecretGuard(process.env);
    await s3?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test.each(['dir', 's3'] as const)('%s: an object carrying a secret is stored masked', async (kind) => {
    const target = await targetFactory(kind, () => s3, () => dir).make();
    const body = new TextEncoder().encode(`<p>${ENV.SEOUL_API_KEY}</p>`);
    await target.put('ko/index.html', body, { contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' });
    const got = await target.get('ko/index.html');
    expect(new TextDecoder().decode(got?.body)).toBe('<p>[secret SEOUL_API_KEY]</p>');
  });
});
