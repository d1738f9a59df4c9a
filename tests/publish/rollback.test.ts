// rollbackTo: republish an earlier cycle's manifest, restore its pages from their copies,
// un-retire its files, record the rollback as a cycle; refuse when a needed file is gone.
import { LOCK_PATH, MANIFEST_PATH, cyclePath, manifestHistoryPath, readManifest } from '../../pipeline/publish/manifest.ts';
import { RollbackError, rollbackId, rollbackTo } from '../../pipeline/publish/rollback.ts';
import { AIR, C1, C2, C3, V2_CHANGED_FEEDS, V2_CHANGED_OTHER, V2_CHANGED_PAGES, siteV1, siteV2 } from './site-fixture.ts';
import { FAST, clockAt, failure, makeEffects, publishFiles, recording, text, useTargets } from './support.ts';

const suite = useTargets();

describe.each(suite.kinds)('%# rollback', (kind) => {
  test(`${kind.kind}: rolls back to an earlier cycle and records it in the change log`, async () => {
    const target = recording(await kind.make());
    const clock = clockAt('2026-11-28T21:00:00Z');
    const v1 = siteV1();
    const v2 = siteV2();
    const first = await publishFiles(suite.tmp(), target, v1, C1, clock);
    clock.advanceDays(1);
    await publishFiles(suite.tmp(), target, v2, C2, clock);
    clock.advanceDays(0.5);
    target.reset();

    const { effects, log } = makeEffects(clock);
    const result = await rollbackTo(target, C1, clock.now, effects, FAST);
    const id = rollbackId(clock.now);
    expect(id).toBe('2026-11-30T090000Z-rollback');
    expect(result).toMatchObject({ cycle: id, to: C1, from: C2 });
    const restored = [...V2_CHANGED_PAGES, ...V2_CHANGED_FEEDS, ...V2_CHANGED_OTHER].sort();
    expect(result.restored).toEqual(restored);
    for (const p of restored) expect(text((await target.get(p))?.body)).toBe(v1[p]);
    expect(target.log.puts.filter((p) => p !== LOCK_PATH).sort()).toEqual([...restored, cyclePath(id), manifestHistoryPath(id), MANIFEST_PATH].sort());
    expect(target.log.deletes).toEqual([LOCK_PATH]);

    const live = (await readManifest(target))?.manifest;
    expect(live).toMatchObject({ cycle: id, previousCycle: C2, rollback: { to: C1, from: C2 }, cycles: [C1, C2, id] });
    expect(live?.files).toEqual(first.result.manifest.files);
    // v1's files are in use again; v2's start their grace period (still there for open tabs).
    expect(Object.keys(live?.retired ?? {})).not.toContain(AIR.v1.csv);
    expect(live?.retired[AIR.v2.csv]).toBe(clock.now.toISOString());
    expect(await target.get(AIR.v2.csv)).not.toBeNull();
    expect(JSON.parse(text((await target.get(cyclePath(id)))?.body))).toEqual({ kind: 'rollback', id, to: C1, from: C2, at: clock.now.toISOString() });
    expect(log.lines.join('\n')).toContain(`back from ${C2} to ${C1} (9 pages restored); recorded as ${id}`);

    // The next cycle publishes on top of the rollback like on any other cycle.
    clock.advanceDays(0.5);
    target.reset();
    const next = await publishFiles(suite.tmp(), target, v2, C3, clock);
    expect(next.result.previousCycle).toBe(id);
    expect(next.result.changedPages).toEqual(restored);
    expect(next.result.uploads.filter((u) => u.stage === 'immutable')).toEqual([]);
    expect(text((await target.get('ko/index.html'))?.body)).toBe(v2['ko/index.html']);
  });

  test(`${kind.kind}: refuses, changing nothing, when a file of that cycle is gone or the cycle is unknown`, async () => {
    const target = recording(await kind.make());
    const clock = clockAt('2026-11-28T21:00:00Z');
    await publishFiles(suite.tmp(), target, siteV1(), C1, clock);
    clock.advanceDays(1);
    await publishFiles(suite.tmp(), target, siteV2(), C2, clock);
    await target.delete([AIR.v1.json]);
    target.reset();

    const { effects } = makeEffects(clock);
    const gone = await failure(rollbackTo(target, C1, clock.now, effects, FAST));
    expect(gone).toBeInstanceOf(RollbackError);
    expect(gone.message).toBe(`${target.name}: cannot roll back to ${C1}: 1 of its files are gone from the target (deleted after the grace period), e.g. ${AIR.v1.json}; nothing was changed`);
    expect(target.log.puts).toEqual([LOCK_PATH]);
    expect((await readManifest(target))?.manifest.cycle).toBe(C2);

    const unknown = await failure(rollbackTo(target, '2020-01-01T0000Z', clock.now, effects, FAST));
    expect(unknown.message).toContain(`no published cycle "2020-01-01T0000Z" (no _citydash/manifests/2020-01-01T0000Z.json); recent cycles: ${C2}, ${C1}`);
    const live = await failure(rollbackTo(target, C2, clock.now, effects, FAST));
    expect(live.message).toContain(`cycle ${C2} is already the live one`);
  });
});
