// What the site adds for citizens and for the open-data ecosystem, in the two places buildSite
// calls it: globals for the templates (search pages, facets, schema.org blocks, UI words) and,
// once the pages exist, the files next to them: catalog.jsonld (DCAT-AP), datapackage.json,
// _headers and the Pagefind search index. A search index that cannot be built is a warning (the
// catalog still lists everything); the metadata files are part of the site and must be written.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';
import { sha256 } from '../hash.ts';
import type { Logger } from '../types.ts';
import { CITIZEN_STRINGS } from './citizen-i18n.ts';
import { buildClientBundle } from './client-bundle.ts';
import { CATALOG_JSONLD, dcatCatalog } from './dcat.ts';
import { DATAPACKAGE_JSON, dataPackage } from './datapackage.ts';
import { CSP_SEARCH_META, headersFile } from './headers.ts';
import { datasetJsonLdBlocks } from './jsonld.ts';
import type { SiteModel } from './model-types.ts';
import { SEARCH_DIR, searchFacets, searchPages, writeSearchIndex } from './pagefind.ts';

export const HEADERS_FILE = '_headers';

/** Bundles the browser code into `staging/assets/`; returns template name -> site path. */
export async function citizenAssets(templatesDir: string, staging: string, log: Logger): Promise<Record<string, string>> {
  return (await buildClientBundle(join(templatesDir, 'assets', 'js'), staging, log)).assets;
}

export function citizenGlobals(model: SiteModel, sizes: Record<string, number>): Record<string, unknown> {
  return {
    ui: CITIZEN_STRINGS,
    searchPages: searchPages(model),
    facets: searchFacets(model),
    jsonld: datasetJsonLdBlocks(model, sizes),
    cspSearch: CSP_SEARCH_META,
    openMetadata: { catalog: CATALOG_JSONLD, datapackage: DATAPACKAGE_JSON, search: SEARCH_DIR },
  };
}

async function sha256Of(files: string[], dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of files) out[f] = sha256(await readFile(join(dir, f)));
  return out;
}

export async function writeCitizenFiles(staging: string, model: SiteModel, sizes: Record<string, number>, rowSchemas: Record<string, unknown> | undefined, log: Logger): Promise<void> {
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  await writeFileAtomic(join(staging, CATALOG_JSONLD), json(dcatCatalog(model, sizes)));
  const downloads = model.datasets.flatMap((d) => (d.downloads ? [d.downloads.csv.path, d.downloads.json.path] : []));
  await writeFileAtomic(join(staging, DATAPACKAGE_JSON), json(dataPackage(model, { sizes, hashes: await sha256Of(downloads, staging), schemas: rowSchemas })));
  await writeFileAtomic(join(staging, HEADERS_FILE), headersFile());
  try {
    await writeSearchIndex(staging, log);
  } catch (err) {
    log.warn(`${(err as Error).message}; the search page will say search is unavailable`);
  }
}
