// Freshness: is each dataset as current as the cadence its department agreed with citizens?
//
// The rule (README "Freshness"): a dataset's LAST CHANGE is the earlier of
//   (a) `changedAt` — when the content of its published snapshot (sha256 of the canonical rows)
//       last changed, as recorded in the target's manifest and carried from cycle to cycle; and
//   (b) the source's own Last-Modified for that content, when the source sends one.
// Re-fetching identical data keeps the hash and so keeps `changedAt`; a source that touches its
// file without changing it moves Last-Modified forward but (a) still holds the date back. New
// content whose source says it was last modified long ago counts from that older date. When the
// pipeline last ran never enters. The newest date INSIDE the data is not used: publication lags
// differ per dataset (monthly statistics appear weeks after the month ends) and would need a
// per-dataset lag setting to mean anything.
//
// The next update is expected one period after the last change (hourly, daily and weekly are
// fixed lengths; months are calendar months in Seoul time). From then the dataset is DUE; a
// quarter of a period later it is OVERDUE (a daily dataset 30 hours after its last change, a
// monthly one about a week after the expected date). No snapshot at all is FAILED.
import type { Freshness, FreshnessStatus } from '../cycle-log.ts';
import type { Cadence } from '../types.ts';
import { addPeriod, CadenceError } from '../extract/index.ts';

export { addPeriod, CadenceError };
export type { Freshness, FreshnessStatus };

export interface FreshnessInput {
  every: Cadence;
  /** When the published content last changed (the manifest's changedAt); null without data. */
  changedAt: string | null;
  /** The source's Last-Modified for that content, if it sent one. */
  lastModified?: string | null;
}


export const GRACE_SHARE = 0.25;

function parse(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** The basis of freshness: the earlier of changedAt and Last-Modified (see the rule above). */
export function lastChangeOf(input: Pick<FreshnessInput, 'changedAt' | 'lastModified'>): Date | null {
  const changed = parse(input.changedAt);
  if (changed === null) return null;
  const modified = parse(input.lastModified);
  return new Date(modified !== null && modified < changed ? modified : changed);
}

export function freshness(input: FreshnessInput, now: Date): Freshness {
  const last = lastChangeOf(input);
  if (!last) return { status: 'failed', cadence: input.every, lastChange: null, nextDue: null, overdueSince: null, lateByMs: null };
  const due = addPeriod(last, input.every);
  const grace = (due.getTime() - last.getTime()) * GRACE_SHARE;
  const overdue = new Date(due.getTime() + grace);
  const t = now.getTime();
  const status: FreshnessStatus = t < due.getTime() ? 'fresh' : t < overdue.getTime() ? 'due' : 'overdue';
  return {
    status,
    cadence: input.every,
    lastChange: last.toISOString(),
    nextDue: due.toISOString(),
    overdueSince: overdue.toISOString(),
    lateByMs: status === 'fresh' ? null : t - due.getTime(),
  };
}

/**
 * When a dataset's current content first appeared: the changedAt of the first earlier record
 * with the same content hash, else now. The same rule as the publish stage's manifest.
 */
export function changedAtFor(hash: string, now: Date, earlier: Array<{ meta: { hash: string }; changedAt: string } | undefined | null>): string {
  for (const e of earlier) if (e && e.meta.hash === hash && parse(e.changedAt) !== null) return e.changedAt;
  return now.toISOString();
}
