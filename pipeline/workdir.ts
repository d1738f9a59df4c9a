import { join } from 'node:path';

// Layout of the working directory (default `.citydash/` beside the catalog). Only `data/`
// feeds later stages; `raw/` is the HTTP cache and `reports/` is for people.
export interface WorkDir {
  root: string;
  /** Raw cached body and its validators (etag, last-modified) per dataset. */
  raw(id: string): string;
  /** Validated rows, one JSON object per line. */
  rows(id: string): string;
  /** SnapshotMeta of the rows file. */
  meta(id: string): string;
  /** Full validation report for people and CI. */
  report(id: string): string;
  /** Rendered charts keyed by content hash. */
  charts: string;
}

export function workDir(root: string): WorkDir {
  return {
    root,
    raw: (id) => join(root, 'raw', id),
    rows: (id) => join(root, 'data', `${id}.ndjson`),
    meta: (id) => join(root, 'data', `${id}.meta.json`),
    report: (id) => join(root, 'reports', `${id}.json`),
    charts: join(root, 'charts'),
  };
}
