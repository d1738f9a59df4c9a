// Numbers and dates as a reader of each language expects them (ko-KR: 1,234.5 / 2026년 11월 28일;
// en-US: 1,234.5 / Nov 28, 2026). Instants are shown in Seoul time, the city's own clock.
import type { Lang, Value } from '../types.ts';

const LOCALE: Record<Lang, string> = { ko: 'ko-KR', en: 'en-US' };
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

/** A number for reading; `grouping: false` for years and codes (2024, not 2,024). */
export function formatNumber(value: unknown, lang: Lang, opts: { digits?: number; grouping?: boolean; signed?: boolean } = {}): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value === null || value === undefined ? '' : String(value);
  return numberFormat(lang, {
    maximumFractionDigits: opts.digits ?? 4,
    useGrouping: opts.grouping ?? true,
    signDisplay: opts.signed ? 'exceptZero' : 'auto',
  }).format(value);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/;
const YEAR = /^\d{4}$/;

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
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(t)) {
    // Seoul time for everyone; English readers get the zone spelled out.
    const text = dateFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: SEOUL }).format(t);
    return lang === 'en' ? `${text} KST` : text;
  }
  return s;
}

function formatYear(year: number, lang: Lang): string {
  return lang === 'ko' ? `${year}년` : String(year);
}

/** A table cell: numbers localised (no grouping in key columns), everything else verbatim. */
export function formatCell(value: Value | undefined, lang: Lang, column?: { type?: string; key?: boolean }): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, lang, { grouping: !column?.key, digits: 6 });
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
