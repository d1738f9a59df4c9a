// The 20-dataset, 200-chart catalog: the bundled Seoul catalog copied as it ships (descriptors,
// schemas, samples, derived SQL, chart specs, settings), plus copies of its source datasets
// (new ids, same descriptors and samples) up to `datasets`, plus variants of its charts (new ids
// and titles, same specs and data) up to `charts`. Variants carry no home-page indicator, so the
// home page stays the bundled one. Deterministic: copies and variants cycle in file order.
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { parseDocument, type Document } from 'yaml';

export interface GeneratedCatalog {
  root: string;
  sourceDatasets: number;
  derivedDatasets: number;
  charts: number;
  /** A small bundled source whose change touches a few derived datasets and charts. */
  changeable: { id: string; file: string };
}

async function yamlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.yaml')) out.push(join(e.parentPath, e.name));
  }
  return out.sort();
}

function suffixTitle(doc: Document, n: number): void {
  const title = doc.get('title') as { get(k: string): unknown; set(k: string, v: unknown): void } | undefined;
  if (!title) return;
  title.set('ko', `${String(title.get('ko'))} (${n})`);
  title.set('en', `${String(title.get('en'))} (${n})`);
}

const sourceFiles = async (root: string) => (await yamlFiles(join(root, 'sources'))).filter((f) => !f.startsWith(join(root, 'sources', 'derived')));

/** Small sources first: a smaller catalog (--quick) keeps these and what derives from them. */
const PREFERRED = ['cctv-by-gu', 'population-by-gu', 'fire-incidents-monthly', 'budget-execution'];

/** Drops all but `datasets` sources, the derived datasets and charts that need the dropped ones, and charts beyond `charts`. */
async function keepSubset(root: string, datasets: number, charts: number): Promise<void> {
  const idOf = async (f: string) => String(parseDocument(await readFile(f, 'utf8')).get('id'));
  const sources = await sourceFiles(root);
  const ranked = await Promise.all(sources.map(async (f) => ({ f, id: await idOf(f) })));
  ranked.sort((a, b) => (PREFERRED.indexOf(a.id) + 1 || 99) - (PREFERRED.indexOf(b.id) + 1 || 99));
  const kept = new Set(ranked.slice(0, datasets).map((s) => s.id));
  for (const s of ranked.slice(datasets)) await rm(s.f);
  const derived = await yamlFiles(join(root, 'sources', 'derived'));
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of derived) {
      const doc = parseDocument(await readFile(f, 'utf8'));
      const id = String(doc.get('id'));
      const from = (doc.toJS() as { from: string[] }).from;
      if (!kept.has(id) && from.every((d) => kept.has(d))) { kept.add(id); changed = true; }
    }
  }
  for (const f of derived) if (!kept.has(await idOf(f))) await rm(f);
  let left = charts;
  for (const f of await yamlFiles(join(root, 'viz-specs'))) {
    const c = parseDocument(await readFile(f, 'utf8')).toJS() as { data: string[]; map?: { dataset: string } };
    const ok = [...c.data, ...(c.map ? [c.map.dataset] : [])].every((d) => kept.has(d));
    if (ok && left > 0) left--;
    else await rm(f);
  }
}

/** A copy reads its own copy of the sample, so changing one dataset's file changes only that dataset. */
async function ownSample(doc: Document, dir: string, n: number): Promise<void> {
  const renamed = new Map<string, string>();
  for (const key of ['sample', 'path']) {
    const rel = doc.getIn(['extract', key]);
    if (typeof rel !== 'string') continue;
    if (!renamed.has(rel)) {
      const copy = rel.replace(/(\.[a-z0-9]+)$/i, `-${n}$1`);
      await cp(join(dir, rel), join(dir, copy));
      renamed.set(rel, copy);
    }
    doc.setIn(['extract', key], renamed.get(rel));
  }
}

export async function writeBenchCatalog(repo: string, root: string, datasets: number, charts: number): Promise<GeneratedCatalog> {
  await mkdir(root, { recursive: true });
  for (const part of ['sources', 'schemas', 'viz-specs', 'labels', 'citydash.yaml']) await cp(join(repo, part), join(root, part), { recursive: true });

  if (datasets < (await sourceFiles(root)).length) await keepSubset(root, datasets, charts);
  const sources = await sourceFiles(root);
  const derived = (await yamlFiles(join(root, 'sources', 'derived'))).length;
  for (let i = 0; i < datasets - sources.length; i++) {
    const file = sources[i % sources.length]!;
    const n = 2 + Math.floor(i / sources.length);
    const doc = parseDocument(await readFile(file, 'utf8'));
    doc.set('id', `${String(doc.get('id'))}-${n}`);
    suffixTitle(doc, n);
    await ownSample(doc, dirname(file), n);
    await writeFile(file.replace(/\.yaml$/, `-${n}.yaml`), doc.toString());
  }

  const specs = await yamlFiles(join(root, 'viz-specs'));
  for (let i = 0; i < charts - specs.length; i++) {
    const file = specs[i % specs.length]!;
    const n = 2 + Math.floor(i / specs.length);
    const doc = parseDocument(await readFile(file, 'utf8'));
    doc.set('id', `${String(doc.get('id'))}-v${n}`);
    suffixTitle(doc, n);
    doc.delete('indicator');
    const out = join(dirname(file), `${relative(dirname(file), file).replace(/\.yaml$/, '')}-v${n}.yaml`);
    await writeFile(out, doc.toString());
  }
  return {
    root,
    sourceDatasets: Math.max(datasets, sources.length),
    derivedDatasets: derived,
    charts: Math.max(charts, specs.length),
    changeable: { id: 'cctv-by-gu', file: join(root, 'sources/safety/samples/cctv-by-gu.csv') },
  };
}
