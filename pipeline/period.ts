// Calendar periods of the data itself: the day, month, quarter or year a row describes, as a
// dataset's `time: {column, grain}` declares. Freshness asks whether the newest period is as
// recent as the agreed cadence allows; pages say "data as of <period>" in the grain's words.
// Periods are Seoul calendar periods: a day ends at midnight in Seoul, not in UTC.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fromSeoulWallClock, seoulWallClock } from './seoul-time.ts';

export const GRAINS = ['day', 'month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

/** One calendar period: its grain and its first day (yyyy-MM-dd). Plain JSON. */
export interface Period {
  grain: Grain;
  start: string;
}

/** What the data holds: its first and latest period, and where the latest one came from. */
export interface DataPeriod {
  grain: Grain;
  first: Period;
  latest: Period;
  /** `column`: read from the rows; `declared`: the descriptor's `time.asOf`; `fetched`: the day it was fetched. */
  basis: 'column' | 'declared' | 'fetched';
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const ymd = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const MONTHS_OF: Record<Exclude<Grain, 'day'>, number> = { month: 1, quarter: 3, year: 12 };

/** The period of grain `grain` that contains the calendar day y-m-d. */
function truncate(y: number, m: number, d: number, grain: Grain): Period {
  if (grain === 'day') return { grain, start: ymd(y, m, d) };
  if (grain === 'month') return { grain, start: ymd(y, m, 1) };
  if (grain === 'quarter') return { grain, start: ymd(y, m - ((m - 1) % 3), 1) };
  return { grain, start: ymd(y, 1, 1) };
}

function validDay(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

// How precise a value is: a month value cannot name a day.
const PRECISION: Record<Grain, number> = { day: 0, month: 1, quarter: 2, year: 3 };

/**
 * The period a cell value falls in, or null when the value cannot say (not a date, or coarser
 * than the grain: "2026-11" names no day). Reads yyyy-MM-dd, yyyyMMdd, yyyy-MM, yyyyMM, yyyy,
 * integer years, quarters (2026-Q3, 2026Q3), Seoul local datetimes and instants with a zone
 * (which Seoul day they fall on).
 */
export function periodOf(value: unknown, grain: Grain): Period | null {
  let y: number, m = 1, d = 1;
  let precision: Grain;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return null;
    y = value;
    precision = 'year';
  } else if (typeof value === 'string') {
    const s = value.trim();
    let x: RegExpExecArray | null;
    if ((x = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s))) {
      [y, m, d] = [+x[1]!, +x[2]!, +x[3]!];
      precision = 'day';
    } else if ((x = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(s))) {
      [y, m, d] = [+x[1]!, +x[2]!, +x[3]!];
      precision = 'day';
    } else if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s))) {
      const k = seoulWallClock(s);
      [y, m, d] = [k.getUTCFullYear(), k.getUTCMonth() + 1, k.getUTCDate()];
      precision = 'day';
    } else if ((x = /^(\d{4})-?(\d{2})$/.exec(s))) {
      [y, m] = [+x[1]!, +x[2]!];
      precision = 'month';
    } else if ((x = /^(\d{4})\s*-?\s*Q([1-4])$/i.exec(s))) {
      [y, m] = [+x[1]!, (+x[2]! - 1) * 3 + 1];
      precision = 'quarter';
    } else if ((x = /^(\d{4})$/.exec(s))) {
      y = +x[1]!;
      precision = 'year';
    } else return null;
  } else return null;
  if (!validDay(y, m, d)) return null;
  if (PRECISION[precision] > PRECISION[grain]) return null;
  return truncate(y, m, d, grain);
}

function parts(p: Period): [number, number, number] {
  return [+p.start.slice(0, 4), +p.start.slice(5, 7), +p.start.slice(8, 10)];
}

/** The period `n` periods after (or before, n < 0) `p`. */
export function shiftPeriod(p: Period, n: number): Period {
  const [y, m, d] = parts(p);
  if (p.grain === 'day') {
    const t = new Date(Date.UTC(y, m - 1, d + n));
    return { grain: 'day', start: ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()) };
  }
  const t = new Date(Date.UTC(y, m - 1 + n * MONTHS_OF[p.grain], 1));
  return { grain: p.grain, start: ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, 1) };
}

export const nextPeriod = (p: Period): Period => shiftPeriod(p, 1);

/** The same period a year earlier (29 February falls back to the 28th). */
export function yearBefore(p: Period): Period {
  const [y, m, d] = parts(p);
  if (p.grain !== 'day') return shiftPeriod(p, -(12 / MONTHS_OF[p.grain]));
  return { grain: 'day', start: ymd(y - 1, m, Math.min(d, new Date(Date.UTC(y - 1, m, 0)).getUTCDate())) };
}

/** The instant a period starts: midnight of its first day in Seoul. */
export function periodStart(p: Period): Date {
  const [y, m, d] = parts(p);
  return fromSeoulWallClock(Date.UTC(y, m - 1, d));
}

/** The instant a period is over: midnight in Seoul at the start of the next one. */
export function periodEnd(p: Period): Date {
  return periodStart(shiftPeriod(p, 1));
}

export function comparePeriods(a: Period, b: Period): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : 0;
}

/** A machine-readable name: 2026-11-27, 2026-11, 2026-Q3, 2026 (also the `datetime` of <time>). */
export function periodKey(p: Period): string {
  const [y, m] = parts(p);
  if (p.grain === 'day') return p.start;
  if (p.grain === 'month') return p.start.slice(0, 7);
  if (p.grain === 'quarter') return `${pad(y, 4)}-Q${(m - 1) / 3 + 1}`;
  return pad(y, 4);
}

/** The quarter number (1-4) of a quarter period. */
export function quarterOf(p: Period): number {
  return Math.floor((parts(p)[1] - 1) / 3) + 1;
}

// ISO 8601 durations for a dataset's publication lag (`time.lag`: P1D, P2W, P1M, P1M15D, P1Y).
export interface Duration {
  years: number;
  months: number;
  days: number;
}

// The descriptor schema's pattern (RE2 has no lookahead, so "P" alone is refused by length there).
const DURATION = /^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/;

export function parseDuration(text: string | undefined | null): Duration | null {
  if (!text) return { years: 0, months: 0, days: 0 };
  const x = DURATION.exec(text);
  if (!x || text.length < 3) return null;
  const n = (s: string | undefined) => (s ? parseInt(s, 10) : 0);
  return { years: n(x[1]), months: n(x[2]), days: n(x[3]) * 7 + n(x[4]) };
}

/** `at` plus a duration: years and months on the Seoul calendar (Jan 31 + P1M = Feb 28/29), then days. */
export function addDuration(at: Date, d: Duration): Date {
  const k = seoulWallClock(at);
  const y = k.getUTCFullYear() + d.years;
  const m = k.getUTCMonth() + d.months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(k.getUTCDate(), lastDay) + d.days;
  return fromSeoulWallClock(Date.UTC(y, m, day, k.getUTCHours(), k.getUTCMinutes(), k.getUTCSeconds(), k.getUTCMilliseconds()));
}

/** Earliest and latest period over values (null when none could be read). */
export class PeriodRange {
  first: Period | null = null;
  latest: Period | null = null;
  constructor(readonly grain: Grain) {}
  add(value: unknown): void {
    const p = periodOf(value, this.grain);
    if (!p) return;
    if (!this.first || comparePeriods(p, this.first) < 0) this.first = p;
    if (!this.latest || comparePeriods(p, this.latest) > 0) this.latest = p;
  }
}

/**
 * The first and latest period of `column` over a validated NDJSON rows file, read as a stream
 * (a million rows never sit in memory). Null when no row has a readable value.
 */
export async function scanPeriods(file: string, column: string, grain: Grain): Promise<{ first: Period; latest: Period } | null> {
  const range = new PeriodRange(grain);
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (!line.trim()) continue;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        continue; // the rows file was validated; a broken line is reported by whoever reads rows
      }
      if (row && typeof row === 'object') range.add((row as Record<string, unknown>)[column]);
    }
  } finally {
    lines.close();
    input.destroy();
  }
  return range.first && range.latest ? { first: range.first, latest: range.latest } : null;
}

/** A dataset's `time` declaration, as the descriptor gives it. */
export interface TimeSpec {
  grain: Grain;
  column?: string;
  asOf?: string | number;
  lag?: string;
}

/**
 * What period a dataset's data describes: from its time column, else the declared `asOf`, else
 * the day it was fetched (data that is a snapshot of "now", such as bike-station availability).
 */
export async function dataPeriodOf(time: TimeSpec, rowsFile: string, fetched: string | null | undefined): Promise<DataPeriod | null> {
  if (time.column) {
    const r = await scanPeriods(rowsFile, time.column, time.grain);
    return r ? { grain: time.grain, ...r, basis: 'column' } : null;
  }
  if (time.asOf !== undefined) {
    const p = periodOf(time.asOf, time.grain);
    return p ? { grain: time.grain, first: p, latest: p, basis: 'declared' } : null;
  }
  const p = fetched ? periodOf(fetched, time.grain) : null;
  return p ? { grain: time.grain, first: p, latest: p, basis: 'fetched' } : null;
}
