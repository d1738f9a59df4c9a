// catalog.jsonld: the site's datasets in DCAT-AP (JSON-LD), so national and European portals and
// any DCAT harvester can list them: the catalog, each dataset with its department as publisher,
// licence, update frequency (EU frequency vocabulary), last change and one distribution per
// download (CSV, JSON) with media type and byte size.
import type { Cadence, Lang, Localized } from '../types.ts';
import { LANGS } from '../types.ts';
import { paths } from './links.ts';
import { metadataUrl } from './metadata-urls.ts';
import type { SiteDataset, SiteFile, SiteLicence, SiteModel } from './model-types.ts';

export const CATALOG_JSONLD = 'catalog.jsonld';

const EU = 'http://publications.europa.eu/resource/authority';
/** docs/architecture.md §2 cadences -> EU Vocabularies "Frequency" authority table. */
export const FREQUENCY: Record<Cadence, string> = {
  hourly: `${EU}/frequency/HOURLY`,
  daily: `${EU}/frequency/DAILY`,
  weekly: `${EU}/frequency/WEEKLY`,
  monthly: `${EU}/frequency/MONTHLY`,
  quarterly: `${EU}/frequency/QUARTERLY`,
  yearly: `${EU}/frequency/ANNUAL`,
};
const LANGUAGE: Record<Lang, string> = { ko: `${EU}/language/KOR`, en: `${EU}/language/ENG` };
const FORMATS = {
  csv: { mediaType: 'text/csv', format: `${EU}/file-type/CSV`, label: 'CSV' },
  json: { mediaType: 'application/json', format: `${EU}/file-type/JSON`, label: 'JSON' },
};

export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

const text = (l: Localized) => LANGS.map((lang) => ({ '@value': l[lang], '@language': lang }));
const dateTime = (iso: string) => ({ '@value': iso, '@type': 'xsd:dateTime' });

function licence(l: SiteLicence) {
  return { ...(l.url ? { '@id': l.url } : {}), '@type': 'dct:LicenseDocument', 'dct:identifier': l.id, 'dct:title': text(l.title) };
}

function distribution(ds: SiteDataset, kind: keyof typeof FORMATS, file: SiteFile, sizes: Record<string, number>, url: (p: string) => string) {
  const f = FORMATS[kind];
  const size = sizes[file.path];
  return {
    '@id': url(file.path),
    '@type': 'dcat:Distribution',
    'dct:title': text({ ko: `${ds.title.ko} (${f.label})`, en: `${ds.title.en} (${f.label})` }),
    'dcat:accessURL': { '@id': url(paths.dataset('ko', ds.id)) },
    'dcat:downloadURL': { '@id': url(file.path) },
    'dcat:mediaType': { '@id': `http://www.iana.org/assignments/media-types/${f.mediaType}` },
    'dct:format': { '@id': f.format },
    ...(size !== undefined ? { 'dcat:byteSize': { '@value': String(size), '@type': 'xsd:nonNegativeInteger' } } : {}),
    'dct:license': licence(ds.licence),
    ...(ds.fetch ? { 'dct:modified': dateTime(ds.fetch.fetchedAt) } : {}),
  };
}

function dataset(ds: SiteDataset, model: SiteModel, sizes: Record<string, number>, url: (p: string) => string) {
  const areas = new Set(model.charts.filter((c) => ds.charts.includes(c.id)).map((c) => c.area));
  const areaWords = model.areas.filter((a) => areas.has(a.id)).flatMap((a) => LANGS.map((lang) => ({ '@value': a.title[lang], '@language': lang })));
  // The catalog's own keywords (what citizens search with) after the areas' names.
  const own = LANGS.flatMap((lang) => ds.keywords[lang].map((k) => ({ '@value': k, '@language': lang })));
  const keywords = [...areaWords, ...own.filter((k) => !areaWords.some((a) => a['@value'] === k['@value'] && a['@language'] === k['@language']))];
  return {
    '@id': `${url(paths.dataset('ko', ds.id))}#dataset`,
    '@type': 'dcat:Dataset',
    'dct:identifier': ds.id,
    'dct:title': text(ds.title),
    'dct:description': text(ds.description),
    'dct:publisher': { '@id': `${url('/')}#department-${ds.department.id}`, '@type': 'foaf:Organization', 'foaf:name': text(ds.department) },
    'dct:license': licence(ds.licence),
    'dct:accrualPeriodicity': { '@id': FREQUENCY[ds.cadence] },
    ...(ds.fetch ? { 'dct:modified': dateTime(ds.fetch.fetchedAt) } : {}),
    'dct:language': LANGS.map((l) => ({ '@id': LANGUAGE[l] })),
    'dcat:landingPage': LANGS.map((l) => ({ '@id': url(paths.dataset(l, ds.id)) })),
    ...(keywords.length ? { 'dcat:keyword': keywords } : {}),
    ...(ds.homepage ? { 'dct:source': { '@id': ds.homepage } } : {}),
    ...contactPoint(ds),
    ...(ds.derived ? { 'dct:relation': ds.derived.from.map((id) => ({ '@id': `${url(paths.dataset('ko', id))}#dataset` })) } : {}),
    'dcat:distribution': ds.downloads
      ? [distribution(ds, 'csv', ds.downloads.csv, sizes, url), distribution(ds, 'json', ds.downloads.json, sizes, url)]
      : [],
  };
}

/** Who answers for the dataset: its office (or department), and how to reach it or give feedback. */
function contactPoint(ds: SiteDataset): Record<string, unknown> {
  const c = ds.contact;
  const links = ds.feedback.links?.ko;
  const url = c?.url ?? links?.form?.href ?? links?.github ?? null;
  const email = c?.email ?? links?.email?.replace(/\?.*$/, '') ?? null;
  if (!c && !url && !email) return {};
  return {
    'dcat:contactPoint': {
      '@type': 'vcard:Organization',
      'vcard:fn': (c?.office ?? ds.department).ko,
      ...(email ? { 'vcard:hasEmail': { '@id': email } } : {}),
      ...(c?.phone ? { 'vcard:hasTelephone': { '@id': `tel:${c.phone.replace(/[\s-]/g, '')}` } } : {}),
      ...(url ? { 'vcard:hasURL': { '@id': url } } : {}),
    },
  };
}

/** The DCAT-AP catalog of the site; `sizes` are the byte sizes of the written downloads. */
export function dcatCatalog(model: SiteModel, sizes: Record<string, number>): Record<string, unknown> {
  const url = (p: string) => metadataUrl(model.settings.baseUrl, p, `/${CATALOG_JSONLD}`);
  return {
    '@context': DCAT_CONTEXT,
    '@id': url(`/${CATALOG_JSONLD}`),
    '@type': 'dcat:Catalog',
    'dct:title': text(model.settings.siteTitle),
    'dct:description': text({ ko: model.strings.ko.homeIntro, en: model.strings.en.homeIntro }),
    'dct:publisher': { '@id': `${url('/')}#publisher`, '@type': 'foaf:Agent', 'foaf:name': text(model.settings.siteTitle) },
    'foaf:homepage': { '@id': url('/') },
    'dct:language': LANGS.map((l) => ({ '@id': LANGUAGE[l] })),
    'dct:modified': dateTime(model.builtAt),
    'dcat:dataset': model.datasets.filter((d) => d.available).map((d) => dataset(d, model, sizes, url)),
  };
}
