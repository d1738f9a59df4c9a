// The descriptor files of a catalog as written (with source positions), so every rule can
// point at the line the author wrote. loadCatalog reads the same files; its typed catalog
// leaves out broken entries, while check looks at every file that parses.
import { isObj, type Obj } from './file-rules.ts';
import { listFiles, readCatalogText, YAML_FILE } from './files.ts';
import { hasErrors } from './problem.ts';
import { parseSourceDoc, type SourceDoc } from './source-doc.ts';

export interface DescriptorFile {
  kind: 'dataset' | 'chart';
  /** Catalog-relative path. */
  path: string;
  source: SourceDoc;
  /** The parsed mapping; undefined when the file does not parse to one. */
  value?: Obj;
  id?: string;
}

export async function readDescriptorFiles(root: string): Promise<DescriptorFile[]> {
  const out: DescriptorFile[] = [];
  for (const [dir, kind] of [['sources', 'dataset'], ['viz-specs', 'chart']] as const) {
    for (const path of await listFiles(root, dir, YAML_FILE)) {
      const read = await readCatalogText(root, path);
      const source = parseSourceDoc(path, 'text' in read ? read.text : '');
      const usable = 'text' in read && !hasErrors(source.problems) && isObj(source.value);
      const value = usable ? (source.value as Obj) : undefined;
      out.push({ kind, path, source, value, id: typeof value?.id === 'string' ? value.id : undefined });
    }
  }
  return out;
}

/** First file per id (duplicates are reported by the catalog). */
export function byId(files: readonly DescriptorFile[], kind: DescriptorFile['kind']): Map<string, DescriptorFile> {
  const map = new Map<string, DescriptorFile>();
  for (const f of files) if (f.kind === kind && f.id !== undefined && !map.has(f.id)) map.set(f.id, f);
  return map;
}
