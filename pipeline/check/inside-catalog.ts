// Whether a file really lies inside the catalog folder, symlinks resolved: what check reads
// (previews, data comparisons) must never be a file elsewhere on the machine running it.
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';

export async function insideCatalog(root: string, path: string): Promise<boolean> {
  try {
    const rel = relative(await realpath(root), await realpath(path));
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  } catch {
    return false;
  }
}
