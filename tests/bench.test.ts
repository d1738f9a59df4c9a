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
