// How a workbook holds its table: which sheet (the one with the most data, unless named),
// the title rows above the header, and how many header rows are stacked (merged group
// headers such as `예산` over `본예산 | 최종예산`). Looked at on the sheet grids the extract
// stage's XLSX reader parses, so `validate` reads the same rows with the options chosen here.
import type { SheetGrid } from '../extract/index.ts';
import { parseNumber } from '../validate/index.ts';
import { InputError } from '../errors.ts';
import type { RawValue } from '../types.ts';
import { filledCells, findTableHead, isBlank } from './table-head.ts';

export interface XlsxLayout {
  sheet: string;
  /** Other sheets that hold anything, with their filled cells. */
  otherSheets: { name: string; cells: number }[];
  /** Sheet rows above the header that are not empty (titles), or 0. */
  skipRows: number;
  headerRows: number;
  titles: string[];
  /** 1-based sheet row of the header's first row. */
  headerRow: number;
  /** Why headerRows is more than one. */
  stackedBecause?: 'merged cells' | 'partial header rows';
}

const PREVIEW_ROWS = 60;
const COUNT_ROWS = 2000;
const MAX_HEADER_ROWS = 4;

export class XlsxLayoutError extends InputError {
  constructor(file: string, detail: string) {
    super(file, detail);
    this.name = 'XlsxLayoutError';
  }
}

export function xlsxLayout(sheets: readonly SheetGrid[], file: string, wanted?: string): XlsxLayout {
  const sized = sheets.map((g) => ({ grid: g, cells: filledCellsOf(g) }));
  let chosen: (typeof sized)[number] | undefined = sized[0];
  if (wanted !== undefined) {
    chosen = sized.find((s) => s.grid.name === wanted);
    if (!chosen) throw new XlsxLayoutError(file, `no sheet ${JSON.stringify(wanted)}; the workbook has ${sheets.map((s) => JSON.stringify(s.name)).join(', ')}`);
  } else {
    for (const s of sized) if (s.cells > (chosen?.cells ?? 0)) chosen = s;
  }
  if (!chosen || chosen.cells === 0) throw new XlsxLayoutError(file, 'every sheet is empty: no table to read');
  const grid = chosen.grid;
  const last = Math.min(grid.lastRow, grid.firstRow + PREVIEW_ROWS - 1);
  const raw: RawValue[][] = [];
  for (let r = grid.firstRow; r <= last; r++) raw.push(grid.row(r));
  const filled = fillMerges(raw, grid);
  const head = findTableHead(filled);
  if (!head) throw new XlsxLayoutError(file, `sheet ${JSON.stringify(grid.name)} is empty`);
  const headerRow = grid.firstRow + head.header;
  const titled = raw.slice(0, head.header).some((r) => filledCells(r) > 0);
  const stacked = headerRowsOf(raw, grid, head.header);
  return {
    sheet: grid.name,
    otherSheets: sized.filter((s) => s !== chosen && s.cells > 0).map((s) => ({ name: s.grid.name, cells: s.cells })),
    skipRows: titled ? headerRow : 0,
    headerRows: stacked.rows,
    titles: head.titles,
    headerRow: headerRow + 1,
    ...(stacked.because ? { stackedBecause: stacked.because } : {}),
  };
}

function filledCellsOf(g: SheetGrid): number {
  let n = 0;
  for (let r = g.firstRow; r <= g.lastRow && r < g.firstRow + COUNT_ROWS; r++) n += filledCells(g.row(r));
  return n;
}

/**
 * Rows with each merged range's value copied over the whole range (for counting only), so a
 * group header merged over its columns fills them. A title merged across (nearly) the whole
 * table on its own row stays one cell: it is a banner, not a header.
 */
function fillMerges(rows: RawValue[][], grid: SheetGrid): RawValue[][] {
  const out = rows.map((r) => [...r]);
  for (const m of grid.merges) {
    const value = out[m.s.r - grid.firstRow]?.[m.s.c - grid.firstCol];
    if (isBlank(value)) continue;
    if (m.s.r === m.e.r && m.e.c - m.s.c + 1 >= Math.max(2, grid.width - 1)) continue;
    for (let r = m.s.r; r <= m.e.r; r++) {
      const row = out[r - grid.firstRow];
      if (!row) continue;
      for (let c = m.s.c; c <= m.e.c; c++) if (c - grid.firstCol < row.length) row[c - grid.firstCol] = value;
    }
  }
  return out;
}

/** Header rows stacked from `header` (an index into `raw`): merges that reach down, or a partial second row of labels. */
function headerRowsOf(raw: RawValue[][], grid: SheetGrid, header: number): { rows: number; because?: XlsxLayout['stackedBecause'] } {
  let rows = 1;
  let because: XlsxLayout['stackedBecause'];
  while (rows < MAX_HEADER_ROWS && header + rows < raw.length) {
    const top = grid.firstRow + header;
    const next = raw[header + rows]!;
    const nextRow = top + rows;
    const mergedDown = grid.merges.some((m) => m.s.r >= top && m.s.r < nextRow && m.e.r >= nextRow);
    const groupAbove = grid.merges.some((m) => m.s.r >= top && m.s.r < nextRow && m.e.r < nextRow && m.e.c > m.s.c && spanFilled(next, m.s.c - grid.firstCol, m.e.c - grid.firstCol));
    if ((mergedDown || groupAbove) && labelsOnly(next)) {
      rows++;
      because ??= 'merged cells';
      continue;
    }
    const above = raw[header + rows - 1]!;
    const fillsGaps = next.some((v, j) => !isBlank(v) && isBlank(above[j])) && above.some((v, j) => !isBlank(v) && isBlank(next[j]));
    const after = raw[header + rows + 1];
    if (fillsGaps && labelsOnly(next) && after && !labelsOnly(after)) {
      rows++;
      because ??= 'partial header rows';
      continue;
    }
    break;
  }
  return { rows, ...(because ? { because } : {}) };
}

function spanFilled(row: readonly RawValue[], from: number, to: number): boolean {
  for (let j = Math.max(0, from); j <= to && j < row.length; j++) if (!isBlank(row[j])) return true;
  return false;
}

/** A row of labels: something written, and nothing that reads as a number. */
function labelsOnly(row: readonly RawValue[]): boolean {
  let any = false;
  for (const v of row) {
    if (isBlank(v)) continue;
    any = true;
    if (typeof v === 'number' || typeof v === 'boolean') return false;
    const n = parseNumber(v);
    if (n.ok && n.value !== null) return false;
  }
  return any;
}
