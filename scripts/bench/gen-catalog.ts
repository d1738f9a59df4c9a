// The 20-dataset, 200-chart catalog: the bundled Seoul catalog copied as it ships (descriptors,
// schemas, samples, derived SQL, chart specs, settings), plus copies of its source datasets
// (new ids, same descriptors and samples) up to `datasets`, plus variants of its charts (new ids
// and titles, same specs and data) up to `charts`. Variants carry no home-page indicator, so the
// home page stays the bundled one. Deterministic: copies and variants cycle in file order.
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
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

export async function writeBenchCatalog(repo: string, root: string, datasets: number, charts: number): Promise<GeneratedCatalog> {
  await mkdir(root, { recursive: true });
  for (const part of ['sources', 'schemas', 'viz-specs', 'citydash.yaml']) await cp(join(repo, part), join(root, part), { recursive: true });

  const sources = (await yamlFiles(join(root, 'sources'))).filter((f) => !f.includes(`${join(root, 'sources', 'derived')}`));
  const derived = (await yamlFiles(join(root, 'sources', 'derived'))).length;
  for (let i = 0; i < datasets - sources.length; i++) {
    const file = sources[i % sources.length]!;
    const n = 2 + Math.floor(i / sources.length);
    const doc = parseDocument(await readFile(file, 'utf8'));
    doc.set('id', `${String(doc.get('id'))}-${n}`);
    suffixTitle(doc, n);
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
