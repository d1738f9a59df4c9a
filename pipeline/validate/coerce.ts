// Raw cell -> canonical value per column type (docs/architecture.md §2):
// integer/number -> JS number, date -> "yyyy-MM-dd", datetime -> "yyyy-MM-ddTHH:mm" (Seoul
// local time, no zone), boolean -> true/false, empty -> null. A value that does not fit is a
// problem described in plain words, never a silent null.
import type { ColumnSpec, RawValue, Value } from '../types.ts';
import { canonicalDate, compileDateFormat, parseIso, type DateParser } from './date-format.ts';
import { isEmptyMarker, parseNumber } from './parse-number.ts';

export type Coerced = { ok: true; value: Value } | { ok: false; rule: string; message: string };
export type Coercer = (raw: RawValue) => Coerced;

const NULL: Coerced = { ok: true, value: null };
const TRUE = new Set(['true', 't', 'y', 'yes', '1', '예', '네', 'o', '○']);
const FALSE = new Set(['false', 'f', 'n', 'no', '0', '아니오', '아니요', 'x', '×']);

/** Build the coercer for one column once (date patterns are compiled here, not per cell). */
export function makeCoercer(spec: Pick<ColumnSpec, 'type' | 'format'>): Coercer {
  switch (spec.type) {
    case 'string':
      return (raw) => {
        if (raw === null) return NULL;
        const s = String(raw).trim();
        return s === '' ? NULL : { ok: true, value: s };
      };
    case 'number':
      return (raw) => {
        const n = parseNumber(raw);
        return n.ok ? n : { ok: false, rule: 'number', message: 'is not a number' };
      };
    case 'integer':
      return (raw) => {
        const n = parseNumber(raw);
        if (!n.ok) return { ok: false, rule: 'integer', message: 'is not a whole number' };
        if (n.value !== null && !Number.isSafeInteger(n.value)) return { ok: false, rule: 'integer', message: 'is not a whole number' };
        return n;
      };
    case 'boolean':
      return (raw) => {
        if (typeof raw === 'boolean') return { ok: true, value: raw };
        if (isEmptyMarker(raw)) return NULL;
        const s = String(raw).trim().toLowerCase();
        if (TRUE.has(s)) return { ok: true, value: true };
        if (FALSE.has(s)) return { ok: true, value: false };
        return { ok: false, rule: 'boolean', message: 'is not a yes/no value (true/false, Y/N, 1/0, 예/아니오)' };
      };
    case 'date':
    case 'datetime':
      return dateCoercer(spec.type === 'datetime', spec.format);
    default:
      throw new Error(`unknown column type ${JSON.stringify(spec.type)}`);
  }
}

function dateCoercer(withTime: boolean, format: string | undefined): Coercer {
  const parse: DateParser | null = format ? compileDateFormat(format) : null;
  const kind = withTime ? 'date and time' : 'date';
  const expected = format ? `${kind} in the format ${format}` : `${kind} (yyyy-MM-dd${withTime ? ' HH:mm' : ''})`;
  return (raw) => {
    if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return NULL;
    if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, rule: 'date', message: `is not a ${expected}` };
    // XLSX hands yyyyMMdd columns over as numbers (20140101); read them as their digits.
    const text = String(raw).trim();
    const parts = parseIso(text) ?? parse?.(text) ?? null;
    const value = parts ? canonicalDate(parts, withTime) : null;
    if (value === null) {
      return { ok: false, rule: withTime ? 'datetime' : 'date', message: parts ? `is not a real ${kind}` : `is not a ${expected}` };
    }
    return { ok: true, value };
  };
}
