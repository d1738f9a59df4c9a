// A cycle killed at any point leaves the work dir and the target usable: the next `citydash run`
// completes normally and the published site is whole (every manifest file present with its hash).
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../../pipeline/publish/manifest.ts';
import type { CycleLog } from '../../pipeline/cycle-log.ts';
import type { SnapshotMeta } from '../../pipeline/types.ts';
import { editFile, tempCatalog, type TempCatalog } from './helpers/catalog.ts';
import { runCli, type ChildRun } from './helpers/spawn.ts';

let cat: TempCatalog;
const SUBSET = { datasets: ['air-quality-daily', 'air-quality-daily-seoul', 'cctv-by-gu'], charts: ['fine-dust-daily-trend'] };

beforeAll(async () => {
  cat = await tempCatalog(SUBSET, new Date(Date.now() - 3_600_000));
});
afterAll(async () => {
  await cat?.cleanup();
});

const args = () => ['run', '--catalog', cat.root, '--out', cat.out, '--work', cat.work, '--target', `dir:${cat.target}`];
const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

/** The target serves one whole cycle: the manifest's every file is there with its content. */
async function assertTargetWhole(): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(join(cat.target, '_citydash/manifest.json'), 'utf8')) as Manifest;
  const wrong: string[] = [];
  for (const [path, f] of Object.entries(manifest.files)) {
    const actual = await sha256(join(cat.target, ...path.split('/'))).catch(() => 'missing');
    if (actual !== f.hash) wrong.push(`${path}: ${actual === 'missing' ? 'missing' : 'different content'}`);
  }
  expect(wrong).toEqual([]);
  for (const id of SUBSET.datasets) {
    expect(manifest.datasets[id]).toBeDefined();
    for (const lang of ['ko', 'en']) expect(manifest.files[`${lang}/datasets/${id}/index.html`]).toBeDefined();
  }
  expect(manifest.files[`_citydash/cycles/${manifest.cycle}.json`]).toBeDefined();
  return manifest;
}

/** Every snapshot in the work dir has the rows its meta names. */
async function assertWorkConsistent(): Promise<void> {
  const dir = join(cat.work, 'data');
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.meta.json'))) {
    const meta = JSON.parse(await readFile(join(dir, name), 'utf8')) as SnapshotMeta;
    expect(`${meta.id}: ${await sha256(join(dir, `${meta.id}.ndjson`))}`).toBe(`${meta.id}: ${meta.hash}`);
  }
}

function expectCompleted(r: ChildRun): void {
  if (r.code !== 0) throw new Error(`exit ${r.code}\n${r.stderr}`);
  expect(r.killed).toBe(false);
}

test('a run killed while validating, while building and while publishing: the next run completes and the site stays whole', async () => {
  const first = await runCli(args());
  expectCompleted(first);
  const published = await assertTargetWhole();
  const before = published.datasets['air-quality-daily']!.meta.hash;

  // New data arrives; then three runs die at different points of the cycle.
  await editFile(join(cat.root, 'sources/climate-environment/samples/air-quality-daily.json'), (t) => t.replace(/("MSRDT_DE":"20261127","MSRSTE_NM":"종로구",[^\n]*"PM25":)\d+/, '$199'), new Date());
  const points = [/\[sample\] air-quality-daily/, /building the site/, /publishing to/];
  for (const killOn of points) {
    const r = await runCli([...args(), '--force'], { killOn });
    // Killed at that point, or (on a fast machine) finished before the signal landed.
    expect({ point: String(killOn), ok: r.killed || r.code === 0, tail: r.killed || r.code === 0 ? '' : r.stderr.slice(-2000) }).toEqual({ point: String(killOn), ok: true, tail: '' });
    await assertTargetWhole();
  }
  const last = await runCli([...args(), '--force', '--json']);
  expectCompleted(last);
  const result = JSON.parse(last.stdout) as { exitCode: number; published: boolean; cycle: string };
  expect(result).toMatchObject({ exitCode: 0, published: true });
  const manifest = await assertTargetWhole();
  await assertWorkConsistent();
  expect(manifest.cycle).toBe(result.cycle);
  expect(manifest.datasets['air-quality-daily']!.meta.hash).not.toBe(before);

  // The change is on record in some cycle's change log (the one that published it).
  const logs = await Promise.all(manifest.cycles.map(async (id) => JSON.parse(await readFile(join(cat.target, '_citydash/cycles', `${id}.json`), 'utf8')) as CycleLog));
  const changed = logs.flatMap((l) => l.datasets.filter((d) => d.id === 'air-quality-daily' && d.change === 'changed').map(() => l.id));
  expect(changed.length).toBeGreaterThanOrEqual(1);
  const record = logs.find((l) => l.id === changed[0])!.datasets.find((d) => d.id === 'air-quality-daily')!;
  expect(record.diff).toMatchObject({ revised: 1, added: 0, removed: 0 });
});
