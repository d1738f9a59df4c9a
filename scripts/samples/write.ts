// Writers for the sample formats. Output is deterministic: fixed key order, one record
// per line in JSON (readable diffs), explicit line endings and encodings.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import iconv from 'iconv-lite';

export type Cell = string | number | null;

export function writeBytes(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

function quoteCell(value: Cell, quoteAll: boolean): string {
  const text = value === null ? '' : String(value);
  const needs = quoteAll || /[",\r\n]/.test(text);
  return needs ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvOptions {
  quoteAll?: boolean;
  eol?: '\n' | '\r\n';
  /** Lines written before the header (titles, notes), unquoted. */
  preamble?: string[];
}

export function toCsv(header: string[], rows: Cell[][], opts: CsvOptions = {}): string {
  const eol = opts.eol ?? '\n';
  const lines = [...(opts.preamble ?? [])];
  lines.push(header.map((h) => quoteCell(h, opts.quoteAll ?? false)).join(','));
  for (const row of rows) lines.push(row.map((c) => quoteCell(c, opts.quoteAll ?? false)).join(','));
  return lines.join(eol) + eol;
}

export const UTF8_BOM = '\uFEFF';

export function encodeCp949(text: string): Uint8Array {
  return iconv.encode(text, 'cp949');
}

/**
 * A Seoul Open API response exactly as the server sends it (one page holding every row),
 * with one row per line so a regenerated sample diffs readably.
 */
export function seoulApiPage(rootKey: string, rows: Record<string, unknown>[]): string {
  const head = JSON.stringify({ list_total_count: rows.length, RESULT: { CODE: 'INFO-000', MESSAGE: '정상 처리되었습니다' } });
  const body = rows.map((r) => JSON.stringify(r)).join(',\n');
  return `{"${rootKey}":${head.slice(0, -1)},"row":[\n${body}\n]}}\n`;
}

/** Thousands separators as Korean spreadsheets write them: 1395 -> "1,395". */
export function thousands(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
