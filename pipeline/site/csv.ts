// CSV for people who open it in a spreadsheet: UTF-8 with a BOM (so Excel shows Korean, not
// mojibake), RFC 4180 quoting and CRLF line ends, and formula injection neutralised: a TEXT cell
// that starts with = + - @ tab or CR gets a leading apostrophe so a spreadsheet shows it instead
// of running it (OWASP). Numbers are written as numbers, so -3.5 stays -3.5.
import type { Value } from '../types.ts';

export const CSV_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: Value | undefined): string {
  let s: string;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') s = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') s = value ? 'true' : 'false';
  else if (typeof value === 'string') s = FORMULA_START.test(value) ? `'${value}` : value;
  else s = JSON.stringify(value);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: ReadonlyArray<Value | undefined>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
