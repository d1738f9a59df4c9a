// The one owner of snapshot metadata in the work dir (pipeline/snapshot-store.ts): what counts as
// a snapshot's meta, where it is listed from, and when its rows are the rows it names.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listSnapshotIds, readSnapshotMeta, SnapshotMetaError, verifiedSnapshotMeta, writeSnapshotMeta } from '../pipeline/snapshot-store.ts';
import type { SnapshotMeta } from '../pipeline/types.ts';
import { workDir, type WorkDir } from '../pipeline/workdir.ts';

const ROWS = '{"gu_code":11110,"cctv":1772}\n{"gu_code":11140,"cctv":1489}\n';
const meta = (id: string, rows: string): SnapshotMeta => ({
  id,
  rows: rows.split('\n').filter(Boolean).length,
  hash: createHash('sha256').update(rows).digest('hex'),
  schemaHash: 'schema',
  columns: { gu_code: 'integer', cctv: 'integer' },
  validation: { dataset: id, rowsRead: 2, valid: 2, rejected: 0, duplicates: 0, districtsUnmatched: 0, unmatchedDistrictValues: {}, status: 'ok' },
  fetch: { outcome: 'fresh', source: 'samples/cctv-by-gu.csv', fetchedAt: '2026-11-28T21:00:00.000Z', sample: true },
});

let dir: string;
let work: WorkDir;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'citydash-store-'));
  work = workDir(join(dir, '.citydash'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

test('a work dir with no data/ folder has no snapshots; a dataset with no meta file has none', async () => {
  expect(await listSnapshotIds(work)).toEqual([]);
  expect(await readSnapshotMeta(work, 'cctv-by-gu')).toBeNull();
  expect(await verifiedSnapshotMeta(work, 'cctv-by-gu')).toBeNull();
});

test('meta written after its rows reads back, is listed by id, verified, and leaves no temp file', async () => {
  await mkdir(join(work.root, 'data'), { recursive: true });
  await writeFile(work.rows('cctv-by-gu'), ROWS);
  const m = meta('cctv-by-gu', ROWS);
  await writeSnapshotMeta(work, m);
  expect(await readSnapshotMeta(work, 'cctv-by-gu')).toEqual(m);
  expect(await verifiedSnapshotMeta(work, 'cctv-by-gu')).toEqual(m);
  expect(await listSnapshotIds(work)).toEqual(['cctv-by-gu']);
  expect((await readdir(join(work.root, 'data'))).sort()).toEqual(['cctv-by-gu.meta.json', 'cctv-by-gu.ndjson']);
});

test('rows that are not the rows the meta names, or are missing, are no verified snapshot', async () => {
  await mkdir(join(work.root, 'data'), { recursive: true });
  await writeSnapshotMeta(work, meta('cctv-by-gu', ROWS));
  expect(await verifiedSnapshotMeta(work, 'cctv-by-gu')).toBeNull();
  await writeFile(work.rows('cctv-by-gu'), ROWS.replace('1772', '1773'));
  expect(await verifiedSnapshotMeta(work, 'cctv-by-gu')).toBeNull();
  expect(await readSnapshotMeta(work, 'cctv-by-gu')).not.toBeNull();
});

test('a meta file that is not JSON, or not snapshot metadata, is an error naming the file', async () => {
  await mkdir(join(work.root, 'data'), { recursive: true });
  await writeFile(work.meta('broken'), '{"id": "broken"');
  await writeFile(work.meta('list'), '[1, 2]');
  const broken = await readSnapshotMeta(work, 'broken').catch((e: unknown) => e);
  expect(broken).toBeInstanceOf(SnapshotMetaError);
  expect((broken as Error).message).toMatch(new RegExp(`^${work.meta('broken').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON \\(`));
  await expect(readSnapshotMeta(work, 'list')).rejects.toThrow(`${work.meta('list')}: not snapshot metadata (no "columns" object)`);
  expect(await verifiedSnapshotMeta(work, 'broken')).toBeNull();
  expect(await listSnapshotIds(work)).toEqual(['broken', 'list']);
});
