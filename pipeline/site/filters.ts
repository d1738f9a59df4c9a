// Nunjucks filters the templates use. Each returns a plain string (or, for words that may stay
// Korean on an English page, a {text, lang} pair whose text the template prints), so Nunjucks'
// autoescape still escapes it on output; none of them returns markup.
import type { Value } from '../types.ts';
import { labelsOf, unitLabel, valueLabel, type Worded } from '../catalog/index.ts';
import { periodKey, type Grain, type Period } from '../period.ts';
import { asLang, fill, formatAsPeriod, HANGUL, formatBytes, formatCell, formatDate, formatNumber, formatPeriod } from './format.ts';
import { relativeHref } from './links.ts';

type Filter = (...args: never[]) => unknown;

// A "word" with Hangul in it: the Hangul and whatever non-space characters cling to it (2호선, (응답소)).
const KOREAN_WORDS = /[^\s'"`,;=]*[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af][^\s'"`,;=]*(?:\s+[^\s'"`,;=]*[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af][^\s'"`,;=]*)*/g;

export function hangulRuns(text: string, lang: 'ko' | 'en'): Array<{ text: string; ko: boolean }> {
  if (lang === 'ko' || !HANGUL.test(text)) return [{ text, ko: false }];
  const out: Array<{ text: string; ko: boolean }> = [];
  let at = 0;
  for (const m of text.matchAll(KOREAN_WORDS)) {
    if (m.index! > at) out.push({ text: text.slice(at, m.index), ko: false });
    out.push({ text: m[0], ko: true });
    at = m.index! + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), ko: false });
  return out;
}

export const filters: Record<string, Filter> = {
  /** `{{ '/data/x.csv' | href(p.url) }}`: a site path relative to the current page. */
  href: (target: string, from: string) => relativeHref(String(target ?? ''), String(from ?? '/')),
  /** `{{ chart.title | l(p.lang) }}`: the text in the page's language (Korean when missing). */
  l: (value: { ko?: string; en?: string } | null | undefined, lang: string) => (value ? (value[asLang(lang)] ?? value.ko ?? '') : ''),
  num: (value: unknown, lang: string, digits?: number) => formatNumber(value, asLang(lang), { digits: digits ?? 2 }),
  date: (value: unknown, lang: string) => formatDate(value, asLang(lang)),
  /** `datetime="{{ lastModified | isoInstant }}"`: an HTTP or ISO date as an ISO instant ('' when unreadable). */
  isoInstant: (value: unknown) => {
    const t = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    return Number.isNaN(t) ? '' : new Date(t).toISOString();
  },
  /** `{{ ds.period.latest | period(p.lang) }}`: a period of the data in its grain's words. */
  period: (value: Period | null | undefined, lang: string, style?: 'long' | 'short') => (value ? formatPeriod(value, asLang(lang), style ?? 'long') : ''),
  /** `<time datetime="{{ ds.period.latest | periodKey }}">`: 2026-11, 2026-Q3, 2026-11-27. */
  periodKey: (value: Period | null | undefined) => (value ? periodKey(value) : ''),
  /** `{{ ind.time | asPeriod(grain, p.lang) }}`: a cell value read as a period of `grain`. */
  asPeriod: (value: unknown, grain: Grain | null | undefined, lang: string, style?: 'long' | 'short') => (grain ? formatAsPeriod(value, grain, asLang(lang), style ?? 'long') : formatDate(value, asLang(lang))),
  cell: (value: Value, column: { type?: string; key?: boolean } | undefined, lang: string) => formatCell(value, asLang(lang), column),
  bytes: (value: unknown, lang: string) => formatBytes(value, asLang(lang)),
  /**
   * `{% set w = v | worded(c, p.lang) %}`: a table value in the page's language through the
   * column's translation table ({text, lang}; lang 'ko' when Korean remains on an English page).
   */
  worded: (value: unknown, column: { name?: string; labels?: Readonly<Record<string, string>> | null } | null | undefined, lang: string): Worded =>
    typeof value === 'string' ? valueLabel(value, asLang(lang), column?.labels ?? labelsOf(column?.name ?? '', undefined)) : { text: String(value ?? ''), lang: asLang(lang) },
  /** `{% set u = c | unitWord(p.lang) %}`: a column's unit (or a unit string) in the page's language, {text, lang}. */
  unitWord: (column: string | { unit?: string | null; unitEn?: string | null } | null | undefined, lang: string): Worded => {
    const l = asLang(lang);
    if (!column) return { text: '', lang: l };
    if (typeof column === 'string') return unitLabel(column, l);
    if (!column.unit) return { text: '', lang: l };
    return l === 'en' && typeof column.unitEn === 'string' ? { text: column.unitEn, lang: l } : unitLabel(column.unit, l);
  },
  /**
   * `{% for r in text | runs(p.lang) %}`: free text cut into runs, each Korean word on an English
   * page a run of its own ({text, ko: true}) for the template to mark lang="ko" (SQL literals,
   * rejected values, error messages quoting department files).
   */
  runs: (value: unknown, lang: string) => hangulRuns(String(value ?? ''), asLang(lang)),
  /** `lang="{{ v | foreignLang(p.lang) }}"`: 'ko' for Korean text on an English page, else ''. */
  foreignLang: (value: unknown, lang: string) => (asLang(lang) === 'en' && typeof value === 'string' && HANGUL.test(value) ? 'ko' : ''),
  fill: (template: string, vars: Record<string, unknown>) => fill(String(template ?? ''), vars ?? {}),
  /** `{{ p.t | key('cadence_', ds.cadence) }}`: a UI string chosen by a data value. */
  key: (strings: Record<string, string>, prefix: string, value: unknown) => strings?.[`${prefix}${String(value)}`] ?? String(value ?? ''),
};
