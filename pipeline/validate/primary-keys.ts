// Remembers every primary key seen so a repeat can name both rows, in flat memory: a key is
// kept as a 128-bit hash in an open-addressing table of typed arrays (~25 bytes a slot, no
// per-row objects for the garbage collector), beside its first row's packed location. A
// million keys take ~50 MB; a Map of key strings took ~130 MB. Two different keys sharing
// all 128 bits (a false "duplicate") is far less likely than a disk error.
import { quote } from '../errors.ts';
import type { RejectedRow, Row, SourceLocation } from '../types.ts';
import type { CandidateBatch } from './candidate-batch.ts';
import { describeLocation, LocationCodec } from './location.ts';
import type { ReportBuilder } from './report.ts';

const UNKNOWN = -1;
const MAX_LOAD = 0.7;

export class PrimaryKeys {
  private readonly codec = new LocationCodec();
  private capacity = 1024;
  private size = 0;
  private hashes = new Uint32Array(this.capacity * 4);
  private locations = new Float64Array(this.capacity);
  private used = new Uint8Array(this.capacity);
  private readonly h = new Uint32Array(4);

  constructor(readonly columns: readonly string[]) {}

  get enabled(): boolean {
    return this.columns.length > 0;
  }

  /** The key's values in order, for messages. */
  values(row: Row): (string | number | boolean | null)[] {
    return this.columns.map((c) => row[c] ?? null);
  }

  /**
   * Record the row's key; when it was seen before, return where (the first occurrence).
   * Returns undefined for a new key, or null when the first location was not recordable.
   */
  check(row: Row, loc: SourceLocation): SourceLocation | null | undefined {
    if (!this.enabled) return undefined;
    this.hashRow(row);
    const h = this.h;
    const mask = this.capacity - 1;
    for (let i = h[0] & mask; ; i = (i + 1) & mask) {
      if (!this.used[i]) break;
      const o = i * 4;
      if (this.hashes[o] === h[0] && this.hashes[o + 1] === h[1] && this.hashes[o + 2] === h[2] && this.hashes[o + 3] === h[3]) {
        const first = this.locations[i];
        return first === UNKNOWN ? null : this.codec.decode(first);
      }
    }
    let packed = UNKNOWN;
    try {
      packed = this.codec.encode(loc);
    } catch {
      // Out-of-range positions only lose the "first seen at" detail, not the check.
    }
    if ((this.size + 1) / this.capacity > MAX_LOAD) this.grow();
    this.insert(h[0], h[1], h[2], h[3], packed);
    this.size++;
    return undefined;
  }

  private insert(a: number, b: number, c: number, d: number, packed: number): void {
    const mask = this.capacity - 1;
    let i = a & mask;
    while (this.used[i]) i = (i + 1) & mask;
    const o = i * 4;
    this.hashes[o] = a;
    this.hashes[o + 1] = b;
    this.hashes[o + 2] = c;
    this.hashes[o + 3] = d;
    this.locations[i] = packed;
    this.used[i] = 1;
  }

  private grow(): void {
    const { hashes, locations, used, capacity } = this;
    this.capacity = capacity * 2;
    this.hashes = new Uint32Array(this.capacity * 4);
    this.locations = new Float64Array(this.capacity);
    this.used = new Uint8Array(this.capacity);
    for (let i = 0; i < capacity; i++) {
      if (used[i]) this.insert(hashes[i * 4], hashes[i * 4 + 1], hashes[i * 4 + 2], hashes[i * 4 + 3], locations[i]);
    }
  }

  private hashRow(row: Row): void {
    // The four lanes live in locals (registers), not in memory, for the whole key.
    let a = 0xdeadbeef | 0;
    let b = 0x41c6ce57 | 0;
    let c = 0x9e3779b9 | 0;
    let d = 0x85ebca6b | 0;
    const columns = this.columns;
    for (let k = 0; k < columns.length; k++) {
      const v = row[columns[k]!] ?? null;
      const text = v === null ? '' : typeof v === 'string' ? v : `${v}`;
      for (let i = -2; i < text.length; i++) {
        const x = i === -2 ? (v === null ? 0x10001 : typeof v === 'string' ? 0x10002 : typeof v === 'number' ? 0x10003 : 0x10004) : i === -1 ? text.length : text.charCodeAt(i);
        a = imul(a ^ x, 2654435761);
        b = imul(b ^ x, 1597334677);
        c = imul(c ^ x, 2246822519);
        d = imul(d ^ x, 3266489917);
      }
    }
    const h = this.h;
    h[0] = fin(a, b);
    h[1] = fin(b, h[0]);
    h[2] = fin(c, d);
    h[3] = fin(d, h[2]);
  }
}

// Two independent 64-bit multiply-xorshift lanes (cyrb53-style at full width, two seeds) over
// the key's values, each prefixed by its type and length so "1" and 1 differ and no
// separator can be forged. No allocation per row.
// A module binding, not a global lookup per character (globals are slow inside vm contexts).
const imul = Math.imul;

function fin(x: number, y: number): number {
  return (imul(x ^ (x >>> 16), 2246822507) ^ imul(y ^ (y >>> 13), 3266489909)) >>> 0;
}

/**
 * Rejects row i of a batch when its key is empty or was seen before (naming both places);
 * null when it is new.
 */
export function checkKey(keys: PrimaryKeys, row: Row, report: ReportBuilder, batch: CandidateBatch, i: number): RejectedRow | null {
  const cols = keys.columns;
  for (let k = 0; k < cols.length; k++) {
    const c = cols[k]!;
    if ((row[c] ?? null) === null) return report.reject(batch.loc(i), c, batch.raw(i, c), 'primaryKey', 'is empty, but it is part of the primary key');
  }
  // Every new key keeps where it was first seen, so each keyed row's location is needed.
  const loc = batch.loc(i);
  const first = keys.check(row, loc);
  if (first === undefined) return null;
  report.duplicates++;
  const values = keys.values(row);
  const shown = cols.map((c, k) => `${c} ${typeof values[k] === 'string' ? quote(values[k], 80) : JSON.stringify(values[k])}`).join(', ');
  const firstAt = first ? describeLocation(first) : 'an earlier row';
  return report.rejectWithMessage(loc, cols.join('+'), values.join(' / '), 'duplicate-key',
    `${describeLocation(loc)}: duplicate primary key (${shown}), first seen at ${firstAt}`);
}
