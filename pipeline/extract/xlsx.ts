// XLSX (and legacy XLS) -> RawTable with SheetJS, after the size and cell-count limits have
// been checked on the raw zip. One sheet is parsed (by name or 0-based index; default the
// first). Sheet rows 1..`skipRows` are ignored (a title above the table); leading empty rows
// are skipped; the next `headerRows` rows form the header (see xlsx-header.ts for the join
// rule); empty rows below are skipped, trailing ones included, and with `dropTotals` so are
// totals rows (totals.ts). Cells to the right of the last named column (notes typed beside
// the table) are ignored.
import * as XLSX from 'xlsx';
import type { CellObject, Range, WorkBook } from 'xlsx';
import type { RawRecord, RawTable, RawValue } from '../types.ts';
import { quote } from '../errors.ts';
import { XlsxError } from './xlsx-error.ts';
import { cellValue } from './xlsx-cell.ts';
import { joinHeaderRows } from './xlsx-header.ts';
import { checkWorkbookLimits, DEFAULT_LIMITS, overCells, rangeCells, type WorkbookLimits } from './xlsx-limits.ts';
import { isTotalsRow } from './totals.ts';

export { XlsxError } from './xlsx-error.ts';

export interface XlsxOptions {
  sheet?: string | number;
  headerRows?: number;
  /** Sheet rows ignored above the table (titles, notes); default 0. */
  skipRows?: number;
  /** Drop rows labelled 합계, 계, 총계, 소계 or Total in one of the first three columns. */
  dropTotals?: boolean;
  maxCells?: number;
  maxUncompressedBytes?: number;
}

/** One parsed sheet as a grid of raw values, for the reader and for layout inference. */
export interface SheetGrid {
  name: string;
  /** 0-based sheet coordinates of the used range; `lastRow < firstRow` when the sheet is empty. */
  firstRow: number;
  lastRow: number;
  firstCol: number;
  /** Columns in the used range. */
  width: number;
  merges: Range[];
  /** Values of sheet row `r` (0-based), `width` columns from `firstCol`. */
  row(r: number, width?: number): RawValue[];
}

export async function readXlsx(bytes: Uint8Array, file: string, opts: XlsxOptions = {}): Promise<RawTable> {
  checkRowOptions(opts, file);
  const limits = limitsOf(opts);
  await checkWorkbookLimits(bytes, file, limits);
  const wb = parse(bytes, file, opts.sheet ?? 0);
  return sheetTable(sheetGrid(wb, pickSheet(wb, opts.sheet, file), file, limits), file, opts);
}

/**
 * The table on one parsed sheet (from `readXlsxSheets`), read with the same rules as
 * `readXlsx`: what `new dataset --from` reads a workbook with, parsing it once.
 */
export function sheetTable(grid: SheetGrid, file: string, opts: Pick<XlsxOptions, 'headerRows' | 'skipRows' | 'dropTotals'> = {}): RawTable {
  checkRowOptions(opts, file);
  const headerRows = opts.headerRows ?? 1;
  const skipRows = opts.skipRows ?? 0;
  const sheetName = grid.name;
  let first = Math.max(grid.firstRow, skipRows);
  while (first <= grid.lastRow && isEmpty(grid.row(first))) first++;
  if (first > grid.lastRow) {
    throw new XlsxError(file, skipRows ? `no header row below the ${skipRows} skipped row(s)` : 'the sheet is empty: no header row', sheetName);
  }
  const rows: RawValue[][] = [];
  for (let r = first; r < first + headerRows; r++) rows.push(grid.row(r));
  const headers = joinHeaderRows(rows, grid.merges, first, grid.firstCol, grid.width);
  if (!headers.length) throw new XlsxError(file, `the header row is empty`, sheetName, first + 1);
  const dropTotals = opts.dropTotals ?? false;

  async function* records(): AsyncGenerator<RawRecord> {
    for (let r = first + headerRows; r <= grid.lastRow; r++) {
      const values = grid.row(r, headers.length);
      if (isEmpty(values) || (dropTotals && isTotalsRow(values))) continue;
      yield { values, loc: { file, sheet: sheetName, row: r + 1 } };
    }
  }
  return { headers, records: records() };
}

function checkRowOptions(opts: Pick<XlsxOptions, 'headerRows' | 'skipRows'>, file: string): void {
  const headerRows = opts.headerRows ?? 1;
  if (!Number.isInteger(headerRows) || headerRows < 1) throw new XlsxError(file, `headerRows must be a whole number of at least 1, not ${quote(headerRows)}`);
  const skipRows = opts.skipRows ?? 0;
  if (!Number.isInteger(skipRows) || skipRows < 0) throw new XlsxError(file, `skipRows must be a whole number of at least 0, not ${quote(skipRows)}`);
}

/**
 * Every sheet of a workbook as a grid, in workbook order (after the same limits the reader
 * checks): what `new dataset --from` looks at to choose the sheet and find the header.
 */
export async function readXlsxSheets(bytes: Uint8Array, file: string, opts: Pick<XlsxOptions, 'maxCells' | 'maxUncompressedBytes'> = {}): Promise<SheetGrid[]> {
  const limits = limitsOf(opts);
  await checkWorkbookLimits(bytes, file, limits);
  const wb = parse(bytes, file, undefined);
  return wb.SheetNames.map((name) => sheetGrid(wb, name, file, limits));
}

function limitsOf(opts: Pick<XlsxOptions, 'maxCells' | 'maxUncompressedBytes'>): WorkbookLimits {
  return {
    maxUncompressedBytes: opts.maxUncompressedBytes ?? DEFAULT_LIMITS.maxUncompressedBytes,
    maxCells: opts.maxCells ?? DEFAULT_LIMITS.maxCells,
  };
}

function sheetGrid(wb: WorkBook, name: string, file: string, limits: WorkbookLimits): SheetGrid {
  const ws = wb.Sheets[name];
  if (!ws || !ws['!ref']) return { name, firstRow: 0, lastRow: -1, firstCol: 0, width: 0, merges: [], row: () => [] };
  const range = XLSX.utils.decode_range(ws['!ref']);
  const cells = rangeCells(ws['!ref']);
  if (cells > limits.maxCells) throw overCells(file, cells, limits, `the sheet range ${ws['!ref']}`, name);
  const data: CellObject[][] = ws['!data'] ?? [];
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const width = range.e.c - range.s.c + 1;
  return {
    name,
    firstRow: range.s.r,
    lastRow: range.e.r,
    firstCol: range.s.c,
    width,
    merges: ws['!merges'] ?? [],
    row: (r, w = width) => Array.from({ length: w }, (_, j) => cellValue(data[r]?.[range.s.c + j], date1904)),
  };
}

function parse(bytes: Uint8Array, file: string, sheet: string | number | undefined): WorkBook {
  try {
    return XLSX.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      type: 'buffer',
      dense: true,
      cellNF: true, // number formats tell date serials from plain numbers
      cellText: false,
      cellHTML: false,
      cellDates: false,
      ...(sheet === undefined ? {} : { sheets: sheet }), // only the chosen sheet is materialized
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
