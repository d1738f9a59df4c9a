// Freshness: is each dataset as current as the cadence its department agreed with citizens?
// Two questions, and the worse answer counts (README "Freshness", docs/architecture.md §7):
//
// CONTENT. A dataset's LAST CHANGE is the earlier of
//   (a) `changedAt` — when the content of its published snapshot (sha256 of the canonical rows)
//       last changed, as recorded in the target's manifest and carried from cycle to cycle; and
//   (b) the source's own Last-Modified for that content, when the source sends one.
// Re-fetching identical data keeps the hash and so keeps `changedAt`; a source that touches its
// file without changing it moves Last-Modified forward but (a) still holds the date back. New
// content whose source says it was last modified long ago counts from that older date. When the
// pipeline last ran never enters. The next change is expected one period after the last change.
//
// DATA. The newest period inside the data (the descriptor's `time: {column, grain, lag}`, see
// period.ts) must be as recent as the cadence allows: the period after it is expected by the
// later of its own end and one cadence period after the newest period's end, plus the dataset's
// publication lag. A daily series whose last day is a week old is overdue even if its file
// changed yesterday; October's monthly figures are not late on 28 November when they are
// published a month after the month ends (lag P1M).
//
// Either way a dataset is DUE from the expected instant and OVERDUE a quarter of a cadence period
// later (a daily dataset 6 hours on, a monthly one about a week). No snapshot at all is FAILED.
import type { Freshness, FreshnessStatus } from '../cycle-log.ts';
import type { Cadence } from '../types.ts';
import { addPeriod, CadenceError } from '../extract/index.ts';
import { addDuration, nextPeriod, parseDuration, periodEnd, periodKey, type DataPeriod } from '../period.ts';

export { addPeriod, CadenceError };
export type { Freshness, FreshnessStatus };

export interface FreshnessInput {
  every: Cadence;
  /** When the published content last changed (the manifest's changedAt); null without data. */
  changedAt: string | null;
  /** The source's Last-Modified for that content, if it sent one. */
  lastModified?: string | null;
  /** What the data holds (period.ts dataPeriodOf) and its publication lag (`time.lag`). */
  data?: { period: DataPeriod | null; lag?: string } | null;
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

/** When data for the period after `period` is expected (the DATA rule above); null when it cannot say. */
export function nextPeriodDue(period: DataPeriod, every: Cadence, lag: string | undefined): Date | null {
  const delay = parseDuration(lag);
  if (!delay) return null;
  const latestEnd = periodEnd(period.latest);
  const nextEnd = periodEnd(nextPeriod(period.latest)).getTime();
  const byCadence = addPeriod(latestEnd, every).getTime();
  return addDuration(new Date(Math.max(nextEnd, byCadence)), delay);
}


export function freshness(input: FreshnessInput, now: Date): Freshness {
  const last = lastChangeOf(input);
  const period = input.data?.period ?? null;
  const periodFields = { period: period ? { grain: period.grain, latest: periodKey(period.latest), basis: period.basis } : null };
  if (!last) return { status: 'failed', cadence: input.every, lastChange: null, nextDue: null, overdueSince: null, lateByMs: null, ...periodFields, dataDue: null, basis: null };
  const contentDue = addPeriod(last, input.every);
  // A period read from the fetch time says nothing the content rule does not.
  const dataDue = period && period.basis !== 'fetched' ? nextPeriodDue(period, input.every, input.data?.lag) : null;
  const basis = dataDue && dataDue.getTime() < contentDue.getTime() ? 'data' : 'content';
  const due = basis === 'data' ? dataDue! : contentDue;
  // A quarter of the cadence period that ends at `due` (for the content rule: since the last change).
  const periodMs = basis === 'data' ? addPeriod(due, input.every).getTime() - due.getTime() : due.getTime() - last.getTime();
  const overdue = new Date(due.getTime() + periodMs * GRACE_SHARE);
  const t = now.getTime();
  const status: FreshnessStatus = t < due.getTime() ? 'fresh' : t < overdue.getTime() ? 'due' : 'overdue';
  return {
    status,
    cadence: input.every,
    lastChange: last.toISOString(),
    nextDue: due.toISOString(),
    overdueSince: overdue.toISOString(),
    lateByMs: status === 'fresh' ? null : t - due.getTime(),
    ...periodFields,
    dataDue: dataDue ? dataDue.toISOString() : null,
    basis,
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
