// Data for chart previews: the cycle's own validate (on the bundled samples, offline) and
// transform stages, run into a temporary work folder for just the datasets the previewed
// charts read. Only files inside the catalog are read: a pull request could otherwise point
// a `file` dataset (or a symlinked sample) at a file on the CI machine and draw it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { resolveCatalogPath } from '../catalog/index.ts';
import { budgetsOf } from '../budgets.ts';
import { fetchIfMissing } from '../extract/index.ts';
import { runTransforms } from '../transform/index.ts';
import type { Catalog, DatasetDescriptor, Effects, Row } from '../types.ts';
import { loadRowSchema, validate } from '../validate/index.ts';
import { workDir } from '../workdir.ts';

export interface PreviewData {
  rows: Record<string, Row[]>;
  /** Datasets that could not be prepared, with why. */
  failed: Map<string, string>;
  cleanup(): Promise<void>;
}

/** The datasets `ids` read, with every source of derived ones, sources first. */
export function datasetClosure(catalog: Catalog, ids: Iterable<string>): DatasetDescriptor[] {
  const byId = new Map(catalog.datasets.map((d) => [d.id, d]));
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const s of byId.get(id)?.from ?? []) visit(s);
  };
  for (const id of ids) visit(id);
  return catalog.datasets.filter((d) => seen.has(d.id));
}

/** Why a source dataset may not be read at check time, or undefined when it may. */
async function outsideReason(catalog: Catalog, ds: DatasetDescriptor): Promise<string | undefined> {
  const spec = ds.extract;
  if (!spec) return 'it has no extract section';
  const local = spec.kind === 'file' ? spec.path : spec.sample;
  if (!local) return 'it has no bundled sample (extract.sample)';
  // The catalog's path rule, without the operator's data folders: previews read catalog files only.
  const verdict = await resolveCatalogPath({ root: catalog.root, base: resolve(catalog.root, dirname(ds.file)), value: local, what: 'its file' });
  return verdict.ok ? undefined : `${verdict.message} (previews read only catalog files)`;
}

async function readRows(path: string): Promise<Row[] | undefined> {
  // No rows file means the dataset produced no rows; the caller says so for the chart preview.
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Row);
}

export async function preparePreviewData(catalog: Catalog, ids: readonly string[], effects: Effects): Promise<PreviewData> {
  const dir = await mkdtemp(join(tmpdir(), 'citydash-check-'));
  const work = workDir(dir);
  const failed = new Map<string, string>();
  const needed = datasetClosure(catalog, ids);
  const ctx = { catalogRoot: catalog.root, work, offline: true, effects };
  for (const ds of needed.filter((d) => !d.sql)) {
    const refused = await outsideReason(catalog, ds);
    if (refused) {
      failed.set(ds.id, refused);
      continue;
    }
    // As `citydash validate` does: fetch (offline: the file or sample) into the temp work dir, then validate.
    const fetched = await fetchIfMissing(ds, ctx);
    const fetchFailure = fetched?.state === 'failed' ? (fetched.fetch.error ?? 'unknown error') : undefined;
    const { report } = await validate({ from: 'stored', dataset: ds, catalog, fetchFailure }, { work }, effects);
    if (report.status !== 'ok') failed.set(ds.id, report.error ?? 'validation failed');
  }
  const derived = needed.filter((d) => d.sql);
  if (derived.length) {
    const result = await runTransforms({ ...catalog, datasets: needed }, {
      work,
      effects,
      sqlTimeoutMs: 30_000,
      budgets: budgetsOf(catalog.settings.budgets),
      validate: async (rows, ds) =>
        validate({
          from: 'rows',
          dataset: ds,
          rows,
          schema: await loadRowSchema(catalog.root, ds),
          fetch: { outcome: 'fresh', source: ds.file, fetchedAt: effects.now().toISOString(), sample: true },
          derived: { from: ds.from ?? [], sql: ds.sql ?? '' },
        }, { work }, effects),
    });
    for (const o of result.datasets) if (o.status === 'failed') failed.set(o.id, o.reason ?? 'transform failed');
  }
  const known = new Set(catalog.datasets.map((d) => d.id));
  for (const id of ids) if (!known.has(id)) failed.set(id, 'it has errors (see the problems above), so it is not read');
  const rows: Record<string, Row[]> = {};
  for (const ds of needed) {
    if (failed.has(ds.id)) continue;
    const got = await readRows(work.rows(ds.id));
    if (got) rows[ds.id] = got;
    else failed.set(ds.id, 'no rows were produced');
  }
  return { rows, failed, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
