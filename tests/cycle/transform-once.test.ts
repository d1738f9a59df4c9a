// A cycle runs the transform once and hands the result to the build (issue 15): each derived
// dataset's outcome is reported once, at any log level, and `citydash build` alone still derives.
import { makeContext } from '../../pipeline/cli/context.ts';
import { buildFromWork } from '../../pipeline/build/index.ts';
import { runCycle } from '../../pipeline/cycle/run-cycle.ts';
import type { Effects, Logger } from '../../pipeline/types.ts';
import { tempCatalog, type TempCatalog } from './helpers/catalog.ts';

const T = new Date('2026-11-28T21:00:00Z');
const DERIVED = ['air-quality-daily-seoul', 'fire-incidents-seoul-monthly'];

/** Every line at every level, debug included: a second, quieter transform would show here. */
function everyLine(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (m: string) => void lines.push(m);
  return { lines, info: push, warn: push, error: push, debug: push, status: (s, n, d) => push(`[${s}] ${n}${d ? ` ${d}` : ''}`), progress: () => ({ tick() {}, done() {} }) };
}

/** The lines in which the transform reports a derived dataset's outcome (`[fresh] id 25 rows`). */
const outcomes = (lines: string[], id: string) => lines.filter((l) => new RegExp(`^\\[(fresh|stale|failed)\\] ${id} (\\d+ rows|keeping last good data|no data)$`).test(l));

let cat: TempCatalog;
beforeAll(async () => {
  cat = await tempCatalog();
});
afterAll(async () => {
  await cat?.cleanup();
});

test('a cycle computes each derived dataset once', async () => {
  const log = everyLine();
  const effects: Effects = { fetch: globalThis.fetch, now: () => T, log, env: {} };
  const ctx = makeContext({ catalog: cat.root, out: cat.out, work: cat.work }, effects);
  const result = await runCycle(ctx, { target: `dir:${cat.target}` });
  expect(result.error).toBeNull();
  expect(result.build?.pages).toBeGreaterThan(0);
  for (const id of DERIVED) expect([id, outcomes(log.lines, id).length]).toEqual([id, 1]);
  // What the cycle derived is what the site shows: both derived datasets made it into the log.
  expect(result.log?.datasets.filter((d) => DERIVED.includes(d.id)).map((d) => d.fetch?.outcome)).toEqual(['derived', 'derived']);
});

test('citydash build on its own runs the transform itself, once', async () => {
  const log = everyLine();
  const effects: Effects = { fetch: globalThis.fetch, now: () => T, log, env: {} };
  const ctx = makeContext({ catalog: cat.root, out: cat.out, work: cat.work }, effects);
  const { loadCatalog } = await import('../../pipeline/catalog/index.ts');
  const { catalog } = await loadCatalog(cat.root);
  const built = await buildFromWork(catalog, ctx, { cycleId: '2026-11-28T2100Z', siteDir: `${cat.out}/site` });
  expect(built.transform.datasets.map((d) => d.id).sort()).toEqual([...DERIVED].sort());
  for (const id of DERIVED) expect([id, outcomes(log.lines, id).length]).toEqual([id, 1]);
});
