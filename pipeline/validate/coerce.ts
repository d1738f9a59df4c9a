// Raw cell -> canonical value per column type (docs/architecture.md §2):
// integer/number -> JS number, date -> "yyyy-MM-dd", datetime -> "yyyy-MM-ddTHH:mm" (Seoul
// local time, no zone), boolean -> true/false, empty -> null. A value that does not fit is a
// problem described in plain words, never a silent null.
import type { ColumnSpec, RawValue, Value } from '../types.ts';
import { canonicalDate, compileDateFormat, parseIso, type DateParser } from './date-format.ts';
import { isEmptyMarker, parseNumber } from './parse-number.ts';

export type Coerced = { ok: true; value: Value } | { ok: false; rule: string; message: string };
export type Coercer = (raw: RawValue) => Coerced;

/** Why a value does not fit its column; one object per reason, made once. */
export class CoerceFailure {
  constructor(
    readonly rule: string,
    readonly message: string,
  ) {}
}

/**
 * Reads one raw cell as its column's value, or says why it cannot (a CoerceFailure). What the
 * validation loop calls per cell: no result object per value.
 */
export type ValueReader = (raw: RawValue) => Value | CoerceFailure;

const TRUE = new Set(['true', 't', 'y', 'yes', '1', '예', '네', 'o', '○']);
const FALSE = new Set(['false', 'f', 'n', 'no', '0', '아니오', '아니요', 'x', '×']);
/** Distinct raw dates remembered per column: a million rows name a few thousand days. */
const DATE_MEMO = 4096;

/** Build the coercer for one column once (date patterns are compiled here, not per cell). */
export function makeCoercer(spec: Pick<ColumnSpec, 'type' | 'format'>): Coercer {
  const read = makeValueReader(spec);
  return (raw) => {
    const v = read(raw);
    return v instanceof CoerceFailure ? { ok: false, rule: v.rule, message: v.message } : { ok: true, value: v };
  };
}

/** The reader for one column, built once per column (date patterns compiled here, not per cell). */
export function makeValueReader(spec: Pick<ColumnSpec, 'type' | 'format'>): ValueReader {
  switch (spec.type) {
    case 'string':
      return (raw) => {
        if (raw === null) return null;
        const s = (typeof raw === 'string' ? raw : String(raw)).trim();
        return s === '' ? null : s;
      };
    case 'number': {
      const fail = new CoerceFailure('number', 'is not a number');
      return (raw) => {
        const n = parseNumber(raw);
        return n.ok ? n.value : fail;
      };
    }
    case 'integer': {
      const fail = new CoerceFailure('integer', 'is not a whole number');
      return (raw) => {
        const n = parseNumber(raw);
        if (!n.ok || (n.value !== null && !Number.isSafeInteger(n.value))) return fail;
        return n.value;
      };
    }
    case 'boolean': {
      const fail = new CoerceFailure('boolean', 'is not a yes/no value (true/false, Y/N, 1/0, 예/아니오)');
      return (raw) => {
        if (typeof raw === 'boolean') return raw;
        if (isEmptyMarker(raw)) return null;
        const s = String(raw).trim().toLowerCase();
        if (TRUE.has(s)) return true;
        if (FALSE.has(s)) return false;
        return fail;
      };
    }
    case 'date':
    case 'datetime':
      return memoized(dateReader(spec.type === 'datetime', spec.format));
    default:
      throw new Error(`unknown column type ${JSON.stringify(spec.type)}`);
  }
}

function dateReader(withTime: boolean, format: string | undefined): ValueReader {
  const parse: DateParser | null = format ? compileDateFormat(format) : null;
  const kind = withTime ? 'date and time' : 'date';
  const expected = format ? `${kind} in the format ${format}` : `${kind} (yyyy-MM-dd${withTime ? ' HH:mm' : ''})`;
  const rule = withTime ? 'datetime' : 'date';
  const notA = new CoerceFailure('date', `is not a ${expected}`);
  const notAny = new CoerceFailure(rule, `is not a ${expected}`);
  const notReal = new CoerceFailure(rule, `is not a real ${kind}`);
  return (raw) => {
    if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
    if (typeof raw !== 'string' && typeof raw !== 'number') return notA;
    // XLSX hands yyyyMMdd columns over as numbers (20140101); read them as their digits.
    const text = String(raw).trim();
    const parts = parseIso(text) ?? parse?.(text) ?? null;
    const value = parts ? canonicalDate(parts, withTime) : null;
    if (value === null) return parts ? notReal : notAny;
    return value;
  };
}

/**
 * The same answer for the same raw text without parsing it again; numbers pass through (their
 * text is made per call). Bounded: past DATE_MEMO distinct values the memo stops growing.
 */
function memoized(read: ValueReader): ValueReader {
  const memo = new Map<string, Value | CoerceFailure>();
  return (raw) => {
    if (typeof raw !== 'string') return read(raw);
    let v = memo.get(raw);
    if (v === undefined) {
      v = read(raw);
      if (memo.size < DATE_MEMO) memo.set(raw, v);
    }
    return v;
  };
}
