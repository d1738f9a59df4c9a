// Which cycle and which date the data on a page belongs to: what feedback links, citations and
// downloaded images name. Both follow the data, not the build, so a page (or image) whose data did
// not change stays byte-identical from one cycle to the next. The date is the one the data itself
// reaches (its latest day), which is what a citizen means by "the figure for 27 November".
import { cycleIdAt } from '../cycle-id.ts';
import { seoulDate } from '../seoul-time.ts';
import type { Catalog, DatasetDescriptor, SnapshotMeta } from '../types.ts';
import type { SiteFreshness } from './model-types.ts';
import { readRows } from './rows.ts';

export interface DataDateInput {
  cycleId: string;
  snapshots: Record<string, SnapshotMeta>;
  freshness?: SiteFreshness;
  /** Per dataset, the latest day its rows cover (yyyy-MM-dd), from readDataThrough. */
  through?: Record<string, string>;
}

/** The date columns that say when a row is about: those of the primary key, else every one. */
function timeColumns(ds: DatasetDescriptor): string[] {
  const dated = Object.entries(ds.columns).filter(([, c]) => c.type === 'date' || c.type === 'datetime').map(([name]) => name);
  const keyed = dated.filter((name) => ds.primaryKey.includes(name));
  return keyed.length ? keyed : dated;
}

/** Per dataset with a snapshot and a date column, the latest day its rows cover. One pass over each. */
export async function readDataThrough(catalog: Catalog, snapshots: Record<string, SnapshotMeta>, rowsPath: (id: string) => string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const ds of catalog.datasets) {
    const cols = timeColumns(ds);
    if (!snapshots[ds.id] || cols.length === 0) continue;
    let max = '';
    try {
      for await (const row of readRows(rowsPath(ds.id))) {
        for (const c of cols) {
          const v = row[c];
          if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && v.slice(0, 10) > max) max = v.slice(0, 10);
        }
      }
    } catch {
      continue; // An unreadable snapshot is reported where the site reads it; its date falls back to the fetch.
    }
    if (max) out[ds.id] = max;
  }
  return out;
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

/** The latest day these datasets' rows cover (yyyy-MM-dd); for data without dates, the day it was fetched (Seoul). */
export function dataDateOf(ids: readonly string[], input: DataDateInput): string | null {
  return latest(ids.map((id) => {
    const through = input.through?.[id];
    if (through) return through;
    const at = input.snapshots[id]?.fetch.fetchedAt;
    return at ? seoulDate(at) : null;
  }));
}
