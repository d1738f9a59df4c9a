// URLs inside the open-metadata files. With a configured baseUrl they are absolute (what
// harvesters and search engines want); without one they are relative to the file that carries
// them, which every JSON-LD processor resolves against the document's own URL, so the metadata
// stays correct wherever the site is mounted.
import { relativeHref } from './links.ts';

/** `path` is a site path (`/ko/datasets/x/` or `data/x.csv`); `from` is where the document lives. */
export function metadataUrl(baseUrl: string | null, path: string, from: string): string {
  const site = path.startsWith('/') ? path : `/${path}`;
  return baseUrl ? `${baseUrl}${site}` : relativeHref(site, from);
}

/**
 * JSON for a `<script type="application/ld+json">` block: the browser ends the block at the first
 * `</script`, whatever JSON says, so `<`, `>` and `&` (and the JavaScript line separators) are
 * written as \u escapes, which every JSON parser reads back as the same characters.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
