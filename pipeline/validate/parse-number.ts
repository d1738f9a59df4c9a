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

/**
 * Whether s is a plain number, /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/, scanned by
 * hand: this runs for most cells of most datasets.
 */
export function isPlain(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 43 || c === 45) { // + -
    if (++i === n) return false;
    c = s.charCodeAt(i);
  }
  let digits = 0;
  while (c >= 48 && c <= 57) {
    digits++;
    if (++i === n) return true;
    c = s.charCodeAt(i);
  }
  if (c === 46) { // .
    let fraction = 0;
    while (++i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) fraction++;
    if (digits === 0 && fraction === 0) return false;
    if (i === n) return true;
  } else if (digits === 0) {
    return false;
  }
  if (c !== 101 && c !== 69) return false; // e E
  if (++i === n) return false;
  c = s.charCodeAt(i);
  if ((c === 43 || c === 45) && ++i === n) return false;
  let exponent = 0;
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) (exponent++, i++);
  return exponent > 0 && i === n;
}

export type NumberParse = { ok: true; value: number | null } | { ok: false };

/** Parse a number as departments write it; `12a`, `1,2,3` and `１２` are not numbers. */
export function parseNumber(raw: RawValue): NumberParse {
  if (typeof raw === 'number') return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false };
  if (raw === null || raw === '') return NULL;
  if (typeof raw !== 'string' || raw.length > 64) return { ok: false };
  // The common case first: plain digits, no surrounding space.
  if (isPlain(raw)) return finite(Number(raw));
  const s = raw.trim();
  if (EMPTY.has(s)) return NULL;
  if (isPlain(s)) return finite(Number(s));
  if (GROUPED.test(s)) return finite(Number(s.replace(/,/g, '')));
  return { ok: false };
}

const NULL: NumberParse = { ok: true, value: null };

function finite(n: number): NumberParse {
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
}
