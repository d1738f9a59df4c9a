// A second validate with nothing changed reuses the snapshot (same rows file, meta and report a
// recomputation would write); any change to the input bytes, the descriptor, the row schema or
// the stored rows validates again. Real 2018 CP949 file and the air fixture's descriptor and
// schema, copied to a temp catalog root so each can be edited.
import { copyFile, mkdir, readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import iconv from 'iconv-lite';
import { loadCatalog } from '../../pipeline/catalog/index.ts';
import { fetchDataset } from '../../pipeline/extract/index.ts';
import type { Catalog, DatasetDescriptor, SnapshotMeta } from '../../pipeline/types.ts';
import { validate } from '../../pipeline/validate/index.ts';
import { workDir, type WorkDir } from '../../pipeline/workdir.ts';
import { realData } from '../helpers/paths.ts';
import { airCatalog } from './air-catalog.ts';
import { tempDir, testEffects } from './helpers.ts';

let air: Awaited<ReturnType<typeof airCatalog>> | undefined;
let fixture: Catalog;
let catalog: Catalog;
let base: DatasetDescriptor;
let dir: Awaited<ReturnType<typeof tempDir>>;
let csv: string;
let schemaFile: string;
beforeAll(async () => {
  air = await airCatalog();
  fixture = (await loadCatalog(air.root)).catalog;
  base = fixture.datasets.find((d) => d.id === 'air-quality-2018')!;
});
afterAll(async () => { await air?.cleanup(); });
beforeEach(async () => {
  dir = await tempDir('citydash-reuse-');
  catalog = { ...fixture, root: dir.path };
  csv = join(dir.path, 'air-2018.csv');
  await copyFile(realData('seoul-air-daily-2018.cp949.csv'), csv);
  schemaFile = join(dir.path, base.schema);
  await mkdir(join(dir.path, 'schemas'));
  await copyFile(join(air!.root, base.schema), schemaFile);
});
afterEach(async () => { await dir?.cleanup(); });

const descriptor = (over: Partial<DatasetDescriptor> = {}): DatasetDescriptor => ({ ...base, extract: { ...base.extract!, path: relative(join(dir.path, dirname(base.file)), csv) }, ...over });

async function cycle(ds: DatasetDescriptor, now: string, work: WorkDir = dir.work) {
  const ctx = { catalogRoot: catalog.root, work, offline: true, effects: testEffects({}, now) };
  await fetchDataset(ds, ctx, { force: true });
  return validate({ from: 'stored', dataset: ds, catalog }, { work: ctx.work }, ctx.effects);
}

const files = async (work: WorkDir, id = 'air-quality-2018') => ({
  rows: await readFile(work.rows(id), 'utf8'),
  meta: JSON.parse(await readFile(work.meta(id), 'utf8')) as SnapshotMeta,
  report: await readFile(work.report(id), 'utf8'),
  file: await stat(work.rows(id)),
});

test('nothing changed: the snapshot is reused, and equals what validating again writes', async () => {
  const first = await cycle(descriptor(), '2026-11-28T12:00:00Z');
  expect(first.cached).toBeUndefined();
  expect(first.report).toMatchObject({ status: 'ok', rowsRead: 14637 });
  const before = await files(dir.work);

  // A day later the file is fetched again (outcome not-modified) and found unchanged.
  const second = await cycle(descriptor(), '2026-11-29T12:00:00Z');
  expect(second.cached).toBe(true);
  const after = await files(dir.work);
  expect(after.file.ino).toBe(before.file.ino);
  expect(after.file.mtimeMs).toBe(before.file.mtimeMs);
  expect(after.meta.fetch).toMatchObject({ outcome: 'not-modified', fetchedAt: '2026-11-29T12:00:00.000Z' });
  expect(second.meta).toEqual(after.meta);

  // The same input validated in a fresh work dir gives the same rows, meta and report.
  const fresh = workDir(join(dir.path, 'fresh'));
  const recomputed = await cycle(descriptor(), '2026-11-29T12:00:00Z', fresh);
  expect(recomputed.cached).toBeUndefined();
  const again = await files(fresh);
  expect(after.rows).toBe(again.rows);
  expect(after.report).toBe(again.report);
  expect({ ...after.meta, fetch: null }).toEqual({ ...again.meta, fetch: null });
  expect(second.report).toEqual(recomputed.report);
});

test('a file rewritten with the same bytes is reused once its content hash is known', async () => {
  await cycle(descriptor(), '2026-11-28T12:00:00Z');
  // The first validation read the file once (no hash yet): a touched file is validated again...
  await utimes(csv, new Date('2026-11-29T00:00:00Z'), new Date('2026-11-29T00:00:00Z'));
  const second = await cycle(descriptor(), '2026-11-29T12:00:00Z');
  expect(second.meta?.fetch.outcome).toBe('fresh');
  expect(second.cached).toBeUndefined();
  // ...and from then on its bytes decide, not its mtime or inode.
  await copyFile(csv, `${csv}.new`);
  await rename(`${csv}.new`, csv);
  const third = await cycle(descriptor(), '2026-11-30T12:00:00Z');
  expect(third.meta?.fetch.outcome).toBe('fresh');
  expect(third.cached).toBe(true);
});

test('a changed input, descriptor or schema, or edited snapshot rows, is validated again', async () => {
  const first = await cycle(descriptor(), '2026-11-28T12:00:00Z');

  // one more day in the file
  const text = await readFile(csv);
  await writeFile(csv, Buffer.concat([text, iconv.encode('20190101,강남구,0.01,0.01,0.1,0.001,10,5\n', 'cp949')]));
  const edited = await cycle(descriptor(), '2026-11-28T13:00:00Z');
  expect(edited.cached).toBeUndefined();
  expect(edited.report.rowsRead).toBe(14638);
  expect(edited.report.valid).toBe(first.report.valid + 1);
  expect((await cycle(descriptor(), '2026-11-28T14:00:00Z')).cached).toBe(true);

  // the descriptor's policy
  const stricter = descriptor({ onInvalid: { action: 'drop-row', maxRatio: 0.02 } });
  expect((await cycle(stricter, '2026-11-28T15:00:00Z')).cached).toBeUndefined();
  expect((await cycle(stricter, '2026-11-28T16:00:00Z')).cached).toBe(true);

  // the row schema: one rule changed
  const schema = JSON.parse(await readFile(schemaFile, 'utf8')) as { properties: Record<string, Record<string, unknown>> };
  schema.properties.station = { ...schema.properties.station, maxLength: 39 };
  await writeFile(schemaFile, JSON.stringify(schema));
  expect((await cycle(stricter, '2026-11-28T17:00:00Z')).cached).toBeUndefined();
  expect((await cycle(stricter, '2026-11-28T18:00:00Z')).cached).toBe(true);

  // the snapshot rows edited by hand: validated again, and the rows put right
  const good = await readFile(dir.work.rows('air-quality-2018'), 'utf8');
  await writeFile(dir.work.rows('air-quality-2018'), good.replace('"강남구"', '"서초구"'));
  const repaired = await cycle(stricter, '2026-11-28T19:00:00Z');
  expect(repaired.cached).toBeUndefined();
  expect(await readFile(dir.work.rows('air-quality-2018'), 'utf8')).toBe(good);
});
