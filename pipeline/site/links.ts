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
    return null;
  }
}

export function absoluteUrl(baseUrl: string | null, path: string): string {
  return baseUrl ? `${baseUrl}${path}` : path;
}

export interface FeedbackVars {
  kind: 'chart' | 'dataset';
  id: string;
  cycle: string;
  url: string;
  title: string;
}

/**
 * The "give feedback" link: the configured template with {kind} {id} {cycle} {url} {title}
 * filled in, each URL-encoded. Without a template, a new issue in the repository (GitHub-style
 * `issues/new?title=&body=`). Null when neither is configured or the result is not a safe link.
 */
export function feedbackUrl(template: string | null, repository: string | null, vars: FeedbackVars): string | null {
  const tpl = template ?? (repository ? `${repository.replace(/\/+$/, '')}/issues/new?title={title}%20%28{kind}%3A%20{id}%29&body=Page%3A%20{url}%0ACycle%3A%20{cycle}%0A%0A` : null);
  if (!tpl) return null;
  const filled = tpl.replace(/\{(kind|id|cycle|url|title)\}/g, (_, name: keyof FeedbackVars) => encodeURIComponent(vars[name]));
  return safeHref(filled);
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The iframe snippet citizens paste; it is shown escaped on the page, so this is plain text. */
export function embedSnippet(src: string, title: string): string {
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="640" height="480" loading="lazy"></iframe>`;
}
