// A temp copy of the bundled catalog, cut down to a few datasets and charts so a cycle runs in
// seconds, with every file's mtime set (the source's Last-Modified for file sources and samples).
import { cp, mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../helpers/paths.ts';

export interface TempCatalog {
  dir: string;
  root: string;
  work: string;
  out: string;
  target: string;
  /** catalog-relative path of a dataset's descriptor */
  descriptor(id: string): string;
  cleanup(): Promise<void>;
}

/** Datasets and charts of the cycle tests: two sources with a derived dataset and a chart each, one plain. */
export const SUBSET = {
  datasets: ['air-quality-daily', 'air-quality-daily-seoul', 'fire-incidents-monthly', 'fire-incidents-seoul-monthly', 'cctv-by-gu'],
  charts: ['fine-dust-daily-trend', 'fire-incidents-monthly'],
};

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

export async function setMtime(path: string, at: Date): Promise<void> {
  await utimes(path, at, at);
}

export async function tempCatalog(subset = SUBSET, mtime = new Date('2026-11-01T00:00:00Z')): Promise<TempCatalog> {
  const dir = await mkdtemp(join(tmpdir(), 'citydash-cycle-'));
  const root = join(dir, 'catalog');
  await mkdir(root);
  for (const part of ['sources', 'schemas', 'viz-specs', 'labels', 'citydash.yaml']) await cp(join(repoRoot, part), join(root, part), { recursive: true });
  const files = await walk(root);
  const descriptors = new Map<string, string>();
  const schemas = new Set<string>();
  for (const f of files.filter((p) => p.endsWith('.yaml') && !p.endsWith('citydash.yaml'))) {
    const doc = parse(await readFile(f, 'utf8')) as { id?: string; schema?: string };
    const isChart = f.startsWith(join(root, 'viz-specs'));
    const keep = isChart ? subset.charts.includes(String(doc.id)) : subset.datasets.includes(String(doc.id));
    if (!keep) await rm(f);
    else if (!isChart) {
      descriptors.set(String(doc.id), relative(root, f));
      if (doc.schema) schemas.add(join(root, doc.schema));
    }
  }
  // Schemas no kept dataset uses would only add "schema not used" warnings.
  for (const f of files.filter((p) => p.startsWith(join(root, 'schemas')) && !schemas.has(p))) await rm(f);
  for (const f of await walk(root)) await setMtime(f, mtime);
  return {
    dir,
    root,
    work: join(dir, 'work'),
    out: join(dir, 'out'),
    target: join(dir, 'public'),
    descriptor: (id) => descriptors.get(id)!,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export async function editFile(path: string, edit: (text: string) => string, mtime: Date): Promise<void> {
  await writeFile(path, edit(await readFile(path, 'utf8')));
  await setMtime(path, mtime);
}
