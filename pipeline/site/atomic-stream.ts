// A file written as a stream (big CSV/JSON downloads) with the same promise as writeFileAtomic:
// it appears under its name complete or not at all.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname } from 'node:path';

export class AtomicStream {
  private readonly tmp: string;
  private readonly out: WriteStream;
  private failed: Error | null = null;

  private constructor(readonly path: string) {
    this.tmp = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`;
    this.out = createWriteStream(this.tmp);
    this.out.on('error', (err) => (this.failed = err));
  }

  static async open(path: string): Promise<AtomicStream> {
    await mkdir(dirname(path), { recursive: true });
    return new AtomicStream(path);
  }

  /** Honours backpressure, so a million rows never pile up in memory. */
  async write(chunk: string): Promise<void> {
    if (this.failed) throw this.failed;
    // once() also rejects on 'error' and removes its listeners either way (no listener build-up).
    if (!this.out.write(chunk)) await once(this.out, 'drain');
    if (this.failed) throw this.failed;
  }

  async commit(): Promise<void> {
    this.out.end();
    await once(this.out, 'close');
    if (this.failed) throw this.failed;
    await rename(this.tmp, this.path);
  }

  async abort(): Promise<void> {
    this.out.destroy();
    await rm(this.tmp, { force: true });
  }
}
