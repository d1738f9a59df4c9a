// How often the data probably changes, from the spacing of its time values: hourly readings,
// one row set a day, a month, a quarter, a year. Only a guess: the cadence in the catalog is
// the one agreed with civil society, so the comment asks for it to be checked.
import type { Cadence } from '../types.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** @param values canonical `yyyy-MM-dd` or `yyyy-MM-ddTHH:mm` values, any order, repeats allowed. */
export function guessCadence(values: Iterable<string>): { every: Cadence; because: string } | undefined {
  const times = [...new Set(values)].map((v) => Date.parse(v.length === 10 ? `${v}T00:00Z` : `${v}Z`)).filter(Number.isFinite).sort((a, b) => a - b);
  if (times.length < 2) return undefined;
  let gap = Infinity;
  for (let i = 1; i < times.length; i++) gap = Math.min(gap, times[i]! - times[i - 1]!);
  const days = gap / DAY;
  if (gap <= HOUR) return { every: 'hourly', because: 'times one hour apart' };
  if (days <= 1) return { every: 'daily', because: 'dates one day apart' };
  if (days <= 7) return { every: 'weekly', because: 'dates a week apart' };
  if (days <= 31) return { every: 'monthly', because: 'dates a month apart' };
  if (days <= 92) return { every: 'quarterly', because: 'dates a quarter apart' };
  return { every: 'yearly', because: 'dates a year or more apart' };
}
