// A publish that dies part-way leaves the previous site live and whole, and the next run finishes
// the job uploading only what is still missing; a dead run's bytes never outlive it.
import { LOCK_PATH, MANIFEST_PATH, PENDING_PATH, manifestHistoryPath, readManifest } from '../../pipeline/publish/manifest.ts';
import { AIR, C1, C2, C3, V2_CHANGED_FEEDS, V2_CHANGED_OTHER, V2_CHANGED_PAGES, V2_NEW_HASHED, siteV1, siteV2 } from './site-fixture.ts';
import { clockAt, crashingOn, failure, publishFiles, recording, text, useTargets } from './support.ts';

const suite = useTargets();
const isPage = (p: string) => p.endsWith('.html') && !p.startsWith('_citydash/');

describe.each(suite.kinds)('%# interrupted publish', (kind) => {
  test(`${kind.kind}: killed after the assets stage: the old site stays live, the next run completes it`, async () => {
    const real = recording(await kind.make());
    const clock = clockAt('2026-11-28T21:00:00Z');
    const v1 = siteV1();
    const v2 = siteV2();
    await publishFiles(suite.tmp(), real, v1, C1, clock);
    clock.advanceDays(1);

    const err = await failure(publishFiles(suite.tmp(), crashingOn(real, isPage), v2, C2, clock));
    expect(err.message).toMatch(/simulated crash before writing .*index\.html/);
    // Readers still get cycle 1: its manifest, its pages, its data files.
    expect((await readManifest(real))?.manifest.cycle).toBe(C1);
    for (const p of V2_CHANGED_PAGES) expect(text((await real.get(p))?.body)).toBe(v1[p]);
    expect(text((await real.get('ko/changes.xml'))?.body)).toBe(v1['ko/changes.xml']);
    expect(text((await real.get(AIR.v1.csv))?.body)).toBe(v1[AIR.v1.csv]);
    // The hashed files went up first; the lock was released; the journal stays for the next run.
    expect(text((await real.get(AIR.v2.csv))?.body)).toBe(v2[AIR.v2.csv]);
    expect(await real.get(LOCK_PATH)).toBeNull();
    expect(await real.get(PENDING_PATH)).not.toBeNull();

    real.reset();
    const { result } = await publishFiles(suite.tmp(), real, v2, C2, clock);
    const writes = real.log.puts.filter((p) => p !== LOCK_PATH && p !== PENDING_PATH);
    expect([...writes].sort()).toEqual([
      ...V2_CHANGED_PAGES, ...V2_CHANGED_FEEDS, `_citydash/cycles/${C2}.json`, manifestHistoryPath(C2), MANIFEST_PATH,
    ].sort());
    // Hashed files, page copies and Pagefind's entry were already there with these exact bytes.
    expect(result.alreadyOnTarget).toBe(V2_NEW_HASHED.length + V2_CHANGED_OTHER.length);
    expect((await readManifest(real))?.manifest.cycle).toBe(C2);
    for (const p of V2_CHANGED_PAGES) expect(text((await real.get(p))?.body)).toBe(v2[p]);
    expect(await real.get(PENDING_PATH)).toBeNull();
  });

  test(`${kind.kind}: the run after a crash builds the old site again: the dead run's bytes are replaced and its files retired`, async () => {
    const real = recording(await kind.make());
    const clock = clockAt('2026-11-28T21:00:00Z');
    const v1 = siteV1();
    await publishFiles(suite.tmp(), real, v1, C1, clock);
    clock.advanceDays(1);
    // Dies after the "other" stage overwrote Pagefind's entry (unhashed) with v2's.
    await failure(publishFiles(suite.tmp(), crashingOn(real, isPage), siteV2(), C2, clock));
    expect(text((await real.get('pagefind/pagefind-entry.json'))?.body)).toBe(siteV2()['pagefind/pagefind-entry.json']);

    real.reset();
    clock.advanceDays(1);
    const { result } = await publishFiles(suite.tmp(), real, v1, C3, clock);
    // The manifest says "unchanged" for it, but the journal says the dead run touched it.
    expect(real.log.puts).toContain('pagefind/pagefind-entry.json');
    expect(text((await real.get('pagefind/pagefind-entry.json'))?.body)).toBe(v1['pagefind/pagefind-entry.json']);
    // Files only the dead run uploaded are retired like any unused file.
    expect(result.retired).toEqual(expect.arrayContaining([AIR.v2.csv, AIR.v2.json, AIR.v2.snapshot]));
    expect(result.retired).not.toContain(`_citydash/cycles/${C2}.json`);
    expect(await real.get(PENDING_PATH)).toBeNull();
  });

  test(`${kind.kind}: a failed upload is retried and leaves nothing half-done`, async () => {
    const real = await kind.make();
    let failures = 0;
    const flaky = {
      ...real,
      name: real.name,
      atomicCreate: real.atomicCreate,
      get: real.get.bind(real),
      list: real.list.bind(real),
      delete: real.delete.bind(real),
      async put(p: string, body: Uint8Array, o: Parameters<typeof real.put>[2]) {
        if (p === AIR.v1.csv && failures < 2) {
          failures++;
          throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        }
        return real.put(p, body, o);
      },
    };
    const { result } = await publishFiles(suite.tmp(), flaky, siteV1(), C1, clockAt('2026-11-28T21:00:00Z'));
    expect(failures).toBe(2);
    expect(result.uploads.map((u) => u.path)).toContain(AIR.v1.csv);
    expect(text((await real.get(AIR.v1.csv))?.body)).toBe(siteV1()[AIR.v1.csv]);
  });
});
