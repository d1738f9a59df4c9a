// Ceilings on the work untrusted catalog files can ask for (issue 16): derived SQL runs in
// DuckDB and chart specs run in vega, both written by whoever opens a pull request. One query or
// one chart over its budget is stopped and marked failed; the rest of the site still builds.
// citydash.yaml `budgets` may change them within the ceilings of settings.schema.json.
import { availableParallelism } from 'node:os';
import type { BudgetSettings } from './types.ts';

export interface Budgets {
  /** DuckDB memory_limit for one derived dataset's database. */
  sqlMemoryMb: number;
  /** DuckDB max_temp_directory_size: spilled data on disk, in the work folder. */
  sqlTempMb: number;
  /** A derived query running longer is interrupted. */
  sqlSeconds: number;
  /** DuckDB threads: no more than the machine has. */
  sqlThreads: number;
  /** V8 old-generation heap of a chart render process. */
  chartMemoryMb: number;
  /** One chart in one language; past it its render process is killed. */
  chartSeconds: number;
}

export const DEFAULT_BUDGETS: Readonly<Budgets> = Object.freeze({
  sqlMemoryMb: 1024,
  sqlTempMb: 2048,
  sqlSeconds: 120,
  sqlThreads: Math.max(1, availableParallelism()),
  chartMemoryMb: 512,
  chartSeconds: 60,
});

/** The defaults with citydash.yaml's `budgets` on top (the schema has already bounded them). */
export function budgetsOf(settings?: BudgetSettings): Budgets {
  const out: Budgets = { ...DEFAULT_BUDGETS };
  for (const key of ['sqlMemoryMb', 'sqlTempMb', 'sqlSeconds', 'chartMemoryMb', 'chartSeconds'] as const) {
    const v = settings?.[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[key] = v;
  }
  return out;
}

/** "1 GB", "512 MB": how a budget reads in an error message. */
export function megabytes(mb: number): string {
  return mb >= 1024 && mb % 1024 === 0 ? `${mb / 1024} GB` : `${mb} MB`;
}
