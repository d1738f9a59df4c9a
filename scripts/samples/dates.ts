// Calendar helpers in UTC so the samples never depend on the machine's time zone.

export function utcDate(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** yyyyMMdd */
export function ymdCompact(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/** yyyy-MM-dd */
export function ymd(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** yyyy-MM */
export function ym(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** The first day of `count` consecutive months starting at year/month. */
export function months(year: number, month: number, count: number): Date[] {
  return Array.from({ length: count }, (_, i) => utcDate(year, month + i, 1));
}

/** Last day of the month of `d`. */
export function monthEnd(d: Date): Date {
  return utcDate(d.getUTCFullYear(), d.getUTCMonth() + 2, 0);
}

export function isWeekend(d: Date): boolean {
  const day = d.getUTCDay();
  return day === 0 || day === 6;
}
