// Two cycles published within one minute: the second gets an id with seconds, so the first
// keeps its own change log and the second records exactly what changed since the first.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerRun } from '../../pipeline/cli/commands/run.ts';
import type { CycleLog } from '../../pipeline/cycle-log.ts';
import { memoryLogger } from '../../pipeline/log.ts';
import { editFile, tempCatalog, type TempCatalog } from './helpers/catalog.ts';

let cat: TempCatalog;
beforeAll(async () => {
  cat = await tempCatalog({ datasets: ['cctv-by-gu'], charts: [] }, new Date('2026-11-28T20:00:00Z'));
});
afterAll(async () => {
  await cat?.cleanup();
});

async function run(at: Date): Promise<{ code: number; cycle: string }> {
  const program = new Command('citydash').exitOverride();
  let code = -1;
  let out = '';
  const effects = { fetch: globalThis.fetch, now: () => at, log: memoryLogger(), env: {} };
  registerRun({ effects, stdout: (t) => { out += t; } })(program, (c) => { code = c; });
  await program.parseAsync(['node', 'citydash', 'run', '--catalog', cat.root, '--out', cat.out, '--work', cat.work, '--target', `dir:${cat.target}`, '--force', '--json']);
  return { code, cycle: (JSON.parse(out) as { cycle: string }).cycle };
}

const log = async (id: string) => JSON.parse(await readFile(join(cat.target, '_citydash/cycles', `${id}.json`), 'utf8')) as CycleLog;

test('a second cycle in the same minute does not overwrite the first', async () => {
  const first = await run(new Date('2026-11-28T21:00:05Z'));
  expect(first).toEqual({ code: 0, cycle: '2026-11-28T2100Z' });
  await editFile(join(cat.root, 'sources/safety/samples/cctv-by-gu.csv'), (t) => t.replace(/"강남구","(\d)/, '"강남구","9'), new Date('2026-11-28T21:00:20Z'));
  const second = await run(new Date('2026-11-28T21:00:40Z'));
  expect(second).toEqual({ code: 0, cycle: '2026-11-28T210040Z' });

  const manifest = JSON.parse(await readFile(join(cat.target, '_citydash/manifest.json'), 'utf8')) as { cycle: string; cycles: string[] };
  expect(manifest.cycle).toBe('2026-11-28T210040Z');
  expect(manifest.cycles).toEqual(['2026-11-28T2100Z', '2026-11-28T210040Z']);
  expect((await log('2026-11-28T2100Z')).datasets.find((d) => d.id === 'cctv-by-gu')?.change).toBe('new');
  expect((await log('2026-11-28T210040Z')).datasets.find((d) => d.id === 'cctv-by-gu')?.change).toBe('changed');
});
