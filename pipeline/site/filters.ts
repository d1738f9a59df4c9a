// Nunjucks filters the templates use. Each returns a plain string, so Nunjucks' autoescape
// still escapes it on output; none of them returns markup.
import type { Value } from '../types.ts';
import { asLang, fill, formatBytes, formatCell, formatDate, formatNumber } from './format.ts';
import { relativeHref } from './links.ts';

type Filter = (...args: never[]) => unknown;

export const filters: Record<string, Filter> = {
  /** `{{ '/data/x.csv' | href(p.url) }}`: a site path relative to the current page. */
  href: (target: string, from: string) => relativeHref(String(target ?? ''), String(from ?? '/')),
  /** `{{ chart.title | l(p.lang) }}`: the text in the page's language (Korean when missing). */
  l: (value: { ko?: string; en?: string } | null | undefined, lang: string) => (value ? (value[asLang(lang)] ?? value.ko ?? '') : ''),
  num: (value: unknown, lang: string, digits?: number) => formatNumber(value, asLang(lang), { digits: digits ?? 2 }),
  date: (value: unknown, lang: string) => formatDate(value, asLang(lang)),
  cell: (value: Value, column: { type?: string; key?: boolean } | undefined, lang: string) => formatCell(value, asLang(lang), column),
  bytes: (value: unknown, lang: string) => formatBytes(value, asLang(lang)),
  fill: (template: string, vars: Record<string, unknown>) => fill(String(template ?? ''), vars ?? {}),
  /** `{{ p.t | key('cadence_', ds.cadence) }}`: a UI string chosen by a data value. */
  key: (strings: Record<string, string>, prefix: string, value: unknown) => strings?.[`${prefix}${String(value)}`] ?? String(value ?? ''),
};
