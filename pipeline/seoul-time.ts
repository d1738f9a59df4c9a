// Seoul time (KST, UTC+9), the city's own clock: how people read cycle times, which calendar day
// a `{date}` parameter names, when a calendar month ends. Korea has kept UTC+9 without daylight
// saving since 1988, so a fixed offset is exact and needs no time-zone database.

export const SEOUL_OFFSET_MS = 9 * 3_600_000;

/** The instant shifted so that its UTC fields read as Seoul wall-clock time. */
export function seoulWallClock(at: Date | string | number): Date {
  const t = typeof at === 'string' ? Date.parse(at) : typeof at === 'number' ? at : at.getTime();
  return new Date(t + SEOUL_OFFSET_MS);
}

/** The instant whose Seoul wall-clock time is the UTC fields of `wall` (the inverse of seoulWallClock). */
export function fromSeoulWallClock(wall: number): Date {
  return new Date(wall - SEOUL_OFFSET_MS);
}

/** `2026-11-29 06:00` in Seoul time: how a cycle is named in titles. */
export function seoulMinute(at: Date | string): string {
  const iso = seoulWallClock(at).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** `2026-11-29` in Seoul time. */
export function seoulDate(at: Date | string): string {
  return seoulMinute(at).slice(0, 10);
}

export interface Ymd { y: number; m: number; d: number } // m: 1..12

/** The calendar date in Seoul at instant `now`, as numbers. */
export function seoulYmd(now: Date): Ymd {
  const k = seoulWallClock(now);
  return { y: k.getUTCFullYear(), m: k.getUTCMonth() + 1, d: k.getUTCDate() };
}
