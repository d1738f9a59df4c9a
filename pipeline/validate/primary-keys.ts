// Remembers every primary key seen so a repeat can name both rows. Memory per row is one
// key string and one packed location number (see LocationCodec), nothing more.
import type { Row, SourceLocation } from '../types.ts';
import { LocationCodec } from './location.ts';

const UNKNOWN = -1;

export class PrimaryKeys {
  private readonly seen = new Map<string, number>();
  private readonly codec = new LocationCodec();

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
    // A separator no canonical value contains; strings and numbers stay distinct ("1" vs 1).
    let key = '';
    for (const c of this.columns) {
      const v = row[c] ?? null;
      key += `${typeof v === 'string' ? 's' : typeof v === 'number' ? 'n' : 'o'}${String(v)}\u0000`;
    }
    const first = this.seen.get(key);
    if (first !== undefined) return first === UNKNOWN ? null : this.codec.decode(first);
    let packed = UNKNOWN;
    try {
      packed = this.codec.encode(loc);
    } catch {
      // Out-of-range positions only lose the "first seen at" detail, not the check.
    }
    this.seen.set(key, packed);
    return undefined;
  }
}
