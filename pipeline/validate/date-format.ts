import { CitydashError } from '../errors.ts';
// Explicit date patterns (yyyyMMdd, yyyy-MM-dd, yyyy.MM.dd, yyyyMM, yyyy-MM-dd HH:mm,
// yyyyMMddHHmm, ...) compiled once per column into an anchored regex of fixed-width digit
// groups, so parsing is linear and never guesses day/month order.

export interface DateParts {
  y: number;
  M: number;
  d: number;
  H: number;
  m: number;
  s: number;
}

export type DateParser = (text: string) => DateParts | null;

const TOKENS: Record<string, { part: keyof DateParts; digits: string }> = {
  yyyy: { part: 'y', digits: '(\\d{4})' },
  MM: { part: 'M', digits: '(\\d{2})' },
  M: { part: 'M', digits: '(\\d{1,2})' },
  dd: { part: 'd', digits: '(\\d{2})' },
  d: { part: 'd', digits: '(\\d{1,2})' },
  HH: { part: 'H', digits: '(\\d{2})' },
  H: { part: 'H', digits: '(\\d{1,2})' },
  mm: { part: 'm', digits: '(\\d{2})' },
  ss: { part: 's', digits: '(\\d{2})' },
};
const TOKEN_RE = /yyyy|MM|M|dd|d|HH|H|mm|ss|'[^']*'|[A-Za-z]+|./g;

export class DateFormatError extends CitydashError {
  constructor(readonly format: string, detail: string) {
    super(`date format ${JSON.stringify(format)}`, `${detail} (use yyyy, MM, dd, HH, mm, ss and separators, e.g. yyyy-MM-dd HH:mm)`);
    this.name = 'DateFormatError';
  }
}

export function compileDateFormat(format: string): DateParser {
  if (format.length === 0 || format.length > 40) throw new DateFormatError(format, 'must be 1 to 40 characters');
  let pattern = '^';
  const parts: (keyof DateParts)[] = [];
  for (const tok of format.match(TOKEN_RE) ?? []) {
    const known = TOKENS[tok];
    if (known) {
      if (parts.includes(known.part)) throw new DateFormatError(format, `${tok} appears twice`);
      parts.push(known.part);
      pattern += known.digits;
    } else if (tok.startsWith("'")) {
      pattern += escape(tok.slice(1, -1));
    } else if (/^[A-Za-z]/.test(tok)) {
      throw new DateFormatError(format, `unknown pattern letter(s) ${JSON.stringify(tok)}`);
    } else {
      pattern += escape(tok);
    }
  }
  if (!parts.includes('y')) throw new DateFormatError(format, 'has no year (yyyy)');
  if (parts.includes('d') && !parts.includes('M')) throw new DateFormatError(format, 'has a day but no month');
  const re = new RegExp(`${pattern}$`);
  return (text) => {
    const m = re.exec(text);
    if (!m) return null;
    const out: DateParts = { y: 0, M: 1, d: 1, H: 0, m: 0, s: 0 };
    parts.forEach((p, i) => { out[p] = Number(m[i + 1]); });
    return out;
  };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// Already-ISO values (XLSX date cells converted by the reader, or API values) need no pattern.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function parseIso(text: string): DateParts | null {
  const m = ISO.exec(text);
  if (!m) return null;
  return { y: +m[1], M: +m[2], d: +m[3], H: +(m[4] ?? 0), m: +(m[5] ?? 0), s: +(m[6] ?? 0) };
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, M: number): number {
  return M === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : DAYS[M - 1];
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * Canonical form of valid parts, or null when out of range. `24:00` is the next day's 00:00
 * (Seoul's hourly data ends its day at 24:00); any other hour 24 is invalid.
 */
export function canonicalDate(p: DateParts, withTime: boolean): string | null {
  if (p.y < 1000 || p.M < 1 || p.M > 12 || p.d < 1 || p.d > daysInMonth(p.y, p.M)) return null;
  if (p.m > 59 || p.s > 59 || p.H > 24 || (p.H === 24 && (p.m !== 0 || p.s !== 0))) return null;
  if (p.H === 24) {
    // Rare: let Date roll the day, month and year over.
    const iso = new Date(Date.UTC(p.y, p.M - 1, p.d + 1)).toISOString();
    return withTime ? `${iso.slice(0, 10)}T00:00` : iso.slice(0, 10);
  }
  const date = `${p.y}-${pad2(p.M)}-${pad2(p.d)}`;
  return withTime ? `${date}T${pad2(p.H)}:${pad2(p.m)}` : date;
}
