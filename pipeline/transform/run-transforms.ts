import type { Catalog } from '../types.ts';
import { deriveDataset } from './derive.ts';
import { DependencyCycleError, DerivedValidationError, messageOf } from './errors.ts';
import { planDerivations } from './order.ts';
import { failedReport, keepLastGood, writeReport } from './persist.ts';
import type { DerivedOutcome, TransformContext, TransformResult } from './types.ts';

/**
 * Compute every derived dataset of the catalog in dependency order. One dataset failing
 * (a `from` loop, bad SQL, a missing source, rows failing the schema) never stops the
 * others: it keeps its last good snapshot, marked stale, and its dependants build on that.
 */
export async function runTransforms(catalog: Catalog, ctx: TransformContext): Promise<TransformResult> {
  const { log } = ctx.effects;
  const plan = planDerivations(catalog.datasets);
  const catalogIds = new Set(catalog.datasets.map((d) => d.id));
  const failed = new Map<string, string>();
  const outcomes: DerivedOutcome[] = [];
  for (const ds of plan.order) {
    let outcome: DerivedOutcome;
    try {
      const cycle = plan.cycles.get(ds.id);
      if (cycle) throw new DependencyCycleError(ds, cycle);
      outcome = await deriveDataset(ds, catalogIds, failed, ctx, catalog.root);
    } catch (err) {
      const reason = messageOf(err);
      failed.set(ds.id, reason);
      const since = ctx.effects.now().toISOString();
      const keptLastGood = await keepLastGood(ctx.work, ds.id, since, reason);
      const report = err instanceof DerivedValidationError && err.report ? { ...err.report, status: 'failed' as const, error: reason } : failedReport(ds.id, reason);
      await writeReport(ctx.work, report).catch(() => undefined);
      outcome = { id: ds.id, status: 'failed', reason, keptLastGood, report };
    }
    outcomes.push(outcome);
    if (outcome.status === 'failed') {
      log.error(outcome.reason ?? ds.id);
      log.status(outcome.keptLastGood ? 'stale' : 'failed', ds.id, outcome.keptLastGood ? 'keeping last good data' : 'no data');
    } else {
      log.status(outcome.status, ds.id, `${outcome.rows ?? 0} rows`);
      if (outcome.cached) log.debug(`[cached] ${ds.id}: sources, SQL, schema and code unchanged; snapshot reused`);
    }
  }
  return { datasets: outcomes, ok: outcomes.every((o) => o.status !== 'failed') };
}
