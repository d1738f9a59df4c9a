// Issue 16, "nothing lost", through the real CLI: a published dataset whose row schema is deleted
// or whose descriptor the catalog refuses (a key it may not have, YAML that does not parse) keeps
// its last good data at the target, stale, with the refusal (file:line) on stderr and in the
// manifest; it is not retired. Only deleting the descriptor file takes the dataset off.
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../../pipeline/publish/manifest.ts';
import { editFile, tempCatalog, type TempCatalog } from './helpers/catalog.ts';
import { runCli, type ChildRun } from './helpers/spawn.ts';

const ID = 'cctv-by-gu';
let cat: TempCatalog;
let descriptor: string;
let original: string;

beforeAll(async () => {
  cat = await tempCatalog({ datasets: ['air-quality-daily', ID], charts: [] }, new Date(Date.now() - 3_600_000));
  descriptor = join(cat.root, cat.descriptor(ID));
  original = await readFile(descriptor, 'utf8');
});
afterAll(() => cat?.cleanup());

const run = () => runCli(['run', '--catalog', cat.root, '--out', cat.out, '--work', cat.work, '--target', `dir:${cat.target}`, '--offline', '--force', '--json']);

interface LoggedDataset { id: string; change: string; failed: { stage: string; reason: string } | null; stale: { since: string; reason: string } | null; rows: { before: number | null; after: number | null } }
/** The cycle's change log (`--json`): the dataset's entry and the counts. */
function logged(r: ChildRun): { ds: LoggedDataset | undefined; counts: { removed: number; stale: number; failed: number } } {
  const out = JSON.parse(r.stdout) as { datasets: LoggedDataset[]; counts: { removed: number; stale: number; failed: number } };
  return { ds: out.datasets.find((d) => d.id === ID), counts: out.counts };
}
const manifest = async () => JSON.parse(await readFile(join(cat.target, '_citydash/manifest.json'), 'utf8')) as Manifest;
const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

function expectExit(r: ChildRun, code: number): void {
  if (r.code !== code) throw new Error(`exit ${r.code}, expected ${code}\n${r.stderr}`);
}

/** The dataset is in the manifest with the rows it had, stale for `reason`, and its rows are at the target. */
async function expectKeptStale(rows: number, hash: string, reason: RegExp): Promise<void> {
  const m = await manifest();
  const ds = m.datasets[ID];
  expect(ds).toBeDefined();
  expect(ds!.meta).toMatchObject({ rows, hash });
  expect(ds!.meta.stale?.reason).toMatch(reason);
  expect(await sha256(join(cat.target, ...ds!.snapshot.split('/')))).toBe(hash);
  expect(m.retired[ds!.snapshot]).toBeUndefined();
  expect(Object.keys(m.datasets)).toContain('air-quality-daily');
}

test('schema deleted, then descriptor refused, then unparseable: last good data kept, stale; descriptor deleted: retired', async () => {
  expectExit(await run(), 0);
  const first = (await manifest()).datasets[ID]!;
  expect(first.meta.stale).toBeUndefined();
  const { rows, hash } = first.meta;
  expect(rows).toBeGreaterThan(0);

  // The row schema is deleted: the dataset fails like any other failure.
  const schema = join(cat.root, 'schemas', `${ID}.schema.json`);
  const schemaText = await readFile(schema, 'utf8');
  await rm(schema);
  let r = await run();
  expectExit(r, 2);
  expect(r.stderr).toMatch(/sources\/safety\/cctv-by-gu\.yaml:\d+:\d+: schema file "schemas\/cctv-by-gu\.schema\.json" not found/);
  await expectKeptStale(rows, hash, /not found/);
  await writeFile(schema, schemaText);

  // A key the descriptor may not have: the catalog refuses the whole descriptor.
  await editFile(descriptor, (t) => `${t}\nfavouriteColour: blue\n`, new Date(Date.now() - 3_600_000));
  r = await run();
  expectExit(r, 2);
  const line = original.split('\n').length + 1;
  expect(r.stderr).toContain(`sources/safety/cctv-by-gu.yaml:${line}:`);
  await expectKeptStale(rows, hash, new RegExp(`^descriptor refused: sources/safety/cctv-by-gu\\.yaml:${line}:\\d+: `));
  // The change log says it failed at the catalog and kept its rows, stale; not that it was removed.
  const held = logged(r);
  expect(held.ds).toMatchObject({ change: 'unchanged', failed: { stage: 'catalog', reason: expect.stringMatching(new RegExp(`^sources/safety/cctv-by-gu\\.yaml:${line}:`)) }, rows: { before: rows, after: rows } });
  expect(held.ds?.stale?.reason).toMatch(/^descriptor refused: /);
  expect(held.counts.removed).toBe(0);

  // YAML that does not parse (no id can be read from it; the file name says whose it is).
  await editFile(descriptor, () => original.replace('id: cctv-by-gu', 'id: [cctv-by-gu'), new Date(Date.now() - 3_600_000));
  r = await run();
  expectExit(r, 2);
  expect(r.stderr).toMatch(/sources\/safety\/cctv-by-gu\.yaml:\d+:\d+: /);
  await expectKeptStale(rows, hash, /^descriptor refused: sources\/safety\/cctv-by-gu\.yaml:\d+:\d+: /);

  // The descriptor file deleted: the dataset leaves the catalog, and the site.
  await rm(descriptor);
  r = await run();
  expectExit(r, 0);
  const m = await manifest();
  expect(m.datasets[ID]).toBeUndefined();
  expect(m.retired[first.snapshot]).toBeDefined();
  expect(logged(r)).toMatchObject({ ds: { change: 'removed' }, counts: { removed: 1 } });
}, 600_000);

test('a first cycle in which every dataset failed publishes nothing and exits 1 (real CLI)', async () => {
  const first = await tempCatalog({ datasets: ['cctv-by-gu'], charts: [] }, new Date(Date.now() - 3_600_000));
  try {
    await rm(join(first.root, 'schemas', `${ID}.schema.json`));
    const r = await runCli(['run', '--catalog', first.root, '--out', first.out, '--work', first.work, '--target', `dir:${first.target}`, '--offline']);
    expectExit(r, 1);
    expect(r.stderr).toMatch(/sources\/safety\/cctv-by-gu\.yaml:\d+:\d+: schema file "schemas\/cctv-by-gu\.schema\.json" not found/);
    expect(r.stderr).toContain('every dataset failed and nothing was published before');
    await expect(readFile(join(first.target, '_citydash/manifest.json'))).rejects.toThrow(/ENOENT/);
    await expect(readFile(join(first.target, 'ko/index.html'))).rejects.toThrow(/ENOENT/);
  } finally {
    await first.cleanup();
  }
}, 600_000);
