// A figure: warm-up runs (discarded), then measured runs, each in a fresh process. The number
// of measured runs is `maxRuns` unless a time budget says fewer fit: the first measured run
// tells how long one takes. The report gives every figure's run count.
import { runProc, type ProcRun, type ProcSpec } from './proc.ts';
import { spread, spreadOrNull, type Spread } from './stats.ts';

export interface Measured {
  runs: number;
  warmup: number;
  /** True when the time budget allowed fewer than the configured runs. */
  budgetLimited: boolean;
  wall: Spread;
  cpu: Spread | null;
  rssMb: Spread | null;
  /** Results the child reported, one per measured run. */
  results: Array<Record<string, unknown>>;
  /** Standard output of the last measured run (e.g. a --json summary). */
  lastStdout: string;
}

export interface MeasureOptions {
  label: string;
  /** The spec for run i (measured runs count from 0 after the warm-ups). */
  spec: ProcSpec | ((i: number) => ProcSpec);
  maxRuns: number;
  warmup: number;
  /** A cheaper warm-up than a full run (e.g. the same child loading its modules and exiting). */
  warmupSpec?: ProcSpec;
  /** Unmeasured, before every run (warm-ups too): reset the state a run starts from. */
  before?: (run: { warm: boolean; i: number }) => Promise<void>;
  /** Seconds this figure may take in all: fewer runs when the first shows more will not fit. */
  budgetSeconds?: number;
}

const specAt = (opts: MeasureOptions, i: number) => (typeof opts.spec === 'function' ? opts.spec(i) : opts.spec);

export async function measure(opts: MeasureOptions): Promise<Measured> {
  for (let w = 0; w < opts.warmup; w++) {
    await opts.before?.({ warm: true, i: w });
    const run = await runProc(opts.warmupSpec ?? specAt(opts, 0));
    process.stderr.write(`  ${opts.label} warm-up: ${run.wallSeconds.toFixed(2)} s\n`);
  }
  const runs: ProcRun[] = [];
  let planned = opts.maxRuns;
  for (let i = 0; i < planned; i++) {
    await opts.before?.({ warm: false, i });
    const run = await runProc(specAt(opts, i));
    runs.push(run);
    if (i === 0 && opts.budgetSeconds !== undefined) {
      planned = Math.max(1, Math.min(opts.maxRuns, Math.floor(opts.budgetSeconds / Math.max(run.wallSeconds, 0.001))));
    }
    process.stderr.write(`  ${opts.label} run ${i + 1}/${planned}: ${run.wallSeconds.toFixed(2)} s${run.rssMb ? `, ${run.rssMb.toFixed(0)} MB` : ''}\n`);
  }
  return {
    runs: runs.length,
    warmup: opts.warmup,
    budgetLimited: runs.length < opts.maxRuns,
    wall: spread(runs.map((r) => r.wallSeconds)),
    cpu: spreadOrNull(runs.map((r) => r.cpuSeconds)),
    rssMb: spreadOrNull(runs.map((r) => r.rssMb)),
    results: runs.map((r) => r.result ?? {}),
    lastStdout: runs[runs.length - 1]!.stdout,
  };
}
