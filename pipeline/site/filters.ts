// Nunjucks filters the templates use. Each returns a plain string, so Nunjucks' autoescape
// still escapes it on output; none of them returns markup.
import type { Value } from '../types.ts';
import { periodKey, type Grain, type Period } from '../period.ts';
import { asLang, fill, formatAsPeriod, HANGUL, formatBytes, formatCell, formatDate, formatNumber, formatPeriod } from './format.ts';
import { relativeHref } from './links.ts';

type Filter = (...args: never[]) => unknown;

export const filters: Record<string, Filter> = {
  /** `{{ '/data/x.csv' | href(p.url) }}`: a site path relative to the current page. */
  href: (target: string, from: string) => relativeHref(String(target ?? ''), String(from ?? '/')),
  /** `{{ chart.title | l(p.lang) }}`: the text in the page's language (Korean when missing). */
  l: (value: { ko?: string; en?: string } | null | undefined, lang: string) => (value ? (value[asLang(lang)] ?? value.ko ?? '') : ''),
  num: (value: unknown, lang: string, digits?: number) => formatNumber(value, asLang(lang), { digits: digits ?? 2 }),
  date: (value: unknown, lang: string) => formatDate(value, asLang(lang)),
  /** `{{ ds.period.latest | period(p.lang) }}`: a period of the data in its grain's words. */
  period: (value: Period | null | undefined, lang: string, style?: 'long' | 'short') => (value ? formatPeriod(value, asLang(lang), style ?? 'long') : ''),
  /** `<time datetime="{{ ds.period.latest | periodKey }}">`: 2026-11, 2026-Q3, 2026-11-27. */
  periodKey: (value: Period | null | undefined) => (value ? periodKey(value) : ''),
  /** `{{ ind.time | asPeriod(grain, p.lang) }}`: a cell value read as a period of `grain`. */
  asPeriod: (value: unknown, grain: Grain | null | undefined, lang: string, style?: 'long' | 'short') => (grain ? formatAsPeriod(value, grain, asLang(lang), style ?? 'long') : formatDate(value, asLang(lang))),
  cell: (value: Value, column: { type?: string; key?: boolean } | undefined, lang: string) => formatCell(value, asLang(lang), column),
  bytes: (value: unknown, lang: string) => formatBytes(value, asLang(lang)),
  /** `lang="{{ v | foreignLang(p.lang) }}"`: 'ko' for Korean text on an English page, else ''. */
  foreignLang: (value: unknown, lang: string) => (asLang(lang) === 'en' && typeof value === 'string' && HANGUL.test(value) ? 'ko' : ''),
  fill: (template: string, vars: Record<string, unknown>) => fill(String(template ?? ''), vars ?? {}),
  /** `{{ p.t | key('cadence_', ds.cadence) }}`: a UI string chosen by a data value. */
  key: (strings: Record<string, string>, prefix: string, value: unknown) => strings?.[`${prefix}${String(value)}`] ?? String(value ?? ''),
};
