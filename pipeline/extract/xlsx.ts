// XLSX (and legacy XLS) -> RawTable with SheetJS, after the size and cell-count limits have
// been checked on the raw zip. One sheet is parsed (by name or 0-based index; default the
// first). Leading empty rows are skipped; the next `headerRows` rows form the header (see
// xlsx-header.ts for the join rule); empty rows below are skipped, trailing ones included.
// Cells to the right of the last named column (notes typed beside the table) are ignored.
import * as XLSX from 'xlsx';
import type { CellObject, WorkBook } from 'xlsx';
import type { RawRecord, RawTable, RawValue } from '../types.ts';
import { quote } from '../errors.ts';
import { XlsxError } from './xlsx-error.ts';
import { cellValue } from './xlsx-cell.ts';
import { joinHeaderRows } from './xlsx-header.ts';
import { checkWorkbookLimits, DEFAULT_LIMITS, overCells, rangeCells, type WorkbookLimits } from './xlsx-limits.ts';

export { XlsxError } from './xlsx-error.ts';

export interface XlsxOptions {
  sheet?: string | number;
  headerRows?: number;
  maxCells?: number;
  maxUncompressedBytes?: number;
}

export async function readXlsx(bytes: Uint8Array, file: string, opts: XlsxOptions = {}): Promise<RawTable> {
  const limits: WorkbookLimits = {
    maxUncompressedBytes: opts.maxUncompressedBytes ?? DEFAULT_LIMITS.maxUncompressedBytes,
    maxCells: opts.maxCells ?? DEFAULT_LIMITS.maxCells,
  };
  const headerRows = opts.headerRows ?? 1;
  if (!Number.isInteger(headerRows) || headerRows < 1) throw new XlsxError(file, `headerRows must be a whole number of at least 1, not ${quote(headerRows)}`);
  await checkWorkbookLimits(bytes, file, limits);

  const wb = parse(bytes, file, opts.sheet ?? 0);
  const sheetName = pickSheet(wb, opts.sheet, file);
  const ws = wb.Sheets[sheetName];
  if (!ws || !ws['!ref']) throw new XlsxError(file, 'the sheet is empty: no header row', sheetName);
  const range = XLSX.utils.decode_range(ws['!ref']);
  const cells = rangeCells(ws['!ref']);
  if (cells > limits.maxCells) throw overCells(file, cells, limits, `the sheet range ${ws['!ref']}`, sheetName);

  const data: CellObject[][] = ws['!data'] ?? [];
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const fullWidth = range.e.c - range.s.c + 1;
  const rowValues = (r: number, width: number): RawValue[] =>
    Array.from({ length: width }, (_, j) => cellValue(data[r]?.[range.s.c + j], date1904));

  let first = range.s.r;
  while (first <= range.e.r && isEmpty(rowValues(first, fullWidth))) first++;
  if (first > range.e.r) throw new XlsxError(file, 'the sheet is empty: no header row', sheetName);
  const grid: RawValue[][] = [];
  for (let r = first; r < first + headerRows; r++) grid.push(rowValues(r, fullWidth));
  const headers = joinHeaderRows(grid, ws['!merges'] ?? [], first, range.s.c, fullWidth);
  if (!headers.length) throw new XlsxError(file, `the header row is empty`, sheetName, first + 1);

  async function* records(): AsyncGenerator<RawRecord> {
    for (let r = first + headerRows; r <= range.e.r; r++) {
      const values = rowValues(r, headers.length);
      if (isEmpty(values)) continue;
      yield { values, loc: { file, sheet: sheetName, row: r + 1 } };
    }
  }
  return { headers, records: records() };
}

function parse(bytes: Uint8Array, file: string, sheet: string | number): WorkBook {
  try {
    return XLSX.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      type: 'buffer',
      dense: true,
      cellNF: true, // number formats tell date serials from plain numbers
      cellText: false,
      cellHTML: false,
      cellDates: false,
      sheets: sheet, // only the chosen sheet is materialized
    });
  } catch (err) {
    throw new XlsxError(file, `cannot read the workbook: ${(err as Error).message}`);
  }
}

function pickSheet(wb: WorkBook, sheet: string | number | undefined, file: string): string {
  const names = wb.SheetNames;
  const name = typeof sheet === 'number' ? names[sheet] : (sheet ?? names[0]);
  if (name !== undefined && names.includes(name)) return name;
  const asked = typeof sheet === 'number' ? `at index ${sheet} (0-based)` : quote(sheet);
  throw new XlsxError(file, `no sheet ${asked}; the workbook has ${names.map((n, i) => `${i}: ${quote(n)}`).join(', ') || 'no sheets'}`);
}

function isEmpty(values: RawValue[]): boolean {
  return values.every((v) => v === null || (typeof v === 'string' && v.trim() === ''));
}
