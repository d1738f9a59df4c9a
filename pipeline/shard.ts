// Stable partition of dataset ids across N parallel fetch jobs (`--shard K/N`). A dataset's
// shard depends only on its id and N, never on the catalog's order or size, so adding a
// dataset never moves the others and every job of a nightly matrix agrees on who does what.
import { CliError } from './errors.ts';

/** 32-bit FNV-1a over the id's UTF-8 bytes. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The shard (1..n) that owns `id`. */
export function shardOf(id: string, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`shard count must be a whole number of at least 1; got ${n}`);
  return (fnv1a(id) % n) + 1;
}

export interface Shard {
  /** 1-based index of this shard. */
  k: number;
  /** Number of shards. */
  n: number;
}

const MAX_SHARDS = 256;

/** Parses `K/N` (1 <= K <= N <= 256); a usage error names the value and what is expected. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const usage = (why: string) => new CliError(`--shard ${JSON.stringify(text)}: ${why}; expected K/N such as 1/4 (shard K of N, 1 <= K <= N <= ${MAX_SHARDS})`);
  if (!m) throw usage('not of the form K/N');
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > MAX_SHARDS) throw usage(`N must be between 1 and ${MAX_SHARDS}`);
  if (k < 1 || k > n) throw usage(`K must be between 1 and N (${n})`);
  return { k, n };
}

/** The ids shard `spec` (a `K/N` string or parsed Shard) owns, in their given order. */
export function selectShard(ids: readonly string[], spec: string | Shard): string[] {
  const { k, n } = typeof spec === 'string' ? parseShard(spec) : spec;
  return ids.filter((id) => shardOf(id, n) === k);
}
