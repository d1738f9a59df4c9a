// datasetsForManifest: the manifest's datasets from the work dir's validated snapshots, with the
// rows copied into the site so the target carries the last good data; publishSite keeps a
// snapshot that is already on the target when this disk no longer has it.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetsForManifest } from '../../pipeline/publish/datasets.ts';
import { readManifest, snapshotPath, type Manifest } from '../../pipeline/publish/manifest.ts';
import { publishSite } from '../../pipeline/publish/publish.ts';
import { PublishInputError } from '../../pipeline/publish/publish-input.ts';
import type { SnapshotMeta } from '../../pipeline/types.ts';
import { workDir } from '../../pipeline/workdir.ts';
import { C1, C2, siteV1 } from './site-fixture.ts';
import { FAST, clockAt, failure, makeEffects, uniqueName, useTargets, writeSite } from './support.ts';

const suite = useTargets();
const ROWS = '{"date":"2026-11-27","station":"종로구","pm10":41}\n{"date":"2026-11-27","station":"중구","pm10":38}\n';

function meta(id: string, rows: string): SnapshotMeta {
  return {
    id, rows: rows.split('\n').filter(Boolean).length, hash: createHash('sha256').update(rows).digest('hex'), schemaHash: 'abc',
    columns: { date: 'date', station: 'string', pm10: 'number' },
    validation: { dataset: id, rowsRead: 2, valid: 2, rejected: 0, duplicates: 0, districtsUnmatched: 0, unmatchedDistrictValues: {}, status: 'ok' },
    fetch: { outcome: 'fresh', source: 'samples/x.csv', fetchedAt: '2026-11-28T21:00:00.000Z', sample: true },
  };
}

async function work(entries: Record<string, { rows?: string; meta: SnapshotMeta | string }>) {
  const w = workDir(join(suite.tmp(), uniqueName('work')));
  await mkdir(join(w.root, 'data'), { recursive: true });
  for (const [id, e] of Object.entries(entries)) {
    if (e.rows !== undefined) await writeFile(w.rows(id), e.rows);
    await writeFile(w.meta(id), typeof e.meta === 'string' ? e.meta : JSON.stringify(e.meta));
  }
  return w;
}

test('copies each snapshot into the site under its hash; changedAt carries over while the hash holds', async () => {
  const air = meta('air-quality-daily', ROWS);
  const w = await work({ 'air-quality-daily': { rows: ROWS, meta: air }, broken: { meta: '{"id": "broken"' }, tampered: { rows: 'x\n', meta: meta('tampered', 'y\n') } });
  const siteDir = await writeSite(join(suite.tmp(), uniqueName('site')), siteV1());
  const log = makeEffects(clockAt('2026-11-28T21:00:00Z')).log;
  const now = new Date('2026-11-28T21:00:00Z');
  const ds = await datasetsForManifest(w, siteDir, { now, log });
  expect(Object.keys(ds)).toEqual(['air-quality-daily']);
  const path = snapshotPath('air-quality-daily', air.hash);
  expect(ds['air-quality-daily']).toEqual({ snapshot: path, meta: air, changedAt: now.toISOString() });
  expect(await readFile(join(siteDir, path), 'utf8')).toBe(ROWS);
  // One dataset's broken metadata or rows never keeps the others off the manifest.
  expect(log.lines.join('\n')).toMatch(/error: .*broken\.meta\.json: unreadable snapshot metadata/);
  expect(log.lines.join('\n')).toMatch(/error: .*tampered\.ndjson: rows hash .* does not match the metadata's/);

  const previous: Manifest = { version: 1, cycle: C1, publishedAt: '', files: {}, retired: {}, cycles: [C1], datasets: { 'air-quality-daily': { ...ds['air-quality-daily'], changedAt: '2026-11-01T00:00:00.000Z' } } };
  const again = await datasetsForManifest(w, siteDir, { now: new Date('2026-11-29T21:00:00Z'), previous });
  expect(again['air-quality-daily'].changedAt).toBe('2026-11-01T00:00:00.000Z');
});

test('publish: a snapshot only the target still has is kept; one that is nowhere is an error', async () => {
  const target = await suite.kinds[1].make();
  const clock = clockAt('2026-11-28T21:00:00Z');
  const air = meta('air-quality-daily', ROWS);
  const w = await work({ 'air-quality-daily': { rows: ROWS, meta: air } });
  const site1 = await writeSite(join(suite.tmp(), uniqueName('site')), siteV1());
  const { effects } = makeEffects(clock);
  const datasets = await datasetsForManifest(w, site1, { now: clock.now });
  await publishSite({ siteDir: site1, target, cycle: C1, datasets, now: clock.now, ...FAST }, effects);
  const path = snapshotPath('air-quality-daily', air.hash);
  expect((await readManifest(target))?.manifest.files[path]?.hash).toBe(air.hash);

  // A disk-less CI job: the rows are not in this build, the previous manifest and the target have them.
  clock.advanceDays(1);
  const site2 = await writeSite(join(suite.tmp(), uniqueName('site')), siteV1());
  const r = await publishSite({ siteDir: site2, target, cycle: C2, datasets, now: clock.now, ...FAST }, effects);
  expect(r.manifest.files[path]?.hash).toBe(air.hash);
  expect(r.retired).not.toContain(path);
  expect(r.manifest.datasets['air-quality-daily'].snapshot).toBe(path);

  const ghost = { ...datasets, ghost: { ...datasets['air-quality-daily'], snapshot: '_citydash/snapshots/ghost.0000000000000000.ndjson' } };
  const err = await failure(publishSite({ siteDir: site2, target, cycle: '2026-11-30T2100Z', datasets: ghost, now: clock.now, ...FAST }, effects));
  expect(err).toBeInstanceOf(PublishInputError);
  expect(err.message).toBe(`dataset ghost: snapshot _citydash/snapshots/ghost.0000000000000000.ndjson is neither in the built site nor on ${target.name}`);
});

test('bad inputs are refused before anything is written', async () => {
  const target = await suite.kinds[0].make();
  const { effects } = makeEffects(clockAt('2026-11-28T21:00:00Z'));
  const siteDir = await writeSite(join(suite.tmp(), uniqueName('site')), siteV1());
  const base = { siteDir, target, datasets: {}, now: new Date(), ...FAST };
  expect((await failure(publishSite({ ...base, cycle: '../x' }, effects))).message).toMatch(/^cycle: "\.\.\/x" is not a cycle id/);
  expect((await failure(publishSite({ ...base, cycle: C1, graceDays: -1 }, effects))).message).toMatch(/^--grace-days: "-1" is not a number of days/);
  expect((await failure(publishSite({ ...base, cycle: C1, concurrency: 0 }, effects))).message).toMatch(/^--concurrency: "0" is not a whole number/);
  expect((await failure(publishSite({ ...base, cycle: C1, siteDir: join(siteDir, 'nope') }, effects))).message).toMatch(/no built site here \(run `citydash build` first\)/);
  expect(await target.list()).toEqual([]);
});
