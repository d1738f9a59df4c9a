// Search: the search page of each language, the facets every chart and dataset page declares for
// Pagefind (data-pagefind-filter, written by site/_includes/search-facets.njk), and the Pagefind
// index itself, built from the finished pages of both languages (Pagefind keeps one index per
// <html lang>, so Korean and English words each find their own pages). No server: the index is
// static files under /pagefind/.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang, Logger } from '../types.ts';
import { LANGS } from '../types.ts';
import { CITIZEN_STRINGS, type CitizenStrings } from './citizen-i18n.ts';
import { paths } from './links.ts';
import type { SiteModel } from './model-types.ts';
import type { SitePage } from './pages.ts';
import { CitydashError } from '../errors.ts';

export const SEARCH_DIR = 'pagefind';
export const searchPath = (lang: Lang) => `/${lang}/search/`;

export class SearchIndexError extends CitydashError {
  constructor(siteDir: string, detail: string) {
    super(siteDir, `search index not built: ${detail}`);
    this.name = 'SearchIndexError';
  }
}

export interface SearchPage extends SitePage {
  u: CitizenStrings;
}

export function searchPages(model: SiteModel): SearchPage[] {
  return LANGS.map((lang) => {
    const other: Lang = lang === 'ko' ? 'en' : 'ko';
    return {
      lang, other, url: searchPath(lang), alternates: { ko: searchPath('ko'), en: searchPath('en') },
      t: model.strings[lang], ot: model.strings[other], u: CITIZEN_STRINGS[lang],
    };
  });
}

export interface PageFacets {
  kind: string;
  department: string[];
  area: string[];
  freshness: string;
}

const RANK: Record<string, number> = { fresh: 0, due: 1, overdue: 2, failed: 3 };

/** Freshness of a dataset: the cycle's verdict when there is one, else what the snapshot says. */
function statusOf(model: SiteModel, id: string): string {
  const fromCycle = model.freshness?.datasets[id]?.status;
  if (fromCycle) return fromCycle;
  const ds = model.datasets.find((d) => d.id === id);
  return !ds || !ds.available ? 'failed' : ds.stale ? 'overdue' : 'fresh';
}

export function searchFacets(model: SiteModel): Record<Lang, { charts: Record<string, PageFacets>; datasets: Record<string, PageFacets> }> {
  const out = { ko: { charts: {}, datasets: {} }, en: { charts: {}, datasets: {} } } as Record<Lang, { charts: Record<string, PageFacets>; datasets: Record<string, PageFacets> }>;
  const areaTitle = (id: string, lang: Lang) => model.areas.find((a) => a.id === id)?.title[lang] ?? id;
  for (const lang of LANGS) {
    const t = model.strings[lang] as unknown as Record<string, string>;
    const label = (status: string) => t[`status_${status}`] ?? status;
    const u = CITIZEN_STRINGS[lang];
    for (const c of model.charts) {
      const worst = c.datasets.map((id) => statusOf(model, id)).sort((a, b) => (RANK[b] ?? 1) - (RANK[a] ?? 1))[0] ?? 'fresh';
      out[lang].charts[c.id] = { kind: u.kindChart, department: c.departments.map((d) => d[lang]), area: [areaTitle(c.area, lang)], freshness: label(worst) };
    }
    for (const ds of model.datasets) {
      const areas = [...new Set(model.charts.filter((c) => ds.charts.includes(c.id)).map((c) => areaTitle(c.area, lang)))];
      out[lang].datasets[ds.id] = { kind: u.kindDataset, department: [ds.department[lang]], area: areas, freshness: label(statusOf(model, ds.id)) };
    }
  }
  return out;
}

// Pagefind runs one backend process per Node process; it is closed when no build uses it.
let active = 0;

/** Indexes the chart and dataset pages of `siteDir` into `siteDir/pagefind/`; returns the page count. */
export async function writeSearchIndex(siteDir: string, log: Logger): Promise<number> {
  const pagefind = await import('pagefind');
  const section = (make: (lang: Lang, id: string) => string) => make('ko', 'x').split('/')[2];
  active++;
  try {
    const { index, errors } = await pagefind.createIndex({
      // Navigation, chart drawings, data rows and code are not what people search for.
      excludeSelectors: ['header', 'footer', 'nav', '.skip-link', 'svg', '.data-table', '.downloads', '.embed-code', 'pre', 'template'],
    });
    if (!index) throw new SearchIndexError(siteDir, errors.join('; ') || 'Pagefind did not start');
    const added = await index.addDirectory({ path: siteDir, glob: `{${LANGS.join(',')}}/{${section(paths.chart)},${section(paths.dataset)}}/*/index.html` });
    if (added.errors.length) throw new SearchIndexError(siteDir, added.errors.join('; '));
    const written = await index.writeFiles({ outputPath: join(siteDir, SEARCH_DIR) });
    if (written.errors.length) throw new SearchIndexError(siteDir, written.errors.join('; '));
    await index.deleteIndex();
    // Pagefind's ready-made UIs are not used (the site has its own small client).
    for (const name of await readdir(join(siteDir, SEARCH_DIR))) {
      if (/^pagefind-(component-|modular-)?ui\.(js|css)$/.test(name)) await rm(join(siteDir, SEARCH_DIR, name));
    }
    log.debug(`site: search index of ${added.page_count} pages in ${SEARCH_DIR}/`);
    return added.page_count;
  } finally {
    active--;
    if (active === 0) await pagefind.close();
  }
}
