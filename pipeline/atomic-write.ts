// Every file citydash writes (snapshots, raw bodies, reports, caches, site files, a dir target)
// goes through this module: written under a temporary name beside its target and renamed into
// place, so a killed run never leaves half a file behind and readers see the old file or the new
// one whole. Being the one place where bytes reach the disk, it is also where a check on what is
// written belongs: the secret guard masks every secret value here, whatever file it was headed for.
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { link, mkdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { maskData, secretGuard, type SecretStream } from './secret-guard.ts';

let counter = 0;

/** How much a streamed file gathers before it is masked and written. */
const BATCH_BYTES = 64 * 1024;

/** A temporary name beside `path`, unique within the machine (pid) and the process (counter). */
export function tempPath(path: string): string {
  return `${path}.${process.pid}.${(counter++).toString(36)}.tmp`;
}

/** Write via a temp file and rename. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempPath(path);
  try {
    await writeFile(tmp, maskData(data));
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Create `path` only if nothing is there yet (a lock, a write-once object): the complete temp
 * file is hard-linked into place, which fails atomically when the name is taken. `exists` makes
 * the error for that case.
 */
export async function createFileExclusive(path: string, data: string | Uint8Array, exists: () => Error): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempPath(path);
  await writeFile(tmp, maskData(data));
  try {
    await link(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw exists();
    throw err;
  } finally {
    await unlink(tmp).catch(() => undefined); // the temp name only; the linked file stays
  }
}

/** Write several files into a temporary folder, then rename the folder into place in one step. */
export async function writeDirAtomic(path: string, files: Record<string, string | Uint8Array>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(tempPath(path))}`);
  await mkdir(tmp, { recursive: true });
  try {
    await Promise.all(Object.entries(files).map(([name, data]) => writeFile(join(tmp, name), maskData(data))));
    await rm(path, { recursive: true, force: true });
    await rename(tmp, path);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * A file written as a stream (snapshots, big downloads, paged API records) with the promise of
 * writeFileAtomic: it appears under its name complete or not at all. Writes honour backpressure,
 * so a million rows never pile up in memory; the sha256 of what was written comes with commit.
 */
export class AtomicFile {
  private readonly tmp: string;
  private readonly out: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private failed: Error | null = null;
  private bytes = 0;
  /** Holds back a tail that may be the start of a secret until the next piece shows. */
  private readonly guard: SecretStream = secretGuard().stream();
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  private constructor(readonly path: string) {
    this.tmp = tempPath(path);
    this.out = createWriteStream(this.tmp);
    this.out.on('error', (err) => { this.failed ??= err; });
  }

  static async open(path: string): Promise<AtomicFile> {
    await mkdir(dirname(path), { recursive: true });
    return new AtomicFile(path);
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.failed) throw this.failed;
    // Pieces are gathered to BATCH_BYTES before the guard looks at them: one scan of 64 kB costs
    // what one scan of a 100-byte row does, and a million rows are a million writes.
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.pending.push(buf);
    this.pendingBytes += buf.byteLength;
    if (this.pendingBytes >= BATCH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const all = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    // The same (masked) bytes feed the hash and the file.
    await this.put(this.guard.push(all));
  }

  private async put(buf: Uint8Array): Promise<void> {
    if (buf.byteLength === 0) return;
    this.hash.update(buf);
    this.bytes += buf.byteLength;
    // once() also rejects on 'error' and removes its listeners either way (no listener build-up).
    if (!this.out.write(buf)) await once(this.out, 'drain');
    if (this.failed) throw this.failed;
  }

  /** Finish the file and move it into place; `as` names it from its hash when the name depends on the content. */
  async commit(as?: (sha256: string) => string): Promise<{ path: string; sha256: string; bytes: number }> {
    await this.flush();
    await this.put(this.guard.end());
    const sha256 = this.hash.digest('hex');
    const path = as ? as(sha256) : this.path;
    try {
      this.out.end();
      if (!this.out.closed) await once(this.out, 'close');
      if (this.failed) throw this.failed;
      await rename(this.tmp, path);
    } catch (err) {
      await rm(this.tmp, { force: true });
      throw err;
    }
    return { path, sha256, bytes: this.bytes };
  }

  /** Throw the partial file away; whatever was under the name before stays as it was. */
  async abort(): Promise<void> {
    this.out.destroy();
    if (!this.out.closed) await once(this.out, 'close').catch(() => undefined); // closing a destroyed stream: its error is the one being handled
    await rm(this.tmp, { force: true });
  }
}
