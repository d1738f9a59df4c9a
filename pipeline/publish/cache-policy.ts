// Cache-Control and upload order per docs/architecture.md §5. A file whose name carries its content hash
// never changes, so browsers and the CDN may keep it for a year; everything else (pages, feeds)
// is short-lived; the manifest is never cached, since it says which cycle is live.
import { MANIFEST_PATH } from './manifest.ts';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const SHORT = 'public, max-age=300, must-revalidate';
export const NO_CACHE = 'no-cache';

/** Upload stages, in order: a reader mid-publish never meets a page that links a missing file. */
export const STAGES = ['immutable', 'other', 'pages', 'feeds', 'state', 'manifest'] as const;
export type Stage = (typeof STAGES)[number];

const HEX = /^[0-9a-f]{8,}$/;
const looksLikeHash = (s: string) => HEX.test(s) && ((/[0-9]/.test(s) && /[a-f]/.test(s)) || s.length >= 16);
const PAGEFIND_CHUNK = /(^|\/)pagefind\/(?:.*\/)?[^/]*_[0-9a-f]{6,}\.pf_(?:fragment|index|filter|meta)$/;

/**
 * A content-hashed path: a hex segment of at least 8 characters in the file name
 * (`data/air.3f9a1c2b.csv`, `assets/site-3f9a1c2b.css`), Pagefind's hashed chunks, or anything
 * under `_citydash/snapshots/` and `_citydash/blobs/`. An all-digit segment needs 16 characters,
 * so a date such as `20261128` is not taken for a hash (a wrong "no" only costs caching).
 */
export function isContentHashed(path: string): boolean {
  if (path.startsWith('_citydash/snapshots/') || path.startsWith('_citydash/blobs/')) return true;
  if (PAGEFIND_CHUNK.test(path)) return true;
  const name = path.slice(path.lastIndexOf('/') + 1);
  const parts = name.split('.');
  if (parts.length < 2) return false;
  const stemTail = parts[0].split(/[-_]/).slice(1).at(-1);
  const middle = parts.slice(1, -1);
  return [stemTail, ...middle].some((s) => s !== undefined && looksLikeHash(s));
}

/** Publish bookkeeping that is written by publish itself, never taken from the built site. */
export const isPublishState = (path: string) =>
  path === MANIFEST_PATH || path.startsWith('_citydash/manifests/') || path.startsWith('_citydash/blobs/') ||
  path === '_citydash/lock.json' || path === '_citydash/pending.json';

/** History that is kept for good (never retired): the change log of every cycle and its manifest. */
export const isHistory = (path: string) => path.startsWith('_citydash/cycles/') || path.startsWith('_citydash/manifests/');

export function cacheControlFor(path: string): string {
  if (path === MANIFEST_PATH || path === '_citydash/lock.json' || path === '_citydash/pending.json') return NO_CACHE;
  if (isContentHashed(path)) return IMMUTABLE;
  return SHORT;
}

const FEED_TYPES = /^application\/(?:atom\+xml|rss\+xml|xml)\b/;

export function stageOf(path: string, contentType: string): Stage {
  if (path === MANIFEST_PATH) return 'manifest';
  if (isHistory(path)) return 'state';
  if (isContentHashed(path)) return 'immutable';
  if (contentType.startsWith('text/html')) return 'pages';
  if (FEED_TYPES.test(contentType)) return 'feeds';
  return 'other';
}
