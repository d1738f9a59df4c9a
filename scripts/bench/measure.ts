// A figure: warm-up runs (discarded), then N measured runs, each in a fresh process.
import { runProc, type ProcRun, type ProcSpec } from './proc.ts';
import { spread, spreadOrNull, type Spread } from './stats.ts';

export interface Measured {
  runs: number;
  warmup: number;
  wall: Spread;
  cpu: Spread | null;
  rssMb: Spread | null;
  /** Results the child reported, one per measured run. */
  results: Array<Record<string, unknown>>;
}

export interface MeasureOptions {
  runs: number;
  warmup: number;
  /** Runs before every run (warm-up included), unmeasured: reset the state the run starts from. */
  before?: (i: number) => Promise<void>;
  /** The spec for run i (default: the same every time). */
  spec: ProcSpec | ((i: number) => ProcSpec);
  /** Progress line per run, on stderr. */
  label: string;
}

export async function measure(opts: MeasureOptions): Promise<Measured> {
  const runs: ProcRun[] = [];
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    await opts.before?.(i);
    const spec = typeof opts.spec === 'function' ? opts.spec(i) : opts.spec;
    const run = await runProc(spec);
    const warm = i < opts.warmup;
    process.stderr.write(`  ${opts.label} ${warm ? 'warm-up' : `run ${i - opts.warmup + 1}/${opts.runs}`}: ${run.wallSeconds.toFixed(2)} s${run.rssMb ? `, ${run.rssMb.toFixed(0)} MB` : ''}\n`);
    if (!warm) runs.push(run);
  }
  return summarise(runs, opts.warmup);
}

export function summarise(runs: ProcRun[], warmup: number): Measured {
  return {
    runs: runs.length,
    warmup,
    wall: spread(runs.map((r) => r.wallSeconds)),
    cpu: spreadOrNull(runs.map((r) => r.cpuSeconds)),
    rssMb: spreadOrNull(runs.map((r) => r.rssMb)),
    results: runs.map((r) => r.result ?? {}),
  };
}
