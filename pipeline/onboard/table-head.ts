// Where a table starts: departments put a title, a date or `(단위: 명)` above the header,
// and blank lines between. The header is the first row that fills at least half of the
// table's width (and two cells); the rows above it are titles to skip.
import type { RawValue } from '../types.ts';

export interface TableHead {
  /** Index (into the rows given) of the header's first row. */
  header: number;
  /** Non-empty texts of the rows above the header, in order. */
  titles: string[];
  /** Widest row: non-empty cells. */
  width: number;
}

export function isBlank(v: RawValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

export function filledCells(row: readonly RawValue[]): number {
  let n = 0;
  for (const v of row) if (!isBlank(v)) n++;
  return n;
}

export function findTableHead(rows: readonly (readonly RawValue[])[]): TableHead | undefined {
  const counts = rows.map(filledCells);
  const width = Math.max(0, ...counts);
  if (width === 0) return undefined;
  const need = Math.max(Math.min(2, width), Math.ceil(width / 2));
  const header = counts.findIndex((c) => c >= need);
  const titles = rows.slice(0, header).flatMap((r) => r.filter((v) => !isBlank(v)).map((v) => String(v).trim()));
  return { header, titles, width };
}
