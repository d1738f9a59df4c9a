import type { RawValue } from '../types.ts';

// What Seoul's files write for "no value": empty cells, a dash, an ellipsis (the one-character
// `…` or three dots), sometimes a full-width dash. All become null, never 0.
const EMPTY = new Set(['', '-', '－', '―', '…', '...']);

export function isEmptyMarker(raw: RawValue): boolean {
  return raw === null || (typeof raw === 'string' && EMPTY.has(raw.trim()));
}

// Digits with optional comma grouping ("1,395", "12,345.6") or none ("1395.5", ".5", "1e-3").
// Anchored, no nested quantifiers: linear time on any input.
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export type NumberParse = { ok: true; value: number | null } | { ok: false };

/** Parse a number as departments write it; `12a`, `1,2,3` and `１２` are not numbers. */
export function parseNumber(raw: RawValue): NumberParse {
  if (typeof raw === 'number') return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false };
  if (raw === null || raw === '') return NULL;
  if (typeof raw !== 'string' || raw.length > 64) return { ok: false };
  // The common case first: plain digits, no surrounding space.
  if (PLAIN.test(raw)) return finite(Number(raw));
  const s = raw.trim();
  if (EMPTY.has(s)) return NULL;
  if (PLAIN.test(s)) return finite(Number(s));
  if (GROUPED.test(s)) return finite(Number(s.replace(/,/g, '')));
  return { ok: false };
}

const NULL: NumberParse = { ok: true, value: null };

function finite(n: number): NumberParse {
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
}
