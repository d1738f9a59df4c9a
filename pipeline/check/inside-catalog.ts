// Whether a file really lies inside the catalog folder, by the catalog's one path rule
// (pipeline/catalog/paths.ts: links followed, /proc, devices and FIFOs refused): what check reads
// (previews, data comparisons) must never be a file elsewhere on the machine running it.
import { relative } from 'node:path';
import { resolveCatalogPath } from '../catalog/index.ts';

export async function insideCatalog(root: string, path: string): Promise<boolean> {
  const verdict = await resolveCatalogPath({ root, base: root, value: relative(root, path) || '.', what: 'file' });
  return verdict.ok;
}
