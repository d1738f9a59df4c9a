// Issue 16, "Nothing lost": a dataset whose row schema is deleted (or broken) keeps its last good
// data, stale, like any other failure, and so do the datasets and charts built on it; a first
// cycle in which every dataset failed publishes nothing (exit 1).
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerRun } from '../../pipeline/cli/commands/run.ts';
import { memoryLogger } from '../../pipeline/log.ts';
import { editFile, tempCatalog, type TempCatalog } from './helpers/catalog.ts';
import { exists } from './helpers/site.ts';

const T = new Date('2026-11-28T21:00:00Z');
const DAY = 24 * 3_600_000;

async function run(cat: TempCatalog, at: Date): Promise<{ code: number; json: Record<string, unknown>; log: string[] }> {
  const program = new Command('citydash').exitOverride();
  let code = -1;
  let out = '';
  const log = memoryLogger();
  registerRun({ effects: { fetch: globalThis.fetch, now: () => at, log, env: {} }, stdout: (t) => { out += t; } })(program, (c) => { code = c; });
  await program.parseAsync(['node', 'citydash', 'run', '--catalog', cat.root, '--out', cat.out, '--work', cat.work, '--target', `dir:${cat.target}`, '--json', '--offline']);
  return { code, json: JSON.parse(out) as Record<string, unknown>, log: log.lines };
}

const manifest = async (cat: TempCatalog) => JSON.parse(await readFile(join(cat.target, '_citydash/manifest.json'), 'utf8')) as { cycle: string; datasets: Record<string, unknown> };

describe('a dataset whose row schema breaks', () => {
  let cat: TempCatalog;
  beforeAll(async () => {
    cat = await tempCatalog({ datasets: ['air-quality-daily', 'air-quality-daily-seoul', 'cctv-by-gu'], charts: ['fine-dust-daily-trend'] }, new Date(T.getTime() - 3_600_000));
  });
  afterAll(() => cat?.cleanup());

  test('first cycle publishes everything', async () => {
    const r = await run(cat, T);
    expect(r.code).toBe(0);
    expect(Object.keys((await manifest(cat)).datasets).sort()).toEqual(['air-quality-daily', 'air-quality-daily-seoul', 'cctv-by-gu']);
  });

  test('schema deleted: the dataset, what is derived from it and its chart keep their last good data, stale, and stay published', async () => {
    await rm(join(cat.root, 'schemas/air-quality-daily.schema.json'));
    const r = await run(cat, new Date(T.getTime() + DAY));
    expect(r.code).toBe(2);
    expect(r.log.join('\n')).toMatch(/air-quality-daily\.yaml:\d+:\d+: schema file "schemas\/air-quality-daily\.schema\.json" not found/);
    const m = await manifest(cat);
    expect(Object.keys(m.datasets).sort()).toEqual(['air-quality-daily', 'air-quality-daily-seoul', 'cctv-by-gu']);
    const ds = (r.json.datasets as Array<{ id: string; stale: unknown; rows: { after: number | null } }>).find((d) => d.id === 'air-quality-daily')!;
    expect(ds.stale).not.toBeNull();
    expect(ds.rows.after).toBe(2552);
    expect(await exists(cat.target, 'en/datasets/air-quality-daily/index.html')).toBe(true);
    expect(await exists(cat.target, 'en/charts/fine-dust-daily-trend/index.html')).toBe(true);
  });

  test('schema present but not valid JSON: the same', async () => {
    await writeFile(join(cat.root, 'schemas/air-quality-daily.schema.json'), '{"type": "object",');
    const r = await run(cat, new Date(T.getTime() + 2 * DAY));
    expect(r.code).toBe(2);
    expect(Object.keys((await manifest(cat)).datasets).sort()).toEqual(['air-quality-daily', 'air-quality-daily-seoul', 'cctv-by-gu']);
    const ds = (r.json.datasets as Array<{ id: string; stale: unknown; rows: { after: number | null } }>).find((d) => d.id === 'air-quality-daily')!;
    expect(ds).toMatchObject({ rows: { after: 2552 } });
    expect(ds.stale).not.toBeNull();
  });
});

test('a first cycle in which every dataset failed publishes nothing (exit 1)', async () => {
  const cat = await tempCatalog({ datasets: ['cctv-by-gu'], charts: [] }, new Date(T.getTime() - 3_600_000));
  try {
    await editFile(join(cat.root, cat.descriptor('cctv-by-gu')), (t) => t.replace('path: samples/cctv-by-gu.csv', 'path: samples/not-there-yet.csv'), T);
    const r = await run(cat, T);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ exitCode: 1, published: false, error: expect.stringContaining('every dataset failed and nothing was published before') });
    expect(await exists(cat.target, '_citydash/manifest.json')).toBe(false);
    expect(await exists(cat.target, 'ko/index.html')).toBe(false);
  } finally {
    await cat.cleanup();
  }
});
