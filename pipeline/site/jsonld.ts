// schema.org `Dataset` for each dataset page (what dataset search engines read), in the page's
// language: name, description, licence, the department as creator and publisher, last change,
// measured variables with units, and one DataDownload per file. The block is data, never run:
// browsers do not execute `application/ld+json`, so the CSP does not apply to it, and the JSON is
// written script-safe (see scriptSafeJson).
import type { Lang } from '../types.ts';
import { paths } from './links.ts';
import { metadataUrl, scriptSafeJson } from './metadata-urls.ts';
import type { SiteDataset, SiteModel } from './model-types.ts';

export function datasetJsonLd(model: SiteModel, ds: SiteDataset, lang: Lang, sizes: Record<string, number>): Record<string, unknown> {
  const page = paths.dataset(lang, ds.id);
  const url = (p: string) => metadataUrl(model.settings.baseUrl, p, page);
  const other: Lang = lang === 'ko' ? 'en' : 'ko';
  const c = ds.contact;
  // Who answers for the data: its office, and how to reach it (office-level contacts only).
  const contactPoint = c ? { '@type': 'ContactPoint', name: c.office[lang], ...(c.phone ? { telephone: c.phone } : {}), ...(c.email ? { email: c.email } : {}), ...(c.url ? { url: c.url } : {}) } : null;
  const department = { '@type': 'GovernmentOrganization', name: ds.department[lang], alternateName: ds.department[other], ...(contactPoint ? { contactPoint } : {}) };
  const files = ds.downloads
    ? ([['text/csv', ds.downloads.csv], ['application/json', ds.downloads.json]] as const).map(([type, f]) => ({
        '@type': 'DataDownload',
        name: f.saveAs,
        encodingFormat: type,
        contentUrl: url(f.path),
        ...(sizes[f.path] !== undefined ? { contentSize: `${sizes[f.path]} B` } : {}),
      }))
    : [];
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': `${url(page)}#dataset`,
    name: ds.title[lang],
    alternateName: ds.title[other],
    description: ds.description[lang],
    url: url(page),
    sameAs: url(paths.dataset(other, ds.id)),
    identifier: ds.id,
    inLanguage: lang,
    isAccessibleForFree: true,
    license: ds.licence.url ?? ds.licence.title[lang],
    creator: department,
    publisher: department,
    ...(ds.fetch ? { dateModified: ds.fetch.fetchedAt } : {}),
    ...(ds.homepage ? { isBasedOn: ds.homepage } : {}),
    keywords: [...new Set([...ds.keywords[lang], ds.department[lang], model.strings[lang][`cadence_${ds.cadence}`] ?? ds.cadence])],
    variableMeasured: ds.columns.map((c) => ({
      '@type': 'PropertyValue',
      name: c.title[lang],
      propertyID: c.name,
      ...(c.unit ? { unitText: c.unit } : {}),
      ...(c.description ? { description: c.description[lang] } : {}),
    })),
    distribution: files,
    includedInDataCatalog: { '@type': 'DataCatalog', name: model.settings.siteTitle[lang], url: url(paths.catalog(lang)) },
  };
}

/** Script-safe JSON-LD per language and dataset id, for the dataset page template. */
export function datasetJsonLdBlocks(model: SiteModel, sizes: Record<string, number>): Record<Lang, Record<string, string>> {
  const out: Record<Lang, Record<string, string>> = { ko: {}, en: {} };
  for (const lang of ['ko', 'en'] as const) {
    for (const ds of model.datasets) out[lang][ds.id] = scriptSafeJson(datasetJsonLd(model, ds, lang, sizes));
  }
  return out;
}
