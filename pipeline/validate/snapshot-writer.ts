// Streams validated rows to `<target>.<pid>.<n>.tmp`, hashing while writing, and renames it
// over the target only on commit, so readers see the previous snapshot or the new one whole.
// Lines are batched into ~64 KB chunks: one write per chunk, waiting for drain (flat memory).
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import type { Row } from '../types.ts';

const CHUNK = 64 * 1024;
let counter = 0;

export class SnapshotWriter {
  rows = 0;
  private readonly hash: Hash = createHash('sha256');
  private readonly tmp: string;
  private stream?: WriteStream;
  private pending = '';
  private failed?: Error;

  constructor(private readonly target: string) {
    this.tmp = `${target}.${process.pid}.${(counter++).toString(36)}.tmp`;
  }

  async write(row: Row): Promise<void> {
    this.pending += `${JSON.stringify(row)}\n`;
    this.rows++;
    if (this.pending.length >= CHUNK) await this.flush();
  }

  /** Finish the file and move it into place; returns its sha256 (hex). */
  async commit(): Promise<string> {
    await this.flush();
    const stream = await this.open();
    stream.end();
    await once(stream, 'close');
    if (this.failed) throw this.failed;
    await rename(this.tmp, this.target);
    return this.hash.digest('hex');
  }

  /** Throw the partial file away; the previous snapshot stays as it was. */
  async abort(): Promise<void> {
    if (this.stream && !this.stream.closed) {
      this.stream.end();
      await once(this.stream, 'close').catch(() => undefined);
    }
    await rm(this.tmp, { force: true });
  }

  private async open(): Promise<WriteStream> {
    if (!this.stream) {
      await mkdir(dirname(this.target), { recursive: true });
      this.stream = createWriteStream(this.tmp);
      this.stream.on('error', (err) => { this.failed = err; });
    }
    return this.stream;
  }

  private async flush(): Promise<void> {
    if (!this.pending) return;
    const stream = await this.open();
    // Encode once: the same bytes feed the hash and the file.
    const chunk = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    this.hash.update(chunk);
    if (this.failed) throw this.failed;
    if (!stream.write(chunk)) await drained(stream);
    if (this.failed) throw this.failed;
  }
}

/** Resolves on 'drain' or 'error' (the error itself is kept by the writer), leaving no listener behind. */
function drained(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
  });
}
