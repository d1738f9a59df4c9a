// publishSite against both targets (a folder and a real S3 protocol server): a first publish, a
// cycle with no change, one changed dataset, a dry run and the grace period for retired files.
import { LOCK_PATH, MANIFEST_PATH, PENDING_PATH, blobPath, manifestHistoryPath, readManifest } from '../../pipeline/publish/manifest.ts';
import { STAGES } from '../../pipeline/publish/cache-policy.ts';
import {
  AIR, C1, C2, C3, C4, V2_CHANGED_FEEDS, V2_CHANGED_OTHER, V2_CHANGED_PAGES, V2_NEW_HASHED, siteV1, siteV2,
} from './site-fixture.ts';
import { clockAt, publishFiles, recording, sha256, text, useTargets } from './support.ts';

const suite = useTargets();
const published = (files: Record<string, string | Uint8Array>) => Object.keys(files).filter((p) => p !== '_citydash/build.json').sort();
// Every file whose name carries no content hash (pages, feeds, robots.txt, Pagefind's entry...).
const V1_MUTABLE = [
  'index.html', 'ko/index.html', 'en/index.html', 'ko/datasets/air-quality-daily/index.html', 'en/datasets/air-quality-daily/index.html',
  'ko/datasets/cctv/index.html', 'en/datasets/cctv/index.html', 'ko/charts/pm25/index.html', 'en/charts/pm25/index.html', 'ko/about/index.html',
  'ko/changes/index.html', 'en/changes/index.html', 'assets/favicon.svg', 'favicon.ico', 'sitemap.xml', 'robots.txt', 'catalog.jsonld', 'site.webmanifest', 'pagefind/pagefind.js',
  'pagefind/wasm.en.pagefind', 'pagefind/pagefind-worker.wasm', 'ko/changes.xml', 'en/changes.xml', 'pagefind/pagefind-entry.json',
];
const blobOf = (files: Record<string, string | Uint8Array>, path: string) => blobPath(sha256(files[path]));

describe.each(suite.kinds)('%# publish cycles', (kind) => {
  test(`${kind.kind}: first publish uploads every file, hashed assets first and the manifest last`, async () => {
    const target = recording(await kind.make());
    const v1 = siteV1();
    const { result } = await publishFiles(suite.tmp(), target, v1, C1, clockAt('2026-11-28T21:00:00Z'));

    const site = published(v1);
    const blobs = new Set(V1_MUTABLE.map((p) => blobOf(v1, p)));
    expect(result.files).toBe(site.length);
    expect(result.previousCycle).toBeNull();
    expect(result.uploadedObjects).toBe(site.length + blobs.size + 2);
    const writes = target.log.puts.filter((p) => p !== LOCK_PATH && p !== PENDING_PATH);
    expect([...writes].sort()).toEqual([...site, ...blobs, manifestHistoryPath(C1), MANIFEST_PATH].sort());
    expect(target.log.puts[0]).toBe(LOCK_PATH);
    expect(target.log.puts[1]).toBe(PENDING_PATH);
    expect(target.log.deletes).toEqual([PENDING_PATH, LOCK_PATH]);

    // Upload order: stage by stage, never a page before the hashed files it links.
    const stageOf = new Map(result.uploads.map((u) => [u.path, STAGES.indexOf(u.stage)]));
    const order = writes.map((p) => stageOf.get(p) as number);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(writes.at(-1)).toBe(MANIFEST_PATH);
    expect(writes.at(-2)).toBe(manifestHistoryPath(C1));
    expect(result.uploads.find((u) => u.path === 'ko/index.html')?.stage).toBe('pages');
    expect(result.uploads.find((u) => u.path === 'ko/changes.xml')?.stage).toBe('feeds');
    expect(result.uploads.find((u) => u.path === AIR.v1.csv)?.stage).toBe('immutable');
    expect(result.uploads.find((u) => u.path === `_citydash/cycles/${C1}.json`)?.stage).toBe('state');

    const live = await readManifest(target);
    expect(live?.manifest.cycle).toBe(C1);
    expect(Object.keys(live?.manifest.files ?? {})).toEqual(site);
    expect(live?.manifest.files['ko/index.html']).toEqual({ hash: sha256(v1['ko/index.html']), size: Buffer.byteLength(v1['ko/index.html'] as string) });
    expect(live?.manifest.cycles).toEqual([C1]);
    expect(text((await target.get('ko/index.html'))?.body)).toBe(v1['ko/index.html']);
    expect(await target.get('_citydash/build.json')).toBeNull();
    expect(await target.get(LOCK_PATH)).toBeNull();
    expect(await target.get(PENDING_PATH)).toBeNull();
  });

  test(`${kind.kind}: a cycle with no change writes only the manifest and its copy for rollback`, async () => {
    const target = recording(await kind.make());
    const clock = clockAt('2026-11-28T21:00:00Z');
    const first = await publishFiles(suite.tmp(), target, siteV1(), C1, clock);
    target.reset();
    clock.advanceDays(1);
    const v1Again = { ...siteV1(), '_citydash/build.json': `{"cycle":"${C2}","builtAt":"${clock.now.toISOString()}"}\n` };
    const { result } = await publishFiles(suite.tmp(), target, v1Again, C2, clock);

    expect(target.log.puts).toEqual([LOCK_PATH, manifestHistoryPath(C2), MANIFEST_PATH]);
    expect(target.log.deletes).toEqual([LOCK_PATH]);
    expect(result.uploadedObjects).toBe(2);
    expect(result.unchanged).toBe(result.files);
    expect(result.changedPages).toEqual([]);
    expect(result.retired).toEqual([]);
    const m = (await readManifest(target))?.manifest;
    expect(m?.cycle).toBe(C2);
    expect(m?.previousCycle).toBe(C1);
    expect(m?.cycles).toEqual([C1, C2]);
    expect(m?.files).toEqual(first.result.manifest.files);
    // First publish: 43 site files + 24 page copies for rollback + manifest and its copy.
    expect(first.result.uploadedObjects).toBe(69);
    const manifestBytes = Buffer.byteLength(text((await target.get(MANIFEST_PATH))?.body));
    expect(result.uploadedBytes).toBe(2 * manifestBytes);
  });

  test(`${kind.kind}: one changed dataset writes its data, its pages and feeds, and the manifest`, async () => {
    const target = recording(await kind.make());
    const clock = clockAt('2026-11-28T21:00:00Z');
    const v1 = siteV1();
    const v2 = siteV2();
    await publishFiles(suite.tmp(), target, v1, C1, clock);
    target.reset();
    clock.advanceDays(1);
    const { result } = await publishFiles(suite.tmp(), target, v2, C2, clock);

    const mutable = [...V2_CHANGED_PAGES, ...V2_CHANGED_FEEDS, ...V2_CHANGED_OTHER];
    const expected = [
      ...V2_NEW_HASHED, ...mutable, ...mutable.map((p) => blobOf(v2, p)),
      `_citydash/cycles/${C2}.json`, manifestHistoryPath(C2), MANIFEST_PATH,
    ];
    const writes = target.log.puts.filter((p) => p !== LOCK_PATH && p !== PENDING_PATH);
    expect([...writes].sort()).toEqual([...expected].sort());
    expect(result.changedPages).toEqual([...mutable].sort());

    // What v2 no longer uses is retired, not deleted: an open v1 page still loads its CSV.
    const gone = [AIR.v1.csv, AIR.v1.json, AIR.v1.snapshot, 'pagefind/pagefind.en_c3b116e273.pf_meta', ...mutable.map((p) => blobOf(v1, p))];
    expect(result.retired).toEqual([...gone].sort());
    const m = (await readManifest(target))?.manifest;
    expect(Object.keys(m?.retired ?? {}).sort()).toEqual([...gone].sort());
    expect(Object.values(m?.retired ?? {})).toEqual(gone.map(() => clock.now.toISOString()));
    expect(target.log.deletes).toEqual([PENDING_PATH, LOCK_PATH]);
    expect(text((await target.get(AIR.v1.csv))?.body)).toBe(v1[AIR.v1.csv]);
    expect(text((await target.get('ko/index.html'))?.body)).toBe(v2['ko/index.html']);
  });

  test(`${kind.kind}: --dry-run prints the plan and changes nothing`, async () => {
    const target = recording(await kind.make());
    const clock = clockAt('2026-11-28T21:00:00Z');
    await publishFiles(suite.tmp(), target, siteV1(), C1, clock);
    target.reset();
    const dry = await publishFiles(suite.tmp(), target, siteV2(), C2, clock, { dryRun: true });
    expect(target.log).toEqual({ puts: [], deletes: [] });
    expect((await readManifest(target))?.manifest.cycle).toBe(C1);
    expect(dry.result.dryRun).toBe(true);
    const lines = dry.log.lines.join('\n');
    expect(lines).toContain(`dry run: nothing changed on ${target.name}`);
    expect(lines).toMatch(/would upload 25 objects, [\d.]+ kB: immutable 13, other 1, pages 6, feeds 2, state 2, manifest 1/);
    expect(lines).toMatch(/unchanged \d+; already on the target 0; would retire 13; would delete 0/);
    expect(lines).toContain(AIR.v2.csv);

    const real = await publishFiles(suite.tmp(), target, siteV2(), C2, clock);
    expect(real.result.uploads.map((u) => u.path)).toEqual(dry.result.uploads.map((u) => u.path));
  });

  test(`${kind.kind}: retired files are deleted only after the grace period`, async () => {
    const target = recording(await kind.make());
    const clock = clockAt('2026-11-28T21:00:00Z');
    const v1 = siteV1();
    await publishFiles(suite.tmp(), target, v1, C1, clock);
    clock.advanceDays(1);
    const second = await publishFiles(suite.tmp(), target, siteV2(), C2, clock);
    const retiredAt = clock.now.toISOString();
    const gone = second.result.retired;
    expect(gone.length).toBe(13);

    clock.advanceDays(6);
    target.reset();
    const third = await publishFiles(suite.tmp(), target, siteV2(), C3, clock);
    expect(third.result.deleted).toEqual([]);
    expect(target.log.deletes).toEqual([LOCK_PATH]);
    for (const p of gone) expect(await target.get(p)).not.toBeNull();
    expect(Object.values((await readManifest(target))?.manifest.retired ?? {})).toEqual(gone.map(() => retiredAt));

    clock.advanceDays(1.05);
    target.reset();
    const fourth = await publishFiles(suite.tmp(), target, siteV2(), C4, clock);
    expect(fourth.result.deleted).toEqual(gone);
    expect(target.log.deletes.filter((p) => p !== LOCK_PATH).sort()).toEqual([...gone].sort());
    const listed = new Set((await target.list()).map((o) => o.path));
    for (const p of gone) expect(listed.has(p)).toBe(false);
    expect((await readManifest(target))?.manifest.retired).toEqual({});
    // Still-used files are untouched, and the new manifest never lists what was deleted.
    expect(text((await target.get(AIR.v2.csv))?.body)).toBe(siteV2()[AIR.v2.csv]);
  });

  test(`${kind.kind}: a cycle with no change but its own change-log file writes that file and the manifest`, async () => {
    const target = recording(await kind.make());
    const clock = clockAt('2026-11-28T21:00:00Z');
    await publishFiles(suite.tmp(), target, siteV1(), C1, clock);
    target.reset();
    const withLog = { ...siteV1(), [`_citydash/cycles/${C2}.json`]: `{"cycle":"${C2}","datasets":{}}\n` };
    const { result } = await publishFiles(suite.tmp(), target, withLog, C2, clock);
    expect(target.log.puts).toEqual([LOCK_PATH, `_citydash/cycles/${C2}.json`, manifestHistoryPath(C2), MANIFEST_PATH]);
    expect(target.log.deletes).toEqual([LOCK_PATH]);
    expect(result.uploadedObjects).toBe(3);
  });

  test(`${kind.kind}: --grace-days 0 deletes what is no longer used at once`, async () => {
    const target = recording(await kind.make());
    const clock = clockAt('2026-11-28T21:00:00Z');
    await publishFiles(suite.tmp(), target, siteV1(), C1, clock, { graceDays: 0 });
    clock.advanceDays(1);
    const { result } = await publishFiles(suite.tmp(), target, siteV2(), C2, clock, { graceDays: 0 });
    expect(result.deleted.length).toBe(13);
    expect(await target.get(AIR.v1.csv)).toBeNull();
  });
});
