// Content-addressed names for downloads and assets (`data/<id>.<hash12>.csv`), so publish can
// serve them `immutable` and a page of the previous cycle keeps pointing at the files it was
// built with until the grace period ends (docs/architecture.md §5). The hash is known before any file is
// written: it covers the snapshot hash (or the renderer's cache key) plus the output format
// version, so the same name never holds different bytes.
import { createHash } from 'node:crypto';
import type { Lang } from '../types.ts';
import type { SiteChartFiles, SiteDatasetDownloads } from './model-types.ts';

/** Bump when the CSV/JSON/chart file encoding changes, so old names are not reused. */
export const DOWNLOAD_FORMAT_VERSION = 1;

/** Paths written by the site that never change content (publish may cache them for a year). */
export const IMMUTABLE_PATH = /\.[0-9a-f]{12}\.(?:csv|json|vl\.json|vega\.json|svg|png|css|js|woff2)$/;

export function shortHash(...parts: Array<string | Uint8Array>): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 12);
}

export function datasetDownloads(id: string, snapshotHash: string, columns: string[]): SiteDatasetDownloads {
  const h = shortHash(String(DOWNLOAD_FORMAT_VERSION), snapshotHash, columns.join(','));
  return {
    csv: { path: `data/${id}.${h}.csv`, saveAs: `${id}.csv` },
    json: { path: `data/${id}.${h}.json`, saveAs: `${id}.json` },
  };
}

export function chartFiles(id: string, lang: Lang, cacheKey: string, narrow = false): SiteChartFiles {
  const h = shortHash(String(DOWNLOAD_FORMAT_VERSION), cacheKey, lang);
  const base = `charts/${id}.${lang}.${h}`;
  return {
    svg: { path: `${base}.svg`, saveAs: `${id}.${lang}.svg` },
    png: { path: `${base}.png`, saveAs: `${id}.${lang}.png` },
    vegaLite: { path: `${base}.vl.json`, saveAs: `${id}.${lang}.vl.json` },
    vega: { path: `${base}.vega.json`, saveAs: `${id}.${lang}.vega.json` },
    ...(narrow ? { vegaNarrow: { path: `${base}.narrow.vega.json`, saveAs: `${id}.${lang}.narrow.vega.json` } } : {}),
  };
}

export function assetName(stem: string, ext: string, content: string | Uint8Array): string {
  return `assets/${stem}.${shortHash(content)}.${ext}`;
}
