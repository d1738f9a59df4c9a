// Which cycle and which date the data on a page belongs to: what feedback links, citations and
// downloaded images name. Both follow the data, not the build, so a page (or image) whose data did
// not change stays byte-identical from one cycle to the next.
import { cycleIdAt } from '../cycle-id.ts';
import { seoulDate } from '../seoul-time.ts';
import type { SnapshotMeta } from '../types.ts';
import type { SiteFreshness } from './model-types.ts';

export interface DataDateInput {
  cycleId: string;
  snapshots: Record<string, SnapshotMeta>;
  freshness?: SiteFreshness;
}

const latest = (times: Array<string | null | undefined>) => times.filter((t): t is string => Boolean(t)).sort().at(-1) ?? null;

/**
 * The cycle that published the latest change of these datasets' content; without a change log
 * (`citydash build`), the minute their data was fetched; this build's only when neither is known.
 */
export function dataCycleOf(ids: readonly string[], input: DataDateInput): string {
  // changedAt: when a cycle published this content (lastChange may be the source's Last-Modified).
  const changed = latest(ids.map((id) => { const f = input.freshness?.datasets[id]; return f?.changedAt ?? f?.lastChange ?? (input.freshness ? null : input.snapshots[id]?.fetch.fetchedAt); }));
  return changed ? cycleIdAt(new Date(changed)) : input.cycleId;
}

/** The date pages show as "last updated" (freshness' last change, else the fetch), in Seoul: yyyy-MM-dd. */
export function dataDateOf(ids: readonly string[], input: DataDateInput): string | null {
  const at = latest(ids.map((id) => input.freshness?.datasets[id]?.lastChange ?? input.snapshots[id]?.fetch.fetchedAt));
  return at ? seoulDate(at) : null;
}
