import type { DatasetDescriptor, Effects, Row, SnapshotMeta, ValidationReport } from '../types.ts';
import type { Budgets } from '../budgets.ts';
import type { WorkDir } from '../workdir.ts';

/**
 * The validate owner's reusable row validator (pipeline/validate/validate-rows.ts
 * `validateRows` with the schema and work dir bound), wired in by the coordinator. Contract:
 * it checks `rows` (already canonical) against `ds`'s schema and, when the report's status
 * is `ok`, stores the valid rows as `work.rows(ds.id)` (atomically) and returns the meta
 * describing that file. On status `failed` it leaves the existing rows file alone (meta may
 * be null), so the last good snapshot survives. runTransforms then (re)writes the meta,
 * adding `derived`, `fetch` and `stale`, and the report.
 */
export type ValidateFn = (
  rows: AsyncIterable<Row>,
  ds: DatasetDescriptor,
) => Promise<{ report: ValidationReport; meta: SnapshotMeta | null }>;

export interface TransformContext {
  work: WorkDir;
  effects: Effects;
  validate: ValidateFn;
  /** A derived query running longer than this is interrupted (default: budgets.sqlSeconds). */
  sqlTimeoutMs?: number;
  /** Memory, spill and time budgets of one derived query (default DEFAULT_BUDGETS). */
  budgets?: Budgets;
  /** false: compute every derived dataset even when its inputs are unchanged (default true). */
  reuse?: boolean;
}

/** What happened to one derived dataset this cycle. */
export interface DerivedOutcome {
  id: string;
  /** fresh: computed from fresh sources; stale: computed, but a source is last good data; failed: not computed. */
  status: 'fresh' | 'stale' | 'failed';
  /** Rows stored (fresh and stale). */
  rows?: number;
  /** Why it is stale or failed, with the descriptor file and dataset id. */
  reason?: string;
  /** Failed only: an earlier snapshot exists and stays in use, marked stale. */
  keptLastGood?: boolean;
  report?: ValidationReport;
  /** The snapshot of an earlier run was reused: sources, SQL, schema and code are unchanged. */
  cached?: boolean;
}

export interface TransformResult {
  /** Every derived dataset of the catalog, in the order they were computed. */
  datasets: DerivedOutcome[];
  /** True when no derived dataset failed. */
  ok: boolean;
}
