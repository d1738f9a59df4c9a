// A folder on disk as a publish target (a web server's document root, or a test). Etags are the
// MD5 of the content, as S3 computes them for single-part uploads, so the publish plan treats
// both targets alike ("is this exact content already there?").
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createFileExclusive, writeFileAtomic } from '../atomic-write.ts';
import { hashFile } from '../hash.ts';
import { PreconditionFailedError, normalizeEtag, type PutOptions, type Target, type TargetObject } from './target.ts';

const etagOf = (body: Uint8Array) => `"${createHash('md5').update(body).digest('hex')}"`;

async function etagOfFile(file: string): Promise<string> {
  return `"${(await hashFile(file, { md5: true })).md5}"`;
}

export function dirTarget(path: string): Target {
  const root = resolve(path);
  const abs = (p: string) => {
    const full = resolve(root, p);
    if (full === root || !full.startsWith(root + sep)) throw new Error(`dir:${root}: path escapes the target: ${JSON.stringify(p)}`);
    return full;
  };
  const name = `dir:${root}`;
  const get = async (p: string) => {
    try {
      const body = new Uint8Array(await readFile(abs(p)));
      return { body, etag: etagOf(body) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  };
  return {
    name,
    atomicCreate: true,
    get,
    async put(p, body, opts: PutOptions) {
      const file = abs(p);
      if (opts.ifNoneMatch) {
        await createFileExclusive(file, body, () => new PreconditionFailedError(name, p));
        return { etag: etagOf(body) };
      }
      if (opts.ifMatch) {
        // Not atomic across processes; the lock (publish/lock.ts) is what serialises publishers.
        const current = await get(p);
        if (normalizeEtag(current?.etag) !== normalizeEtag(opts.ifMatch)) throw new PreconditionFailedError(name, p);
      }
      await writeFileAtomic(file, body);
      return { etag: etagOf(body) };
    },
    async list(prefix = '') {
      const out: TargetObject[] = [];
      // Only the folder the prefix names is walked: listing `_citydash/` must not hash the site.
      const from = prefix.includes('/') ? abs(prefix.slice(0, prefix.lastIndexOf('/'))) : root;
      await walk(from, async (file) => {
        const rel = relative(root, file).split(sep).join('/');
        if (!rel.startsWith(prefix) || rel.endsWith('.tmp')) return;
        const s = await stat(file);
        out.push({ path: rel, size: s.size, lastModified: s.mtime, etag: await etagOfFile(file) });
      });
      return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
    async delete(paths) {
      for (const p of paths) {
        const file = abs(p);
        await rm(file, { force: true });
        await pruneEmptyDirs(dirname(file), root);
      }
    },
  };
}

/** A served folder should not keep empty directories of deleted pages. */
async function pruneEmptyDirs(dir: string, root: string): Promise<void> {
  while (dir !== root && dir.startsWith(root + sep)) {
    try {
      await rmdir(dir);
    } catch {
      // A folder that is not empty (or already gone) ends the tidying: nothing is lost by keeping it.
      return;
    }
    dir = dirname(dir);
  }
}

async function walk(dir: string, visit: (file: string) => Promise<void>): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) await walk(full, visit);
    else if (e.isFile()) await visit(full);
  }
}
