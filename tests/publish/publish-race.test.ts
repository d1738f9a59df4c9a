// Two publishers on one target: the second stops with a clear message and changes nothing; a
// publisher whose lock expired and was taken over stops before its manifest; a cycle whose
// starting manifest is no longer live stops too.
import { join } from 'node:path';
import { acquireLock, LockHeldError } from '../../pipeline/publish/lock.ts';
import { LOCK_PATH, PENDING_PATH, readManifest } from '../../pipeline/publish/manifest.ts';
import { publishSite } from '../../pipeline/publish/publish.ts';
import { PreconditionFailedError, type Target } from '../../pipeline/publish/target.ts';
import { C1, C2, C3, siteV1, siteV2 } from './site-fixture.ts';
import { FAST, clockAt, failure, makeEffects, pausingOn, publishFiles, recording, text, uniqueName, useTargets, writeSite } from './support.ts';

const suite = useTargets();
const isPage = (p: string) => p.endsWith('.html') && !p.startsWith('_citydash/');

describe.each(suite.kinds)('%# racing publishers', (kind) => {
  test(`${kind.kind}: the second publisher stops (lock held) and changes nothing; the first completes`, async () => {
    const real = await kind.make();
    const clock = clockAt('2026-11-28T21:00:00Z');
    await publishFiles(suite.tmp(), real, siteV1(), C1, clock);
    const a = pausingOn(real, isPage);
    const runA = publishFiles(suite.tmp(), a.target, siteV2(), C2, clock);
    await a.reached;

    const b = recording(real);
    const err = await failure(publishFiles(suite.tmp(), b, siteV1(), C3, clock));
    expect(err).toBeInstanceOf(LockHeldError);
    expect(err).toBeInstanceOf(PreconditionFailedError);
    expect(err.message).toMatch(new RegExp(`${real.name.replace(/[/.]/g, '.')} is being published by .*:${process.pid} \\(publish ${C2}\\) since 2026-11-28T21:00:00.000Z; stopped without changing anything`));
    expect(b.log).toEqual({ puts: [], deletes: [] });

    a.release();
    const { result } = await runA;
    expect(result.cycle).toBe(C2);
    expect((await readManifest(real))?.manifest.cycle).toBe(C2);
    expect(await real.get(LOCK_PATH)).toBeNull();
  });

  test(`${kind.kind}: a publisher whose lock expired and was taken over stops before writing its manifest`, async () => {
    const real = await kind.make();
    const clockA = clockAt('2026-11-28T21:00:00Z');
    await publishFiles(suite.tmp(), real, siteV1(), C1, clockA);
    // A stalls right after taking the lock (before its first upload)...
    const a = pausingOn(real, (p) => p === PENDING_PATH);
    const runA = publishFiles(suite.tmp(), a.target, siteV2(), C2, clockA, { lock: { settleMs: 0, ttlMs: 60_000 } });
    await a.reached;
    // ...long enough for its lock to expire: B takes over and publishes.
    const clockB = clockAt('2026-11-28T22:00:00Z');
    const b = await publishFiles(suite.tmp(), real, siteV1(), C3, clockB);
    expect(b.log.lines.join('\n')).toMatch(/taking over a stale publish lock of .* \(publish 2026-11-29T2100Z, expired 2026-11-28T21:01:00.000Z\)/);

    a.release();
    const err = await failure(runA);
    expect(err).toBeInstanceOf(PreconditionFailedError);
    expect(err.message).toMatch(/lost its lock .* stopped before writing the manifest/);
    const live = await readManifest(real);
    expect(live?.manifest.cycle).toBe(C3);
    for (const p of ['ko/index.html', 'en/index.html']) expect(text((await real.get(p))?.body)).toBe(siteV1()[p]);
  });

  test(`${kind.kind}: two lock writers at the same moment: exactly one proceeds`, async () => {
    const real = await kind.make();
    const { effects } = makeEffects(clockAt('2026-11-28T21:00:00Z'));
    // Staged interleaving: both read "no lock", A writes, B writes, then each checks.
    let bGot!: () => void; let aPut!: () => void; let bPut!: () => void;
    const bGotP = new Promise<void>((r) => { bGot = r; });
    const aPutP = new Promise<void>((r) => { aPut = r; });
    const bPutP = new Promise<void>((r) => { bPut = r; });
    let bReads = 0;
    const targetA: Target = { ...bind(real), async put(p, body, o) {
      await bGotP;
      const out = await real.put(p, body, o).finally(aPut);
      await bPutP;
      return out;
    } };
    const targetB: Target = { ...bind(real), async get(p) {
      const out = await real.get(p);
      if (p === LOCK_PATH && bReads++ === 0) bGot();
      return out;
    }, async put(p, body, o) {
      await aPutP;
      return real.put(p, body, o).finally(bPut);
    } };
    const results = await Promise.allSettled([
      acquireLock(targetA, 'publish A', { settleMs: 0 }, effects),
      acquireLock(targetB, 'publish B', { settleMs: 0 }, effects),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(LockHeldError);
    // A folder creates atomically (A wins); s3rver ignores If-None-Match, so the last writer (B) wins on re-read.
    expect(results[kind.kind === 'dir' ? 0 : 1].status).toBe('fulfilled');
    await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLock>>>).value.release();
    expect(await real.get(LOCK_PATH)).toBeNull();
  });

  test(`${kind.kind}: a cycle whose starting manifest is no longer live stops without writing`, async () => {
    const real = await kind.make();
    const clock = clockAt('2026-11-28T21:00:00Z');
    await publishFiles(suite.tmp(), real, siteV1(), C1, clock);
    const startedFrom = await readManifest(real);
    await publishFiles(suite.tmp(), real, siteV2(), C2, clock);

    const rec = recording(real);
    const siteDir = await writeSite(join(suite.tmp(), uniqueName('site')), siteV2());
    const { effects } = makeEffects(clock);
    const err = await failure(publishSite({ siteDir, target: rec, cycle: C3, datasets: {}, now: clock.now, previous: startedFrom, ...FAST }, effects));
    expect(err).toBeInstanceOf(PreconditionFailedError);
    expect(err.message).toContain(`the manifest changed from cycle ${C1} to ${C2} since this cycle read it; another publish ran meanwhile`);
    expect(rec.log.puts).toEqual([LOCK_PATH]);
    expect(rec.log.deletes).toEqual([LOCK_PATH]);
    expect((await readManifest(real))?.manifest.cycle).toBe(C2);

    const first = await failure(publishSite({ siteDir, target: rec, cycle: C3, datasets: {}, now: clock.now, previous: null, ...FAST }, effects));
    expect(first.message).toContain(`a manifest (cycle ${C2}) appeared since this cycle read it`);
  });
});

function bind(t: Target): Target {
  return { name: t.name, atomicCreate: t.atomicCreate, get: (p) => t.get(p), put: (p, b, o) => t.put(p, b, o), list: (p) => t.list(p), delete: (p) => t.delete(p) };
}
