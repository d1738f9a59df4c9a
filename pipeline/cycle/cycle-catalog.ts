// The catalog as a cycle loads it. `loadCatalog` leaves out every dataset with an error, which is
// right for `citydash check`; but when a dataset's descriptor is intact and what broke is a file it
// names (its source file or sample is missing, its row schema is missing or broken), that is, for a
// cycle, a dataset that failed: it must keep its last good data and its pages, with a "delayed
// since" notice, like any other failure (docs/architecture.md §1). Such a descriptor is taken back
// in (its fetch or validation then fails and says why), and so are the derived datasets and charts
// left out only because they named it.
//
// Nothing the path rule refuses is taken back (rule `path`: a link out of the catalog, /proc, a
// FIFO), nor any descriptor with an error of its own: those never run. Their ids are listed in
// `refused` with the first error, so a cycle keeps what was published of them (hold-refused.ts):
// only a descriptor file that is gone takes a dataset off the site.
import { basename } from 'node:path';
import { loadCatalog, locate, readDescriptorFiles, toChart, toDataset, type DescriptorFile, type LoadedCatalog, type LoadOptions } from '../catalog/index.ts';
import type { Problem } from '../types.ts';

export interface CycleCatalog extends LoadedCatalog {
  /** Datasets (and charts) taken back in although a file they name is missing or broken. */
  readmitted: string[];
  /** Their descriptor files. */
  readmittedFiles: string[];
  /**
   * Datasets whose descriptor file is still there but refused (an error of its own, or naming a
   * refused dataset), by id, with the descriptor's first error: they do not run this cycle.
   */
  refused: Map<string, Problem>;
}

/** Where a file a descriptor names is written: an error there is the dataset failing, not the descriptor. */
const NAMED_FILES = ['/extract/path', '/extract/sample', '/schema'];
const LEFT_OUT = /names dataset "([^"]+)", which has errors/;

export async function loadCycleCatalog(root: string, opts: LoadOptions = {}): Promise<CycleCatalog> {
  const loaded = await loadCatalog(root, opts);
  const { catalog, problems } = loaded;
  const errors = new Map<string, Problem[]>();
  for (const p of problems) if (p.severity === 'error') errors.set(p.file, [...(errors.get(p.file) ?? []), p]);
  const loadedFiles = new Set([...catalog.datasets.map((d) => d.file), ...catalog.charts.map((c) => c.file)]);
  const allFiles = await readDescriptorFiles(catalog.root);
  const files = allFiles.filter((f) => f.value && f.id && !loadedFiles.has(f.path));
  const readmitted: string[] = [];
  const readmittedFiles: string[] = [];
  const known = new Set(catalog.datasets.map((d) => d.id));

  // Source datasets whose own errors are only about the files they name.
  for (const f of files) {
    if (f.kind !== 'dataset' || !f.value!.extract) continue;
    const errs = errors.get(f.path) ?? [];
    const lines = NAMED_FILES.map((ptr) => locate(f.source, ptr).line);
    if (!errs.every((p) => p.rule === 'file-exists' && lines.includes(p.line))) continue;
    if (known.has(f.id!)) continue;
    catalog.datasets.push(toDataset(f.value!, f.path, catalog.labels ?? {}));
    known.add(f.id!);
    readmitted.push(f.id!);
    readmittedFiles.push(f.path);
  }
  // Then what was left out only for naming one of them (derived datasets in turn, then charts).
  const onlyNamesKnown = (f: DescriptorFile) => {
    const errs = errors.get(f.path) ?? [];
    const lines = NAMED_FILES.map((ptr) => locate(f.source, ptr).line);
    return errs.every((p) => (p.rule === 'reference' && known.has(LEFT_OUT.exec(p.message)?.[1] ?? '')) || (p.rule === 'file-exists' && lines.includes(p.line)));
  };
  for (let changed = readmitted.length > 0; changed; ) {
    changed = false;
    for (const f of files) {
      if (f.kind !== 'dataset' || f.value!.extract || known.has(f.id!) || !onlyNamesKnown(f)) continue;
      catalog.datasets.push(toDataset(f.value!, f.path, catalog.labels ?? {}));
      known.add(f.id!);
      readmitted.push(f.id!);
      readmittedFiles.push(f.path);
      changed = true;
    }
  }
  if (readmitted.length) {
    for (const f of files) {
      if (f.kind !== 'chart' || catalog.charts.some((c) => c.id === f.id) || !(errors.get(f.path) ?? []).length || !onlyNamesKnown(f)) continue;
      catalog.charts.push(toChart(f.value!, f.path));
      readmitted.push(f.id!);
      readmittedFiles.push(f.path);
    }
  }
  // A descriptor that does not parse has no id to read: files are named `<id>.yaml` (file-rules.ts).
  const refused = new Map<string, Problem>();
  for (const f of allFiles) {
    const id = f.id ?? basename(f.path).replace(/\.ya?ml$/i, '');
    const first = [...(errors.get(f.path) ?? [])].sort((a, b) => a.line - b.line || a.col - b.col)[0];
    if (f.kind !== 'dataset' || known.has(id) || loadedFiles.has(f.path) || !first || refused.has(id)) continue;
    refused.set(id, first);
  }
  catalog.datasets.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const areas = Object.keys(catalog.settings.areas);
  const rank = (a: string) => (areas.includes(a) ? areas.indexOf(a) : areas.length);
  catalog.charts.sort((a, b) => rank(a.area) - rank(b.area) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { catalog, problems, readmitted, readmittedFiles, refused };
}

/** Catalog errors that keep something out of this cycle (not those of what was taken back in). */
export function blockingProblems(loaded: CycleCatalog): Problem[] {
  const readmitted = new Set(loaded.readmittedFiles);
  return loaded.problems.filter((p) => p.severity === 'error' && !readmitted.has(p.file));
}
