// Where every page lives, and the links that leave the site. Internal links are written relative
// to the page (`../../data/x.csv`) so the site works under any path prefix (an S3 prefix, a
// project subpath) and from `citydash serve`.
import { posix } from 'node:path';
import type { Lang } from '../types.ts';
import type { PerLang } from './model-types.ts';

export const paths = {
  home: (lang: Lang) => `/${lang}/`,
  chart: (lang: Lang, id: string) => `/${lang}/charts/${id}/`,
  embed: (lang: Lang, id: string) => `/${lang}/embed/${id}/`,
  dataset: (lang: Lang, id: string) => `/${lang}/datasets/${id}/`,
  catalog: (lang: Lang) => `/${lang}/catalog/`,
  about: (lang: Lang) => `/${lang}/about/`,
  freshness: (lang: Lang) => `/${lang}/freshness/`,
  changes: (lang: Lang) => `/${lang}/changes/`,
  feedback: (lang: Lang) => `/${lang}/feedback/`,
  feedbackLog: (lang: Lang) => `/${lang}/feedback/log/`,
};

export function perLang(make: (lang: Lang) => string): PerLang<string> {
  return { ko: make('ko'), en: make('en') };
}

/** Ids become URL path segments, so only the catalog's id alphabet is accepted. */
export const SAFE_ID = /^[a-z0-9][a-z0-9-]{0,127}$/;

/**
 * A site-root path (`/data/x.csv`, `/en/charts/y/`) relative to the page at `from` (a directory
 * URL ending in `/`). Absolute URLs pass through.
 */
export function relativeHref(target: string, from: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return target;
  const fromDir = from.endsWith('/') ? from : posix.dirname(from) + '/';
  const [pathPart, hash = ''] = target.split('#', 2);
  const isDir = pathPart.endsWith('/');
  let rel = posix.relative(fromDir, pathPart.startsWith('/') ? pathPart : `/${pathPart}`);
  if (isDir) rel = rel === '' ? './' : `${rel}/`;
  else if (rel === '') rel = posix.basename(pathPart);
  return hash ? `${rel}#${hash}` : rel;
}

/** Links from data or settings become hrefs only when they are http(s) or mailto. */
export function safeHref(url: unknown): string | null {
  if (typeof url !== 'string' || url.trim() === '') return null;
  try {
    const u = new URL(url.trim());
    return ['http:', 'https:', 'mailto:'].includes(u.protocol) ? u.href : null;
  } catch {
    // Not a URL: the link is not shown (only http, https and mailto links ever are).
    return null;
  }
}

export function absoluteUrl(baseUrl: string | null, path: string): string {
  return baseUrl ? `${baseUrl}${path}` : path;
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The iframe snippet citizens paste; it is shown escaped on the page, so this is plain text. It
 * takes the width of the column it is pasted into, up to the chart's own width (the embed page
 * scales the chart down to fit), and the height the chart needs at that width plus its title and
 * link back.
 */
export function embedSnippet(src: string, title: string, size: { width: number; height: number } = { width: 640, height: 400 }): string {
  const width = Math.round(size.width + 24);
  const height = Math.round(size.height + 110);
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="${height}" style="max-width:${width}px;border:0" loading="lazy"></iframe>`;
}
