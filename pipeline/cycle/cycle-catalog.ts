// The catalog as a cycle loads it. `loadCatalog` leaves out every dataset with an error, which is
// right for `citydash check`; but when the only errors are source files that are missing
// (`extract.path` or `extract.sample` not found), that is, for a cycle, a source that failed: the
// dataset must keep its last good data and its pages, with a "delayed since" notice. Such a
// descriptor is taken back in; its fetch then fails and says why.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCatalog, type LoadedCatalog, locate, parseSourceDoc, toDataset } from '../catalog/index.ts';
import type { Problem } from '../types.ts';

export interface CycleCatalog extends LoadedCatalog {
  /** Datasets taken back in although a source file they name is missing. */
  readmitted: string[];
}

const SOURCE_FILES = ['/extract/path', '/extract/sample'];

export async function loadCycleCatalog(root: string): Promise<CycleCatalog> {
  const loaded = await loadCatalog(root);
  const { catalog, problems } = loaded;
  const errors = new Map<string, Problem[]>();
  for (const p of problems) if (p.severity === 'error') errors.set(p.file, [...(errors.get(p.file) ?? []), p]);
  const readmitted: string[] = [];
  for (const [file, errs] of errors) {
    if (!/^sources\/.+\.ya?ml$/.test(file) || !errs.every((p) => p.rule === 'file-exists')) continue;
    let text: string;
    try {
      text = await readFile(join(catalog.root, file), 'utf8');
    } catch {
      continue;
    }
    const doc = parseSourceDoc(file, text);
    const value = doc.value;
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const lines = SOURCE_FILES.map((ptr) => locate(doc, ptr).line);
    if (!errs.every((p) => lines.includes(p.line))) continue;
    const ds = toDataset(value as Record<string, unknown>, file);
    if (!ds.extract || catalog.datasets.some((d) => d.id === ds.id)) continue;
    catalog.datasets.push(ds);
    readmitted.push(ds.id);
  }
  catalog.datasets.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { catalog, problems, readmitted };
}

/** Catalog errors that keep something out of this cycle (not the readmitted missing source files). */
export function blockingProblems(loaded: CycleCatalog): Problem[] {
  const readmittedFiles = new Set(loaded.catalog.datasets.filter((d) => loaded.readmitted.includes(d.id)).map((d) => d.file));
  return loaded.problems.filter((p) => p.severity === 'error' && !readmittedFiles.has(p.file));
}
