// `citydash serve` and its static server: the _headers rules as HTTP headers, / by
// Accept-Language, directories and redirects, 404 page, methods, and no way out of the folder.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePort } from '../../pipeline/cli/commands/serve.ts';
import { CSP_EMBED_HEADER, CSP_HEADER } from '../../pipeline/site/csp.ts';
import { CSP_FILES, CSP_SEARCH_HEADER, headerRules, headersFile, headersFor } from '../../pipeline/site/headers.ts';
import { pickLanguage, startStaticServer, type StaticServer } from '../../pipeline/site/static-server.ts';
import { repoRoot } from '../helpers/paths.ts';

let dir: string;
let server: StaticServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'citydash-serve-'));
  for (const d of ['ko/charts/a', 'en', 'charts', 'pagefind']) await mkdir(join(dir, d), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>root</title>');
  await writeFile(join(dir, '404.html'), '<!doctype html><title>missing</title>');
  await writeFile(join(dir, 'ko/index.html'), '<!doctype html><title>ko</title>');
  await writeFile(join(dir, 'en/index.html'), '<!doctype html><title>en</title>');
  await writeFile(join(dir, 'ko/charts/a/index.html'), '<!doctype html><title>chart</title>');
  await writeFile(join(dir, 'charts/a.ko.0123456789ab.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(dir, 'pagefind/wasm.ko.pagefind'), 'x');
  await writeFile(join(dir, 'catalog.jsonld'), '{}');
  await writeFile(join(dir, '_headers'), headersFile());
  await writeFile(join(tmpdir(), 'citydash-serve-secret.txt'), 'secret');
  server = await startStaticServer({ root: dir, port: 0 });
});

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  await rm(join(tmpdir(), 'citydash-serve-secret.txt'), { force: true });
});

/** A raw request (fetch would normalise `..` away before sending it). */
function raw(path: string, method = 'GET', headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('pages, files and the search index get their type and the rule headers', async () => {
  const page = await raw('/ko/charts/a/');
  expect(page).toMatchObject({ status: 200, body: '<!doctype html><title>chart</title>' });
  expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(page.headers['content-security-policy']).toBe(CSP_HEADER);
  expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(page.headers['x-content-type-options']).toBe('nosniff');
  const svg = await raw('/charts/a.ko.0123456789ab.svg');
  expect(svg.headers['content-type']).toBe('image/svg+xml');
  expect(svg.headers['content-security-policy']).toBe(CSP_FILES);
  expect((await raw('/catalog.jsonld')).headers['content-type']).toBe('application/ld+json; charset=utf-8');
  expect((await raw('/pagefind/wasm.ko.pagefind')).headers['content-type']).toBe('application/octet-stream');
});

test('directories: trailing slash redirect, index.html; / picks the language; 404 page; methods', async () => {
  expect(await raw('/ko/charts/a')).toMatchObject({ status: 301, headers: expect.objectContaining({ location: '/ko/charts/a/' }) });
  expect(await raw('/', 'GET', { 'accept-language': 'en-GB,en;q=0.8' })).toMatchObject({ status: 302, headers: expect.objectContaining({ location: '/en/', vary: 'Accept-Language' }) });
  expect((await raw('/')).body).toBe('<!doctype html><title>root</title>');
  const missing = await raw('/ko/nothing/');
  expect(missing).toMatchObject({ status: 404, body: '<!doctype html><title>missing</title>' });
  expect(missing.headers['content-security-policy']).toBe(CSP_HEADER);
  expect(await raw('/ko/', 'HEAD')).toMatchObject({ status: 200, body: '' });
  expect(await raw('/ko/', 'POST')).toMatchObject({ status: 405, headers: expect.objectContaining({ allow: 'GET, HEAD' }) });
  expect((await raw('/_headers')).status).toBe(404);
});

test('no path leaves the site folder', async () => {
  for (const path of ['/../citydash-serve-secret.txt', '/%2e%2e/citydash-serve-secret.txt', '/ko/..%2f..%2fcitydash-serve-secret.txt', '/%00', '/%E0%A4%A']) {
    const res = await raw(path);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toBe('secret');
  }
});

test('Accept-Language: Korean unless English comes first; quality values count', () => {
  expect(pickLanguage(undefined)).toBe('ko');
  expect(pickLanguage('en')).toBe('en');
  expect(pickLanguage('en-US,en;q=0.9,ko;q=0.8')).toBe('en');
  expect(pickLanguage('ko;q=0.9,en;q=0.5')).toBe('ko');
  expect(pickLanguage('fr,de;q=0.9')).toBe('ko');
  expect(pickLanguage('en;q=0.2, ko;q=0.8')).toBe('ko');
  expect(pickLanguage('ja, en;q=0.5')).toBe('en');
  expect(pickLanguage('en;q=0, ko;q=0')).toBe('ko');
});

test('header rules: never two CSPs for one page; embed and search get theirs; every section is covered', () => {
  const rules = headerRules();
  for (const path of ['/', '/index.html', '/404.html', '/ko/', '/en/charts/x/', '/ko/datasets/y/', '/en/catalog/', '/ko/about/', '/ko/freshness/', '/en/changes/2026-11-28T2100Z/', '/ko/search/', '/en/embed/x/', '/charts/x.svg']) {
    const setting = rules.filter((r) => r.headers['Content-Security-Policy'] && (r.pattern.endsWith('*') ? path.startsWith(r.pattern.slice(0, -1)) : path === r.pattern));
    expect([path, setting.length]).toEqual([path, 1]);
  }
  expect(headersFor('/ko/search/')['Content-Security-Policy']).toBe(CSP_SEARCH_HEADER);
  expect(headersFor('/en/embed/x/')['Content-Security-Policy']).toBe(CSP_EMBED_HEADER);
  expect(headersFor('/en/embed/x/')['X-Frame-Options']).toBeUndefined();
  expect(headersFile()).toMatch(/^\/ko\/embed\/\*\n {2}Content-Security-Policy: /m);
  expect(headersFile()).not.toMatch(/'unsafe-eval'|'unsafe-inline' *'self'.*script/);
});

test('--port is a port number', () => {
  expect(parsePort(undefined)).toBe(8080);
  expect(parsePort('0')).toBe(0);
  expect(() => parsePort('80a')).toThrow('--port: "80a" is not a port number');
  expect(() => parsePort('70000')).toThrow(/not a port number/);
});

function runServe(args: string[]): Promise<{ code: number | null; stderr: string; fetched: string | null }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'tests/browser/helpers/serve-child.ts'), 'serve', ...args], { cwd: repoRoot, env: { ...process.env, NODE_OPTIONS: '' } });
    let stderr = '';
    let fetched: string | null = null;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)?.[1];
      if (url && fetched === null) {
        fetched = '';
        fetch(`${url}ko/`).then(async (r) => {
          fetched = `${r.status} ${r.headers.get('content-security-policy')} ${await r.text()}`;
          child.kill('SIGTERM');
        }, fail);
      }
    });
    child.on('exit', (code) => done({ code, stderr, fetched }));
  });
}

test('citydash serve --port 0 --dir: serves until stopped, then exits 0; a folder without a site is an error', async () => {
  const ok = await runServe(['--port', '0', '--dir', dir]);
  expect(ok.fetched).toBe(`200 ${CSP_HEADER} <!doctype html><title>ko</title>`);
  expect(ok.stderr).toMatch(/^serving .* at http:\/\/127\.0\.0\.1:\d+\/ \(Ctrl-C to stop\)/);
  expect(ok.code).toBe(0);
  const empty = await mkdtemp(join(tmpdir(), 'citydash-serve-empty-'));
  const bad = await runServe(['--dir', empty]);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain(`error: ${empty}: no built site here (no index.html); run \`citydash build\` first`);
  await rm(empty, { recursive: true, force: true });
});
