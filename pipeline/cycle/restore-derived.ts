// Before a cycle computes its derived datasets, each one's last good snapshot is made sure of.
import type { Manifest, Target } from '../publish/index.ts';
import type { Catalog, RunContext } from '../types.ts';
import { ensureSnapshot } from './snapshots.ts';

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
