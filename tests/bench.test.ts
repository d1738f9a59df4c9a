// The benchmark harness runs end to end in --quick mode and writes both result files. Only that
// it runs and what it writes are checked: the figures themselves are never asserted (no timed
// assertions), and --out keeps the committed scripts/bench results untouched.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './helpers/paths.ts';

interface Results {
  mode: string;
  machine: { cpu: string; cores: number; versions: Record<string, string> };
  figures: Array<{ id: string; throughput?: { value: { median: number } }; counts?: Record<string, number>; notMeasured?: string }>;
  goals: Array<{ goal: string; met: boolean | null }>;
}

test('npm run bench -- --quick runs every quick stage and writes results.json and RESULTS.md', async () => {
  const out = await mkdtemp(join(tmpdir(), 'citydash-bench-test-'));
  try {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/bench/run.ts', '--quick', '--out', out], {
      cwd: repoRoot, maxBuffer: 16 * 1024 * 1024,
    });
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as Results;
    expect(results.mode).toBe('quick');
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.versions.node).toBe(process.version);
    const byId = new Map(results.figures.map((f) => [f.id, f]));
    // The quick stages measured something real: every row of the generated CSV was read.
    const ingest = byId.get('ingest-cp949');
    expect(ingest?.notMeasured).toBeUndefined();
    expect(ingest?.counts?.rowsRead).toBe(5000);
    expect(ingest?.throughput?.value.median).toBeGreaterThan(0);
    for (const id of ['papaparse-cp949', 'duckdb-cp949', 'transform-monthly-by-gu', 'duckdb-monthly-by-gu', 'charts-render', 'charts-no-change']) {
      expect(byId.get(id)?.notMeasured).toBeUndefined();
    }
    expect(byId.get('charts-no-change')?.counts?.rerendered).toBe(0);
    // Skipped stages say so rather than vanishing.
    expect(byId.get('site-skipped')?.notMeasured).toMatch(/--quick/);
    expect(results.goals.length).toBeGreaterThan(5);

    const md = await readFile(join(out, 'RESULTS.md'), 'utf8');
    expect(md).toContain('# citydash benchmark results');
    expect(md).toContain('## Goals');
    expect(md).toContain(results.machine.cpu);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('only a full run of every stage writes to the committed scripts/bench; --quick and --only go elsewhere unless --out says', async () => {
  const { parseBenchArgs } = await import('../scripts/bench/args.ts');
  expect(parseBenchArgs([], repoRoot).out).toBe(join(repoRoot, 'scripts/bench'));
  expect(parseBenchArgs(['--quick'], repoRoot).out).toBeUndefined();
  expect(parseBenchArgs(['--only', 'ingest'], repoRoot).out).toBeUndefined();
  expect(parseBenchArgs(['--quick', '--out', '/tmp/x'], repoRoot).out).toBe('/tmp/x');
});

test('each goal not met names its figure, and the figures are profiled in the order of the goals, then the slowest', async () => {
  const { evaluateGoals } = await import('../scripts/bench/goals.ts');
  const { profileOrder } = await import('../scripts/bench/profile.ts');
  const s = (median: number) => ({ median, min: median, max: median });
  const measured = (wall: number, rss: number) => ({ runs: 1, warmup: 0, budgetLimited: false, wall: s(wall), cpu: s(wall), rssMb: s(rss) });
  const figures = [
    { id: 'ingest-cp949', stage: 'ingest', label: '', measured: measured(20, 250), ratios: [{ to: 'papaparse-cp949', value: 0.2 }, { to: 'miller-cp949', value: 3 }] },
    { id: 'ingest-xlsx', stage: 'xlsx', label: '', measured: measured(12, 460) },
    { id: 'cycle-cold', stage: 'cycle', label: '', measured: measured(80, 700) },
    { id: 'cycle-no-change', stage: 'cycle', label: '', measured: measured(4, 300) },
    { id: 'help-installed', stage: 'startup', label: '', measured: measured(0.2, 50) },
  ] as Parameters<typeof evaluateGoals>[0];
  const goals = evaluateGoals(figures);
  const byGoal = (text: string) => goals.find((g) => g.goal.startsWith(text));
  expect(byGoal('ingest CP949 ≥ 0.8×')).toMatchObject({ met: false, figure: 'ingest-cp949' });
  expect(byGoal('ingest CP949 ≥ 2.5×')).toMatchObject({ met: true, figure: 'ingest-cp949' });
  // The worst ingest for memory is the one the goal is judged on.
  expect(byGoal('ingest peak RSS')).toMatchObject({ met: false, figure: 'ingest-xlsx' });
  // Under 60 s is not enough for the cold cycle: its memory goal counts too.
  expect(byGoal('full cold cycle')).toMatchObject({ met: false, figure: 'cycle-cold' });
  expect(byGoal('no-change cycle (generated catalog)')).toMatchObject({ met: true });
  expect(byGoal('no-change cycle, the bundled catalog')?.met).toBeNull();

  const profiles = new Map(['ingest-cp949', 'ingest-xlsx', 'cycle-cold', 'cycle-no-change'].map((id) => [id, { spec: { cmd: process.execPath, args: [] } }]));
  const ctx = { figures, profiles } as unknown as Parameters<typeof profileOrder>[0];
  const order = profileOrder(ctx, goals);
  expect([...order.keys()]).toEqual(['ingest-cp949', 'ingest-xlsx', 'cycle-cold']);
  expect(order.get('ingest-cp949')).toEqual(['ingest CP949 ≥ 0.8× papaparse\'s bare streaming parse']);
  // When every goal is met, the slowest figure is still profiled.
  expect([...profileOrder(ctx, goals.map((g) => ({ ...g, met: true }))).keys()]).toEqual(['cycle-cold']);
});
