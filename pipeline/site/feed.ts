// Atom 1.0 feeds of the change log, `/ko/changes.xml` and `/en/changes.xml` (the template is
// site/feeds/changes.njk). Ids are name-based UUIDs, so they never change between builds and
// do not depend on where the site is hosted; links are absolute when the site knows its baseUrl,
// else relative to the feed (RFC 4287 allows IRI references).
import { createHash } from 'node:crypto';
import type { PerLang } from './model-types.ts';
import { LANGS, type Lang } from '../types.ts';
import { WORDS } from './cycle-words.ts';

export interface FeedEntry {
  id: string;
  title: string;
  updated: string;
  href: string;
  summary: string;
}

export interface FeedPage {
  lang: Lang;
  url: string;
  id: string;
  title: string;
  updated: string;
  selfHref: string;
  alternateHref: string;
  entries: FeedEntry[];
}

/** `urn:uuid:` of a name (SHA-1, version 5 layout): stable for the same name. */
export function feedId(name: string): string {
  const h = createHash('sha1').update(`citydash\u0000${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** When there is no entry yet, a fixed instant keeps the feed byte-identical between builds. */
const EPOCH = '1970-01-01T00:00:00.000Z';

export function feedPages(
  cycles: Array<{ id: string; at: string; title: PerLang<string>; summary: PerLang<string>; path: PerLang<string> }>,
  opts: { baseUrl: string | null; siteTitle: PerLang<string>; feedId: (name: string) => string },
): FeedPage[] {
  const key = opts.baseUrl ?? opts.siteTitle.ko;
  return LANGS.map((lang) => {
    const link = (path: string, relative: string) => (opts.baseUrl ? `${opts.baseUrl}${path}` : relative);
    const entries = cycles.map((c) => ({
      id: opts.feedId(`cycle ${c.id} ${lang} ${key}`),
      title: c.title[lang],
      updated: new Date(Date.parse(c.at)).toISOString(),
      href: link(c.path[lang], `changes/${c.id}/`),
      summary: c.summary[lang],
    }));
    return {
      lang,
      url: `/${lang}/changes.xml`,
      id: opts.feedId(`changes ${lang} ${key}`),
      title: `${opts.siteTitle[lang]} · ${WORDS[lang].changesTitle}`,
      updated: entries.reduce((max, e) => (e.updated > max ? e.updated : max), EPOCH),
      selfHref: link(`/${lang}/changes.xml`, 'changes.xml'),
      alternateHref: link(`/${lang}/changes/`, 'changes/'),
      entries,
    };
  });
}
