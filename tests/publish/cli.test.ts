// `citydash publish` and `citydash rollback` through commander: options, --json, --dry-run,
// --help with examples, the datasets from the work dir, and clear exit-1 errors.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { register as registerPublish, runPublishCommand } from '../../pipeline/cli/commands/publish.ts';
import { register as registerRollback } from '../../pipeline/cli/commands/rollback.ts';
import { CitydashError } from '../../pipeline/errors.ts';
import { dirTarget } from '../../pipeline/publish/dir-target.ts';
import { LOCK_PATH, readManifest, snapshotPath } from '../../pipeline/publish/manifest.ts';
import { BUCKET, S3_ENV, clockAt, failure, makeEffects, uniqueName, useTargets, writeSite } from './support.ts';
import { C1, C2, siteV1, siteV2 } from './site-fixture.ts';

const suite = useTargets();

function program() {
  let help = '';
  let code = 0;
  const p = new Command('citydash').exitOverride().configureOutput({ writeOut: (s) => { help += s; }, writeErr: (s) => { help += s; } });
  registerPublish(p, (c) => { code = c; });
  registerRollback(p, (c) => { code = c; });
  return { p, help: () => help, code: () => code };
}

async function capture(run: () => Promise<unknown>): Promise<string> {
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => { out += chunk.toString(); return true; }) as typeof process.stdout.write;
  try {
    await run();
  } finally {
    process.stdout.write = write;
  }
  return out;
}

async function project(files: Record<string, string | Uint8Array>) {
  const root = join(suite.tmp(), uniqueName('proj'));
  await writeSite(join(root, 'dist', 'site'), files);
  const rows = '{"gu":"종로구","cctv":1772}\n';
  const hash = createHash('sha256').update(rows).digest('hex');
  await mkdir(join(root, 'work', 'data'), { recursive: true });
  await writeFile(join(root, 'work', 'data', 'cctv.ndjson'), rows);
  await writeFile(join(root, 'work', 'data', 'cctv.meta.json'), JSON.stringify({ id: 'cctv', rows: 1, hash, schemaHash: 's', columns: {}, validation: {}, fetch: { outcome: 'fresh', source: 'x', fetchedAt: '2026-11-28T21:00:00.000Z', sample: true } }));
  return { root, out: join(root, 'dist'), work: join(root, 'work'), hash };
}

const common = (proj: { out: string; work: string; root: string }) => ['--out', proj.out, '--work', proj.work, '--catalog', proj.root, '--quiet'];

test('--help shows the options and an example for both commands', async () => {
  for (const cmd of ['publish', 'rollback']) {
    const { p, help } = program();
    await expect(p.parseAsync(['node', 'citydash', cmd, '--help'])).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
    expect(help()).toContain('--target <target>');
    expect(help()).toContain('--endpoint <url>');
    expect(help()).toContain('--force-path-style');
    expect(help()).toContain('Examples:');
    expect(help()).toContain(`$ citydash ${cmd} --target`);
  }
  const { p, help } = program();
  await expect(p.parseAsync(['node', 'citydash', 'publish', '--help'])).rejects.toThrow();
  for (const flag of ['--dry-run', '--grace-days <n>', '--purge-webhook <url>', '--cloudfront-distribution <id>', '--json']) expect(help()).toContain(flag);
});

test('publish --dry-run --json, then publish --json, then rollback --json', async () => {
  const proj = await project(siteV1());
  const targetDir = join(suite.tmp(), uniqueName('www'));
  const dry = JSON.parse(await capture(() => program().p.parseAsync(['node', 'citydash', 'publish', '--target', `dir:${targetDir}`, '--dry-run', '--json', ...common(proj)])));
  expect(dry).toMatchObject({ dryRun: true, cycle: C1, previousCycle: null, retired: [], deleted: [] });
  expect(dry.stages.manifest).toBe(1);
  expect(await dirTarget(targetDir).list()).toEqual([]);

  const run = program();
  const real = JSON.parse(await capture(() => run.p.parseAsync(['node', 'citydash', 'publish', '--target', `dir:${targetDir}`, '--json', ...common(proj)])));
  expect(run.code()).toBe(0);
  expect(real.uploads).toEqual(dry.uploads);
  const live = (await readManifest(dirTarget(targetDir)))?.manifest;
  // The cycle id comes from the build marker; the datasets and their rows from the work dir.
  expect(live?.cycle).toBe(C1);
  expect(live?.datasets.cctv.snapshot).toBe(snapshotPath('cctv', proj.hash));
  expect((await dirTarget(targetDir).get(snapshotPath('cctv', proj.hash)))).not.toBeNull();

  const proj2 = await project(siteV2());
  await capture(() => program().p.parseAsync(['node', 'citydash', 'publish', '--target', `dir:${targetDir}`, '--grace-days', '3', ...common(proj2)]));
  expect((await readManifest(dirTarget(targetDir)))?.manifest.cycle).toBe(C2);
  const rb = JSON.parse(await capture(() => program().p.parseAsync(['node', 'citydash', 'rollback', '--target', `dir:${targetDir}`, '--to', C1, '--json', ...common(proj)])));
  expect(rb).toMatchObject({ to: C1, from: C2 });
  expect(rb.restored).toContain('ko/index.html');
  expect((await readManifest(dirTarget(targetDir)))?.manifest.rollback).toEqual({ to: C1, from: C2 });
});

test('errors the user can act on exit with code 1 and one clear line', async () => {
  const proj = await project(siteV1());
  const targetDir = join(suite.tmp(), uniqueName('www'));
  const bad = await failure(program().p.parseAsync(['node', 'citydash', 'publish', '--target', 'ftp://x', ...common(proj)]));
  expect(bad).toBeInstanceOf(CitydashError);
  expect((bad as CitydashError).exitCode).toBe(1);
  expect(bad.message).toBe('--target "ftp://x": expected dir:PATH or s3://bucket/prefix');

  // Another machine is publishing: its lock is live.
  const holder = { token: 't', owner: 'ci-runner-7:4242', hostId: 'elsewhere', pid: 4242, purpose: `publish ${C2}`, acquiredAt: '2026-11-28T21:00:00.000Z', expiresAt: '2999-01-01T00:00:00.000Z' };
  await dirTarget(targetDir).put(LOCK_PATH, new TextEncoder().encode(JSON.stringify(holder)), { contentType: 'application/json', cacheControl: 'no-cache' });
  const held = await failure(program().p.parseAsync(['node', 'citydash', 'publish', '--target', `dir:${targetDir}`, ...common(proj)]));
  expect(held).toBeInstanceOf(CitydashError);
  expect((held as CitydashError).exitCode).toBe(1);
  expect(held.message).toContain(`is being published by ci-runner-7:4242 (publish ${C2}) since 2026-11-28T21:00:00.000Z; stopped without changing anything`);

  const both = await failure(program().p.parseAsync(['node', 'citydash', 'publish', '--target', `dir:${targetDir}`, '--purge-webhook', 'http://x/p', '--cloudfront-distribution', 'E2QWRUHAPOMQZL', ...common(proj)]));
  expect(both.message).toBe('choose one of --purge-webhook and --cloudfront-distribution');
  const noSite = await failure(program().p.parseAsync(['node', 'citydash', 'publish', '--target', `dir:${targetDir}`, '--site', join(proj.root, 'nope'), ...common(proj)]));
  expect(noSite.message).toMatch(/nope: no built site here \(run `citydash build` first\)/);
  const unknown = await failure(program().p.parseAsync(['node', 'citydash', 'rollback', '--target', `dir:${join(suite.tmp(), uniqueName('empty'))}`, '--to', C1, ...common(proj)]));
  expect(unknown.message).toMatch(/nothing has been published here yet/);
  const missingTo = await failure(program().p.parseAsync(['node', 'citydash', 'rollback', '--target', `dir:${targetDir}`]));
  expect(missingTo.message).toMatch(/required option '--to <cycle>' not specified/);
});

test('publish to s3:// with --endpoint and --force-path-style; credentials only from the environment', async () => {
  const proj = await project(siteV1());
  const clock = clockAt('2026-11-28T21:00:00Z');
  const { effects, log } = makeEffects(clock, S3_ENV);
  const spec = `s3://${BUCKET}/${uniqueName('cli')}`;
  const { code, result } = await runPublishCommand({
    target: spec, endpoint: suite.s3().endpoint, forcePathStyle: true, out: proj.out, work: proj.work, catalog: proj.root, concurrency: '4',
  }, effects);
  expect(code).toBe(0);
  expect(result.target).toBe(spec);
  expect(result.manifest.cycle).toBe(C1);
  expect(log.lines.join('\n')).not.toContain(S3_ENV.AWS_SECRET_ACCESS_KEY);
  const err = await failure(runPublishCommand({ target: spec, endpoint: suite.s3().endpoint, forcePathStyle: true, out: proj.out, work: proj.work, catalog: proj.root, graceDays: 'soon' }, effects));
  expect(err.message).toBe('--grace-days "soon": expected a number');
});
