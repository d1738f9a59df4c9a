// Derived datasets computed before the build, so their diffs and freshness can go into the pages
// the build writes. The build computes them again from the same snapshots (same content, same
// hash); this pass logs only to debug so each dataset's status line appears once.
import type { Manifest } from '../publish/manifest.ts';
import type { Target } from '../publish/target.ts';
import { runTransforms, type TransformResult } from '../transform/index.ts';
import type { ValidateFn } from '../transform/types.ts';
import type { Catalog, Logger, RunContext } from '../types.ts';
import { loadRowSchema } from '../validate/load-schema.ts';
import { validateRows } from '../validate/validate-rows.ts';
import { ensureSnapshot } from './snapshots.ts';

function derivedValidator(ctx: RunContext): ValidateFn {
  return async (rows, ds) => {
    const schema = await loadRowSchema(ctx.catalogRoot, ds);
    const fetch = { outcome: 'fresh' as const, source: `sql:${ds.id}`, fetchedAt: ctx.effects.now().toISOString(), sample: false };
    return validateRows(rows, ds, schema, { work: ctx.work, effects: ctx.effects, fetch, derived: { from: ds.from ?? [], sql: ds.sql ?? '' } });
  };
}

function debugOnly(log: Logger): Logger {
  const d = (m: string) => log.debug(m);
  return { info: d, warn: d, error: d, debug: d, status: (s, n, x) => d(`[${s}] ${n}${x ? ` ${x}` : ''}`), progress: () => ({ tick() {}, done() {} }) };
}

/**
 * A derived dataset whose last good snapshot is only on the target (a CI job with an empty disk)
 * gets it back first, so that if its SQL fails this cycle the last good data is still there.
 */
export async function restoreDerived(catalog: Catalog, ctx: RunContext, base: Manifest | null, target: Target): Promise<void> {
  for (const ds of catalog.datasets.filter((d) => d.sql)) {
    try {
      await ensureSnapshot(ctx.work, ds.id, base?.datasets[ds.id], target);
    } catch (err) {
      ctx.effects.log.warn(`${ds.id}: could not read its last published snapshot back (${(err as Error).message}); it is recomputed from its sources`);
    }
  }
}

export async function preTransform(catalog: Catalog, ctx: RunContext): Promise<TransformResult> {
  const quiet = { ...ctx.effects, log: debugOnly(ctx.effects.log) };
  return runTransforms(catalog, { work: ctx.work, effects: quiet, validate: derivedValidator({ ...ctx, effects: quiet }) });
}
