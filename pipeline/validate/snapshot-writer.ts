// Streams validated rows to a temporary file beside the snapshot, hashing while writing, and
// renames it over the snapshot only on commit (atomic-write.ts), so readers see the previous
// snapshot or the new one whole. Lines are batched into ~64 KB chunks: `add` is synchronous
// (no promise per row), and the caller flushes when `full`, waiting for drain (flat memory).
import { AtomicFile } from '../atomic-write.ts';
import type { Row } from '../types.ts';

const CHUNK = 64 * 1024;

export class SnapshotWriter {
  rows = 0;
  private file?: AtomicFile;
  private pending = '';

  constructor(private readonly target: string) {}

  add(row: Row): void {
    this.pending += `${JSON.stringify(row)}\n`;
    this.rows++;
  }

  /** A chunk's worth is waiting: time to `flush`. */
  get full(): boolean {
    return this.pending.length >= CHUNK;
  }

  /** Write what is pending to the temporary file. */
  async flush(): Promise<void> {
    if (!this.pending) return;
    const file = await this.open();
    const chunk = this.pending;
    this.pending = '';
    await file.write(chunk);
  }

  /** Finish the file and move it into place; returns its sha256 (hex). */
  async commit(): Promise<string> {
    await this.flush();
    const file = await this.open();
    return (await file.commit()).sha256;
  }

  /** Throw the partial file away; the previous snapshot stays as it was. */
  async abort(): Promise<void> {
    await this.file?.abort();
  }

  private async open(): Promise<AtomicFile> {
    this.file ??= await AtomicFile.open(this.target);
    return this.file;
  }
}
