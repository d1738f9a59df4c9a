// `update.every` is the cadence a department agreed with citizens. A dataset is due when its
// last successful fetch is at least one period old. Periods get 5% slack: a nightly job that
// starts a few seconds earlier than yesterday's must not skip a day. Months are calendar
// months in Seoul time (a monthly dataset fetched on Jan 31 is due again on Feb 28/29).
import { fromSeoulWallClock, seoulWallClock } from '../seoul-time.ts';
import type { Cadence } from '../types.ts';
import { CitydashError } from '../errors.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SLACK = 0.05;

const FIXED: Partial<Record<Cadence, number>> = { hourly: HOUR, daily: DAY, weekly: 7 * DAY };
const MONTHS: Partial<Record<Cadence, number>> = { monthly: 1, quarterly: 3, yearly: 12 };

export class CadenceError extends CitydashError {
  constructor(every: unknown) {
    super(undefined, `unknown cadence ${JSON.stringify(every)} (expected hourly, daily, weekly, monthly, quarterly or yearly)`);
    this.name = 'CadenceError';
  }
}

/** One period after `from`: fixed lengths, or calendar months in Seoul time (Jan 31 + 1 month = Feb 28/29). */
export function addPeriod(from: Date, every: Cadence): Date {
  const fixed = FIXED[every];
  if (fixed !== undefined) return new Date(from.getTime() + fixed);
  const months = MONTHS[every];
  if (months === undefined) throw new CadenceError(every);
  return addMonthsSeoul(from, months);
}

/** When a dataset last fetched at `last` is due again (one period, less the slack). */
export function nextDue(last: Date, every: Cadence): Date {
  const end = addPeriod(last, every);
  return new Date(end.getTime() - (end.getTime() - last.getTime()) * SLACK);
}

export function isDue(lastFetchedAt: string | undefined, every: Cadence, now: Date): boolean {
  if (!lastFetchedAt) return true;
  const last = new Date(lastFetchedAt);
  if (Number.isNaN(last.getTime()) || last.getTime() > now.getTime()) return true;
  return now.getTime() >= nextDue(last, every).getTime();
}

function addMonthsSeoul(t: Date, months: number): Date {
  const local = seoulWallClock(t);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = Math.min(local.getUTCDate(), lastDay);
  const shifted = Date.UTC(y, m, d, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds());
  return fromSeoulWallClock(shifted);
}
