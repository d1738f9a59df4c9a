// The identity of a file for "is this still the input/snapshot we built from?": its sha256,
// recomputed only when size, mtime or inode moved since the digest we recorded (a rewrite via
// rename always gets a new inode; a 100 MB input is then not re-read on every no-change cycle).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export interface FileDigest {
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
}

/** The file's digest, or null when it cannot be read. `known`: an earlier digest of the same path. */
export async function fileDigest(path: string, known?: FileDigest | null): Promise<FileDigest | null> {
  try {
    const before = await stat(path);
    const same = (s: { size: number; mtimeMs: number; ino: number }) => s.size === known?.size && s.mtimeMs === known.mtimeMs && s.ino === known.ino;
    if (known && same(before)) return known;
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    const after = await stat(path);
    // Changed while being read: say "unknown" rather than pair the new stat with mixed bytes.
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || after.ino !== before.ino) return null;
    return { size: after.size, mtimeMs: after.mtimeMs, ino: after.ino, sha256: hash.digest('hex') };
  } catch {
    return null;
  }
}
