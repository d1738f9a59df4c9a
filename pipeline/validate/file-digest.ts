// The identity of a file for "is this still the input/snapshot we built from?": its stat (size,
// mtime, inode: a rewrite via rename always gets a new inode) and, when worth reading it, its
// sha256. A file stat-identical to the one recorded is taken as unchanged (as fetch already does
// for local files), so a 100 MB input is not re-read on every no-change cycle; a rewritten file
// is compared by content.
import { stat } from 'node:fs/promises';
import { sha256File } from '../hash.ts';

export interface FileDigest {
  size: number;
  mtimeMs: number;
  ino: number;
  /** Absent when the file was not read (stat only). */
  sha256?: string;
}

type Stat = Pick<FileDigest, 'size' | 'mtimeMs' | 'ino'>;
const sameStat = (a: Stat, b: Stat) => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;

/**
 * The file's digest, or null when it cannot be read. `known`: an earlier digest of the same path,
 * returned as is when the stat still matches. Otherwise the file is hashed, unless `hash` is false.
 */
export async function fileDigest(path: string, known?: FileDigest | null, opts: { hash?: boolean } = {}): Promise<FileDigest | null> {
  try {
    const before = await stat(path);
    if (known && sameStat(before, known)) return known;
    const info = { size: before.size, mtimeMs: before.mtimeMs, ino: before.ino };
    if (opts.hash === false) return info;
    const sha256 = await sha256File(path);
    const after = await stat(path);
    // Changed while being read: say "unknown" rather than pair the new stat with mixed bytes.
    if (!sameStat(after, before)) return null;
    return { ...info, sha256 };
  } catch {
    // Unreadable input means no digest: reuse is skipped and validation reports the real read error.
    return null;
  }
}

/** Whether two digests of a path describe the same bytes (same stat, or same known hash). */
export function sameContent(a: FileDigest | null | undefined, b: FileDigest | null | undefined): boolean {
  if (!a || !b) return false;
  return sameStat(a, b) || (a.sha256 !== undefined && a.sha256 === b.sha256);
}
