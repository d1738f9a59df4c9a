// A server that answers with an HTML page where data or a short status was expected: an HTTP
// source's login page (200, text/html) and a purge webhook's proxy error page (501) are named
// in one short line, never quoted whole; quoted input says how much was left out.
import { fetchDataset } from '../../pipeline/extract/index.ts';
import { quote } from '../../pipeline/errors.ts';
import { webhookPurge } from '../../pipeline/publish/purge-webhook.ts';
import { HeaderMismatchError } from '../../pipeline/validate/header-map.ts';
import { ReportBuilder } from '../../pipeline/validate/report.ts';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.ts';
import { descriptor, tempDir, testEffects } from '../validate/helpers.ts';

const LOGIN = `<!DOCTYPE html>
<html lang="ko"><head><title>서울시 행정포털 로그인</title>
<style>body { font-family: sans-serif; } ${'.x{color:red}'.repeat(200)}</style>
<script>var csrf = "${'a'.repeat(500)}";</script></head>
<body><form method="post" action="/login"><label>아이디 <input name="id"></label>
<label>비밀번호 <input name="pw" type="password"></label><button>로그인</button></form>
${'<p>이용 약관 안내 문구입니다.</p>'.repeat(300)}</body></html>`;

let server: TestHttpServer;
let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  server = await startHttpServer();
  dir = await tempDir('citydash-html-');
});
afterEach(async () => {
  await server?.close();
  await dir?.cleanup();
});

test('an HTML login page instead of CSV is one short error, not the page as headers', async () => {
  server.route('/air.csv', { headers: { 'content-type': 'text/html; charset=utf-8' }, body: LOGIN });
  const ds = descriptor({ extract: { kind: 'http', url: server.url('/air.csv'), format: 'csv' } });
  const r = await fetchDataset(ds, { catalogRoot: dir.path, work: dir.work, offline: false, effects: testEffects() });
  expect(r.state).toBe('failed');
  expect(r.fetch.error).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/air\.csv: the server answered with an HTML page \(a login or error page\?\) instead of CSV: "서울시 행정포털 로그인 아이디 비밀번호 로그인 이용 약관/);
  expect(r.fetch.error).toMatch(/…" \([\d,]+ more characters\)$/);
  expect(r.fetch.error).not.toMatch(/<|csrf|font-family|headers are/);
  expect(r.fetch.error!.length).toBeLessThan(260);
});

test('a CSV sent as text/html is still read as CSV', async () => {
  server.route('/air.csv', { headers: { 'content-type': 'text/html' }, body: '측정일시,측정소명,미세먼지농도(㎍/㎥)\n20180101,강남구,34\n' });
  const ds = descriptor({ extract: { kind: 'http', url: server.url('/air.csv'), format: 'csv' } });
  const r = await fetchDataset(ds, { catalogRoot: dir.path, work: dir.work, offline: false, effects: testEffects() });
  expect(r.state).toBe('fresh');
});

test('a purge webhook answering 501 with an HTML page: the status and a little of its text', async () => {
  const page = `<html><head><title>501 Not Implemented</title></head><body><h1>Not Implemented</h1><p>${'POST to /purge is not supported by this proxy. '.repeat(40)}</p><hr><address>nginx</address></body></html>`;
  server.route('/purge', { status: 501, headers: { 'content-type': 'text/html' }, body: page });
  const hook = webhookPurge(server.url('/purge'), { attempts: 1 });
  const err = await hook.purge(['/ko/'], { cycle: '2026-11-28T2100Z', effects: testEffects() }).then(() => null, (e: Error) => e);
  expect(err?.message).toMatch(/^purge via webhook http:\/\/127\.0\.0\.1:\d+\/purge: HTTP 501: an HTML page: "501 Not Implemented Not Implemented POST to \/purge is not supported/);
  expect(err?.message).toMatch(/…" \([\d,]+ more characters\)$/);
  expect(err?.message).not.toContain('<');
  expect(err!.message.length).toBeLessThan(260);
});

test('quoted input is capped, saying how much more there was; header lists too', () => {
  expect(quote('짧은 값')).toBe('"짧은 값"');
  expect(quote('가'.repeat(200), 120)).toBe(`"${'가'.repeat(119)}…" (81 more characters)`);
  const headers = Array.from({ length: 500 }, (_, i) => `<td class="c${i}">${'x'.repeat(300)}</td>`);
  const e = new HeaderMismatchError('data.csv', [{ column: 'pm10', expected: ['PM10'] }], headers);
  expect(e.message).toMatch(/the file's headers are "<td class=\\"c0\\">x+…" \(\d+ more characters\), /);
  expect(e.message).toMatch(/ and 470 more$/);
  expect(e.message.length).toBeLessThan(4000);
  // A rejected cell of 5,000 characters: the message quotes 60, the report keeps 200.
  const r = new ReportBuilder('air').reject({ file: 'data.csv', line: 3 }, 'pm10', '9'.repeat(5000), 'type', 'is not a number');
  expect(r.message).toBe(`line 3, column pm10: "${'9'.repeat(59)}…" (4,941 more characters) is not a number`);
  expect(r.value).toBe(`${'9'.repeat(199)}… (4,801 more characters)`);
});
