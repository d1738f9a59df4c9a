// docs/architecture.md §7: a derived dataset is never fresher than the datasets it is computed from.
import type { Catalog } from '../types.ts';
import type { DatasetLog } from '../cycle-log.ts';
import type { Freshness } from './freshness.ts';

const WORSE: Record<Freshness['status'], number> = { fresh: 0, due: 1, overdue: 2, failed: 3 };

/**
 * A derived dataset is no fresher than what it is computed from: a monthly average of a daily
 * series that stopped a week ago is overdue too, though its own month is not over. It takes the
 * least fresh status of its inputs (inputs first, in dependency order) and says which one.
 */
export function inheritFreshness(catalog: Catalog, logs: DatasetLog[]): void {
  const byId = new Map(logs.map((d) => [d.id, d]));
  const done = new Set<string>();
  const visit = (id: string, path: string[]): void => {
    const ds = catalog.datasets.find((d) => d.id === id);
    const log = byId.get(id);
    if (!ds || !log || done.has(id) || path.includes(id)) return;
    for (const from of ds.from ?? []) visit(from, [...path, id]);
    done.add(id);
    if (!ds.from || log.freshness.status === 'failed') return;
    for (const from of ds.from) {
      const f = byId.get(from)?.freshness;
      if (f && f.status !== 'failed' && WORSE[f.status] > WORSE[log.freshness.status]) {
        // Name the dataset that is actually late, not the derived one in between.
        const input = f.basis === 'input' && f.input ? f.input : from;
        log.freshness = { ...log.freshness, status: f.status, nextDue: f.nextDue, overdueSince: f.overdueSince, lateByMs: f.lateByMs, basis: 'input', input };
      }
    }
  };
  for (const d of logs) visit(d.id, []);
}
