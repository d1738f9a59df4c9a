// Numbers and dates as a reader of each language expects them (ko-KR: 1,234.5 / 2026년 11월 28일;
// English: 1,234.5 / 28 November 2026, day first as in most English outside the US and on the
// city's English pages). Instants are shown in Seoul time, the city's own clock. Periods of the
// data (period.ts) are named in their grain's words: 2026년 3분기 / Q3 2026.
import { periodOf, quarterOf, type Grain, type Period } from '../period.ts';
import type { Lang, Value } from '../types.ts';

/** Hangul syllables and jamo: Korean text, which an English page must mark lang="ko". */
export const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

const LOCALE: Record<Lang, string> = { ko: 'ko-KR', en: 'en-GB' };
const SEOUL = 'Asia/Seoul';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(lang: Lang, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${lang}|${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(LOCALE[lang], opts)));
  return f;
}
function dateFormat(lang: Lang, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${lang}|${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(LOCALE[lang], opts)));
  return f;
}

export function asLang(lang: unknown): Lang {
  return lang === 'en' ? 'en' : 'ko';
}

/**
 * A number for reading; `grouping: false` for years and codes (2024, not 2,024); `fixed` shows
 * exactly `digits` decimals (a table column reads 56.0 next to 47.4).
 */
export function formatNumber(value: unknown, lang: Lang, opts: { digits?: number; grouping?: boolean; signed?: boolean; fixed?: boolean } = {}): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value === null || value === undefined ? '' : String(value);
  return numberFormat(lang, {
    ...(opts.fixed ? { minimumFractionDigits: opts.digits ?? 0 } : {}),
    maximumFractionDigits: opts.digits ?? 4,
    useGrouping: opts.grouping ?? true,
    signDisplay: opts.signed ? 'exceptZero' : 'auto',
  }).format(value);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/;
const YEAR = /^\d{4}$/;
/** An HTTP date (Last-Modified): `Fri, 04 Dec 2026 17:04:39 GMT`. */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * A date-like value in words: canonical dates (yyyy-MM-dd), months (yyyy-MM), years, Seoul local
 * datetimes (yyyy-MM-ddTHH:mm, no zone) and instants with a zone (shown in Seoul time).
 * Anything else is returned as given rather than guessed at.
 */
export function formatDate(value: unknown, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') return Number.isInteger(value) && value > 999 && value < 10000 ? formatYear(value, lang) : String(value);
  const s = String(value);
  let m: RegExpExecArray | null;
  if ((m = DATE.exec(s))) {
    return dateFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  }
  if ((m = MONTH.exec(s))) {
    return dateFormat(lang, { year: 'numeric', month: lang === 'ko' ? 'long' : 'short', timeZone: 'UTC' }).format(Date.UTC(+m[1], +m[2] - 1, 1));
  }
  if (YEAR.test(s)) return formatYear(Number(s), lang);
  if ((m = LOCAL_DATETIME.exec(s))) {
    return dateFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]));
  }
  const t = Date.parse(s);
  if ((/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(s) || HTTP_DATE.test(s)) && !Number.isNaN(t)) {
    // Seoul time for everyone; English readers get the zone spelled out.
    const text = dateFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: SEOUL }).format(t);
    return lang === 'en' ? `${text} KST` : text;
  }
  return s;
}

function formatYear(year: number, lang: Lang): string {
  return lang === 'ko' ? `${year}년` : String(year);
}

/**
 * A period of the data in its grain's words. `long` (sentences, "data as of"): 2026년 11월 27일 /
 * 27 November 2026, 2026년 11월 / November 2026, 2026년 3분기 / Q3 2026, 2026년 / 2026. `short`
 * (table cells): English months abbreviated (27 Nov 2026, Nov 2026); Korean is already short.
 */
export function formatPeriod(p: Period, lang: Lang, style: 'long' | 'short' = 'long'): string {
  const y = Number(p.start.slice(0, 4));
  const m = Number(p.start.slice(5, 7));
  const d = Number(p.start.slice(8, 10));
  const month = lang === 'ko' ? 'long' : style === 'long' ? 'long' : 'short';
  if (p.grain === 'day') return dateFormat(lang, { year: 'numeric', month, day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
  if (p.grain === 'month') return dateFormat(lang, { year: 'numeric', month, timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
  if (p.grain === 'quarter') return lang === 'ko' ? `${y}년 ${quarterOf(p)}분기` : `Q${quarterOf(p)} ${y}`;
  return formatYear(y, lang);
}

/** A cell value as a period of `grain`, or the value as formatDate reads it when it is not one. */
export function formatAsPeriod(value: unknown, grain: Grain, lang: Lang, style: 'long' | 'short' = 'short'): string {
  const p = periodOf(value, grain);
  return p ? formatPeriod(p, lang, style) : formatDate(value, lang);
}

/**
 * A table cell: numbers localised (no grouping in key columns; a column's fixed decimals when it
 * has them), periods in their grain's words, everything else verbatim.
 */
export function formatCell(value: Value | undefined, lang: Lang, column?: { type?: string; key?: boolean; digits?: number | null; grain?: Grain | null }): string {
  if (value === null || value === undefined) return '';
  if (column?.grain && (typeof value === 'string' || (typeof value === 'number' && column.grain === 'year'))) return formatAsPeriod(value, column.grain, lang, 'short');
  if (typeof value === 'number') {
    const digits = column?.digits;
    return typeof digits === 'number' ? formatNumber(value, lang, { grouping: !column?.key, digits, fixed: true }) : formatNumber(value, lang, { grouping: !column?.key, digits: 6 });
  }
  if (typeof value === 'boolean') return lang === 'ko' ? (value ? '예' : '아니오') : value ? 'yes' : 'no';
  return value;
}

/** File sizes for download links: 1.2 MB / 1.2MB. */
export function formatBytes(bytes: unknown, lang: Lang): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${formatNumber(v, lang, { digits: i === 0 ? 0 : 1 })} ${units[i]}`;
}

/** Fill `{name}` placeholders of a UI string; unknown names stay visible so they get noticed. */
export function fill(template: string, vars: Record<string, unknown>): string {
  return String(template).replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => (name in vars ? String(vars[name] ?? '') : whole));
}
