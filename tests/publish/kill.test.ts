// A publisher killed outright (SIGKILL in a child process, after its assets stage): the old
// site stays live, and the next run on this machine takes over the dead process's lock at once
// and completes the publish, uploading only what is missing.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { LOCK_PATH, MANIFEST_PATH, PENDING_PATH, manifestHistoryPath, readManifest } from '../../pipeline/publish/manifest.ts';
import { repoRoot } from '../helpers/paths.ts';
import { AIR, C1, C2, V2_CHANGED_FEEDS, V2_CHANGED_PAGES, siteV1, siteV2 } from './site-fixture.ts';
import { S3_ENV, clockAt, publishFiles, recording, text, uniqueName, useTargets, writeSite } from './support.ts';

const suite = useTargets();

async function killedMidPublish(siteDir: string, spec: string, endpoint: string, now: Date): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'tests/publish/child-publish.ts'), siteDir, spec, endpoint, C2, now.toISOString()], {
    cwd: repoRoot,
    env: { ...process.env, ...S3_ENV, NODE_OPTIONS: '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('PAUSED')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before pausing: ${out}${err}`)));
  });
  child.kill('SIGKILL');
  await exited;
  return child.pid as number;
}

describe.each(suite.kinds)('%# killed publisher', (kind) => {
  test(`${kind.kind}: SIGKILL after the assets stage; the next run takes over and completes`, async () => {
    const real = recording(await kind.make());
    const clock = clockAt('2026-11-28T21:00:00Z');
    const v1 = siteV1();
    const v2 = siteV2();
    await publishFiles(suite.tmp(), real, v1, C1, clock);
    clock.advanceDays(1);
    const siteDir = await writeSite(join(suite.tmp(), uniqueName('site')), v2);
    const spec = kind.kind === 'dir' ? `dir:${real.name.slice('dir:'.length)}` : real.name;
    const pid = await killedMidPublish(siteDir, spec, kind.kind === 's3' ? suite.s3().endpoint : '', clock.now);

    expect((await readManifest(real))?.manifest.cycle).toBe(C1);
    expect(text((await real.get('ko/index.html'))?.body)).toBe(v1['ko/index.html']);
    expect(text((await real.get(AIR.v2.csv))?.body)).toBe(v2[AIR.v2.csv]);
    const lock = JSON.parse(text((await real.get(LOCK_PATH))?.body));
    expect(lock).toMatchObject({ pid, purpose: `publish ${C2}` });

    real.reset();
    const { result, log } = await publishFiles(suite.tmp(), real, v2, C2, clock);
    expect(log.lines.join('\n')).toContain(`taking over a stale publish lock of ${lock.owner} (publish ${C2}, process ${pid} on this machine is gone)`);
    expect(result.cycle).toBe(C2);
    const writes = real.log.puts.filter((p) => p !== LOCK_PATH && p !== PENDING_PATH);
    expect([...writes].sort()).toEqual([...V2_CHANGED_PAGES, ...V2_CHANGED_FEEDS, `_citydash/cycles/${C2}.json`, manifestHistoryPath(C2), MANIFEST_PATH].sort());
    expect(text((await real.get('ko/index.html'))?.body)).toBe(v2['ko/index.html']);
    expect(await real.get(LOCK_PATH)).toBeNull();
  });
});
