// `citydash run` exit codes (docs/architecture.md §3): 0 all fresh; 2 something stale or failed but the
// site was published; 1 nothing could be published. The command is registered on a fresh
// commander program with an injected clock and environment.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerRun } from '../../pipeline/cli/commands/run.ts';
import { memoryLogger } from '../../pipeline/log.ts';
import { editFile, tempCatalog, type TempCatalog } from './helpers/catalog.ts';
import { exists, read, visibleText } from './helpers/site.ts';

const T = new Date('2026-11-28T21:00:00Z');
const DAY = 24 * 3_600_000;
let cat: TempCatalog;
let summary: string;

beforeAll(async () => {
  cat = await tempCatalog({ datasets: ['cctv-by-gu'], charts: [] }, new Date(T.getTime() - 3_600_000));
  summary = join(await mkdtemp(join(tmpdir(), 'citydash-summary-')), 'summary.md');
});
afterAll(async () => {
  await cat?.cleanup();
  if (summary) await rm(join(summary, '..'), { recursive: true, force: true });
});

async function run(at: Date, extra: string[] = []): Promise<{ code: number; json: Record<string, unknown> }> {
  const program = new Command('citydash').exitOverride();
  let code = -1;
  let out = '';
  const effects = { fetch: globalThis.fetch, now: () => at, log: memoryLogger(), env: { GITHUB_STEP_SUMMARY: summary } };
  registerRun({ effects, stdout: (t) => { out += t; } })(program, (c) => { code = c; });
  await program.parseAsync(['node', 'citydash', 'run', '--catalog', cat.root, '--out', cat.out, '--work', cat.work, '--target', `dir:${cat.target}`, '--json', ...extra]);
  return { code, json: JSON.parse(out) as Record<string, unknown> };
}

const liveCycle = async () => (JSON.parse(await read(cat.target, '_citydash/manifest.json')) as { cycle: string }).cycle;

test('0 when nothing failed (an overdue dataset is the department\'s delay, not a failure)', async () => {
  const r = await run(T);
  expect(r.code).toBe(0);
  expect(r.json).toMatchObject({ exitCode: 0, published: true, previous: null, counts: { datasets: 1, new: 1, failed: 0 } });
});

test('2 when a source fails but the site, with its last good data, is published', async () => {
  await editFile(join(cat.root, cat.descriptor('cctv-by-gu')), (t) => t.replace('path: samples/cctv-by-gu.csv', 'path: samples/moved-away.csv'), new Date(T.getTime() + DAY - 3_600_000));
  const r = await run(new Date(T.getTime() + DAY));
  expect(r.code).toBe(2);
  const ds = (r.json.datasets as Array<Record<string, unknown>>)[0]!;
  expect(ds).toMatchObject({ id: 'cctv-by-gu', fetch: 'failed', failed: { stage: 'fetch' }, stale: { since: new Date(T.getTime() + DAY).toISOString() }, rows: { before: 25, after: 25 } });
  expect((ds.failed as { reason: string }).reason).toContain('moved-away.csv');
  expect(await liveCycle()).toBe('2026-11-29T2100Z');
  const page = visibleText(await read(cat.target, 'en/datasets/cctv-by-gu/index.html'));
  expect(page).toContain('Delayed since 30 November 2026');
  expect(page).toContain('moved-away.csv');
});

test('on an empty disk (a CI job) the failing dataset\'s last good data is read back from the target', async () => {
  await rm(cat.work, { recursive: true, force: true });
  const r = await run(new Date(T.getTime() + DAY + 3_600_000));
  expect(r.code).toBe(2);
  const ds = (r.json.datasets as Array<Record<string, unknown>>)[0]!;
  // Still delayed since the first failure, with all 25 rows from the published snapshot.
  expect(ds).toMatchObject({ change: 'unchanged', stale: { since: new Date(T.getTime() + DAY).toISOString() }, rows: { before: 25, after: 25 } });
  const rows = (await readFile(join(cat.work, 'data', 'cctv-by-gu.ndjson'), 'utf8')).trim().split('\n');
  expect(rows).toHaveLength(25);
  expect(await liveCycle()).toBe('2026-11-29T2200Z');
});

test('1 when the site cannot be built: nothing is published and the target keeps the last cycle', async () => {
  const site = join(cat.dir, 'not-ours');
  await mkdir(join(site, 'site'), { recursive: true });
  await writeFile(join(site, 'site', 'index.html'), 'someone else\'s site');
  const program = new Command('citydash').exitOverride();
  let code = -1;
  let out = '';
  const effects = { fetch: globalThis.fetch, now: () => new Date(T.getTime() + 2 * DAY), log: memoryLogger(), env: { GITHUB_STEP_SUMMARY: summary } };
  registerRun({ effects, stdout: (t) => { out += t; } })(program, (c) => { code = c; });
  await program.parseAsync(['node', 'citydash', 'run', '--catalog', cat.root, '--out', site, '--work', cat.work, '--target', `dir:${cat.target}`, '--json']);
  expect(code).toBe(1);
  expect(JSON.parse(out)).toMatchObject({ exitCode: 1, published: false, error: expect.stringContaining('could not be built') });
  expect(await liveCycle()).toBe('2026-11-29T2200Z');
  expect(await exists(cat.target, '_citydash/cycles/2026-11-30T2100Z.json')).toBe(false);
});

test('1 when the published state cannot be read from the target', async () => {
  const file = join(cat.dir, 'a-file');
  await writeFile(file, 'not a folder');
  const program = new Command('citydash').exitOverride();
  let code = -1;
  let out = '';
  const effects = { fetch: globalThis.fetch, now: () => new Date(T.getTime() + 3 * DAY), log: memoryLogger(), env: {} };
  registerRun({ effects, stdout: (t) => { out += t; } })(program, (c) => { code = c; });
  await program.parseAsync(['node', 'citydash', 'run', '--catalog', cat.root, '--out', cat.out, '--work', cat.work, '--target', `dir:${file}`, '--json']);
  expect(code).toBe(1);
  expect(JSON.parse(out)).toMatchObject({ exitCode: 1, published: false, error: expect.stringContaining('cannot read the published state') });
});

test('$GITHUB_STEP_SUMMARY got every run\'s Markdown, including the one that published nothing', async () => {
  const md = await readFile(summary, 'utf8');
  expect(md.match(/^## .*$/gm)).toEqual([
    // The CCTV counts are as of 2016 (time.asOf): overdue in every run, which is not a failure.
    '## 2026-11-29 06:00 update: first publish: 1 dataset, 1 overdue',
    '## 2026-11-30 06:00 update: 1 dataset failed, 1 overdue',
    '## 2026-11-30 07:00 update: 1 dataset failed, 1 overdue',
    '## 2026-12-01 06:00 update: 1 dataset failed, 1 overdue',
  ]);
  expect(md).toContain('| cctv-by-gu | failed | failed (fetch) | 25 | overdue, stale since 2026-11-29 |');
  expect(md).toMatch(/\*\*Not published:\*\* the site could not be built: .*not-ours/);
});
