// After fetch, validate and transform: compare the work dir's snapshots with the published ones
// and write down what happened (the cycle's change log, changelog.ts).
import { formatProblem } from '../catalog/index.ts';
import type { Target } from '../publish/index.ts';
import type { TransformResult } from '../transform/index.ts';
import type { Catalog, Logger, Problem, SnapshotMeta } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { buildCycleLog } from './changelog.ts';
import { changedAtFor } from './freshness.ts';
import { indicatorChanges } from './indicators.ts';
import type { CycleLog } from '../cycle-log.ts';
import type { SourceOutcome } from './refresh.ts';
import { publishedRows, readMeta } from './snapshots.ts';
import type { TargetState } from './target-state.ts';

export interface CompareInput {
  catalog: Catalog;
  cycle: string;
  now: Date;
  work: WorkDir;
  scratch: string;
  target: Target;
  state: TargetState;
  sources: SourceOutcome[];
  transform: TransformResult;
  errors: Problem[];
  log: Logger;
  /** Published datasets kept, stale, although their descriptor is refused (hold-refused.ts). */
  held?: readonly string[];
}

export interface Comparison {
  log: CycleLog;
  /** When each dataset's content last changed: kept while its hash is the published one. */
  changedAt: Record<string, string>;
}

export async function compareWithPublished(input: CompareInput): Promise<Comparison> {
  const { catalog, work, state, now } = input;
  const base = state.base;
  const snapshots: Record<string, SnapshotMeta> = {};
  for (const ds of catalog.datasets) {
    const meta = await readMeta(work, ds.id);
    if (meta) snapshots[ds.id] = meta;
  }
  const changedAt: Record<string, string> = {};
  for (const [id, meta] of Object.entries(snapshots)) changedAt[id] = changedAtFor(meta.hash, now, [state.live?.manifest.datasets[id], base?.datasets[id]]);

  // Published rows are read (from the copy kept aside, else the target) only for what changed.
  const rows = new Map<string, Promise<string | null>>();
  const published = (id: string) => {
    const entry = base?.datasets[id];
    if (!entry) return Promise.resolve(null);
    if (!rows.has(id)) rows.set(id, publishedRows(input.scratch, id, entry, input.target));
    return rows.get(id)!;
  };
  const indicators = await indicatorChanges(catalog, {
    after: (id) => (snapshots[id] ? { rows: work.rows(id), meta: snapshots[id]! } : null),
    before: async (id) => {
      const file = await published(id);
      const entry = base?.datasets[id];
      return file && entry ? { rows: file, meta: entry.meta } : null;
    },
    unchanged: (id) => base?.datasets[id]?.meta.hash === snapshots[id]?.hash,
  }, input.log);
  const held: Record<string, SnapshotMeta> = {};
  for (const id of input.held ?? []) {
    const meta = await readMeta(work, id);
    if (meta) held[id] = meta;
  }
  const log = await buildCycleLog({
    catalog, cycle: input.cycle, at: now, base, work, snapshots, sources: input.sources, derived: input.transform.datasets, changedAt,
    publishedRows: published, indicators, history: state.history, problems: input.errors.map(formatProblem), held,
  });
  return { log, changedAt };
}
