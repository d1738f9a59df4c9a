// Turning API rows (objects) into RawRecords aligned with one header list. Headers are fixed
// from page 1 (the first appearance order of keys across its rows), since the table's headers
// are handed out before later pages are fetched; a key missing from a row reads as null.

import type { RawValue } from '../types.ts';

/** Keys of `rows` in first-appearance order. */
export function headersOf(rows: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const k of Object.keys(row)) seen.add(k);
  return [...seen];
}

/** Values in header order; nested values (rare, never in Seoul services seen so far) as JSON text. */
export function valuesOf(row: Record<string, unknown>, headers: readonly string[]): RawValue[] {
  return headers.map((h) => toRaw(Object.hasOwn(row, h) ? row[h] : undefined));
}

function toRaw(v: unknown): RawValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/** Keys of `row` that are not headers and were not reported yet (each is reported once). */
export function newUnknownKeys(row: Record<string, unknown>, headers: ReadonlySet<string>, reported: Set<string>): string[] {
  const out: string[] = [];
  for (const k of Object.keys(row)) {
    if (!headers.has(k) && !reported.has(k)) { reported.add(k); out.push(k); }
  }
  return out;
}
