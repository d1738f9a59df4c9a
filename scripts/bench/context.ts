// What every stage gets: the config, the repository, a scratch folder, the generated inputs,
// and how to start a node child the way the CLI runs (TypeScript through tsx).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchConfig } from './config.ts';
import type { Figure } from './figures.ts';
import type { ProcSpec } from './proc.ts';

export const REPO = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const CHILDREN = fileURLToPath(new URL('./children/', import.meta.url));

export interface BenchContext {
  cfg: BenchConfig;
  repo: string;
  /** Scratch folder, removed at the end. */
  tmp: string;
  figures: Figure[];
  /** Stage-to-stage hand-over (e.g. the ingest catalog's path, a built site). */
  shared: Map<string, unknown>;
  /** How to re-run a figure's citydash process under the CPU profiler. */
  profiles: Map<string, ProfileTarget>;
}

export interface ProfileTarget {
  spec: ProcSpec;
  /** Puts the state back the way the measured runs started from. */
  before?: () => Promise<void>;
  note?: string;
}

/** A node child from scripts/bench/children, run through tsx from the repository root. */
export function nodeChild(name: string, args: string[], env?: Record<string, string | undefined>): ProcSpec {
  return { cmd: process.execPath, args: ['--import', 'tsx', join(CHILDREN, `${name}.ts`), ...args], cwd: REPO, env };
}

/** The same child, stopping once its modules are loaded (children/report.ts exitIfWarmup). */
export function warmupOf(spec: ProcSpec): ProcSpec {
  return { ...spec, env: { ...spec.env, BENCH_WARMUP: '1' } };
}

/** The citydash CLI exactly as users run it. */
export function cli(args: string[], env?: Record<string, string | undefined>): ProcSpec {
  return { cmd: process.execPath, args: [join(REPO, 'bin/citydash.js'), ...args], cwd: REPO, env };
}

export function shared<T>(ctx: BenchContext, key: string, make?: () => T): T {
  if (!ctx.shared.has(key)) {
    if (!make) throw new Error(`bench: stage input ${key} is not ready (run the stage that makes it first)`);
    ctx.shared.set(key, make());
  }
  return ctx.shared.get(key) as T;
}
