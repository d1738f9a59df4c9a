// Finding and reading the files of a catalog.
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { resolveCatalogPath } from './paths.ts';

/** Descriptors and schemas are small; a bigger file is a mistake, not something to parse. */
export const MAX_FILE_BYTES = 1024 * 1024;

const toPosix = (p: string) => p.split(sep).join('/');

/**
 * Catalog-relative paths (forward slashes, sorted) of the files under `dir` whose name matches.
 * Symbolic links and other entries that are not folders are listed too, so the reader can say
 * why it refuses them (a link leaving the catalog, a FIFO) instead of skipping them silently.
 */
export async function listFiles(root: string, dir: string, name: RegExp): Promise<string[]> {
  const out: string[] = [];
  const visit = async (abs: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch {
      return; // a missing folder is reported by the caller
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const path = join(abs, e.name);
      if (e.isDirectory()) await visit(path);
      else if (name.test(e.name)) out.push(toPosix(relative(root, path)));
    }
  };
  await visit(join(root, dir));
  return out.sort();
}

export const YAML_FILE = /\.ya?ml$/i;
export const JSON_FILE = /\.json$/i;

export type ReadResult = { text: string } | { error: string };

/** A text file, or why it could not be read (missing, too big, a folder, not UTF-8). */
export async function readText(abs: string): Promise<ReadResult> {
  try {
    const info = await stat(abs);
    if (info.isDirectory()) return { error: 'is a folder, not a file' };
    if (!info.isFile()) return { error: 'is not a regular file (a pipe, socket or device)' }; // reading a FIFO would block
    if (info.size > MAX_FILE_BYTES) return { error: `is ${info.size} bytes; the limit is ${MAX_FILE_BYTES}` };
    const bytes = await readFile(abs);
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
      // The decoder says only that the bytes are invalid; the message below says what to do.
      return { error: 'is not UTF-8 text (save it as UTF-8)' };
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return { error: 'not found' };
    return { error: `cannot be read (${err.code ?? err.message})` };
  }
}

export async function fileKind(abs: string): Promise<'file' | 'dir' | 'missing'> {
  try {
    const info = await stat(abs);
    return info.isDirectory() ? 'dir' : 'file';
  } catch {
    // Anything stat cannot see (absent, no permission) is, for the catalog, a missing file or folder.
    return 'missing';
  }
}

/** `abs` shown relative to the catalog when inside it. */
export function display(root: string, abs: string): string {
  const rel = relative(root, abs);
  return rel.startsWith('..') || isAbsolute(rel) ? abs : toPosix(rel);
}

/**
 * A catalog file named by its catalog-relative path, read only when the path rule allows it
 * (pipeline/catalog/paths.ts): a descriptor that is a link to /etc/passwd is refused, not parsed.
 */
export async function readCatalogText(root: string, path: string): Promise<ReadResult & { refused?: boolean }> {
  const verdict = await resolveCatalogPath({ root, base: root, value: path, what: 'the file' });
  if (!verdict.ok) return { error: verdict.reason.startsWith('not found') ? 'not found' : verdict.reason, refused: verdict.rule === 'path' };
  return readText(verdict.real);
}
