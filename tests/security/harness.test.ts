// The harness itself: the untouched catalog copy passes every command and publishes everything
// (so a case's failures are the hostile file's doing), and the forbidden-byte scan finds what it
// is meant to find (a scan that cannot fail would let every case pass).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { builtPages, CANARY_ENV, checkReport, citydash, FORBIDDEN, forbiddenBytes, publishedDatasets, SECURITY_SUBSET, securityCatalog, type SecurityCatalog } from './harness.ts';

let cat: SecurityCatalog;
beforeAll(async () => {
  cat = await securityCatalog();
});
afterAll(() => cat?.cleanup());

test('the catalog copy passes check, run and build, publishing every dataset and chart, with no forbidden byte', async () => {
  const check = await citydash(cat, 'check');
  expect(checkReport(check)).toMatchObject({ ok: true, errors: 0 });
  expect(check.code).toBe(0);
  const run = await citydash(cat, 'run');
  expect(run.code).toBe(0);
  expect(await publishedDatasets(cat)).toEqual([...SECURITY_SUBSET.datasets].sort());
  expect((await builtPages(cat.target)).charts).toEqual([...SECURITY_SUBSET.charts].sort());
  const build = await citydash(cat, 'build');
  expect(build.code).toBe(0);
  expect(await builtPages(join(cat.out, 'site'))).toEqual({ datasets: [...SECURITY_SUBSET.datasets].sort(), charts: [...SECURITY_SUBSET.charts].sort() });
  expect(await forbiddenBytes(cat, [check, run, build])).toEqual([]);
});

test('the scan finds a canary or a line of /etc/passwd wherever it was written', async () => {
  expect(FORBIDDEN.some((n) => n.label.startsWith('/etc/passwd'))).toBe(true);
  const passwd = FORBIDDEN.find((n) => n.label.startsWith('/etc/passwd field'))!;
  await writeFile(join(cat.target, 'en', 'leak.html'), `<p>${CANARY_ENV.AWS_SECRET_ACCESS_KEY}</p>`);
  await writeFile(join(cat.work, 'leak.json'), JSON.stringify({ shell: passwd.bytes.toString() }));
  const run = { command: 'run' as const, args: [], code: 0, signal: null, killed: false, stdout: '', stderr: `error: ${CANARY_ENV.CITYDASH_PURGE_TOKEN}` };
  const hits = await forbiddenBytes(cat, [run]);
  expect(hits).toEqual(expect.arrayContaining([
    { where: join(cat.target, 'en', 'leak.html'), label: 'the value of AWS_SECRET_ACCESS_KEY' },
    { where: join(cat.work, 'leak.json'), label: passwd.label },
    { where: 'stderr of run', label: 'the value of CITYDASH_PURGE_TOKEN' },
  ]));
});
