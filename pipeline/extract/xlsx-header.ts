// Stacked header rows -> one name per column.
//
// Join rule: every merged range that overlaps the header rows is first filled with its
// top-left value across the whole range (so a title merged over three columns labels all three,
// and a name merged down two rows labels both rows). Then, per column, the non-empty header
// texts from top to bottom are joined with one space, dropping a part equal to the part just
// above it. Example, a two-row header with `예산` merged over two columns:
//     | 구분 (merged down) | 예산 (merged across) |        |
//     |                    | 예산액               | 집행액 |
// gives `구분`, `예산 예산액`, `예산 집행액`. Whitespace inside a part (line breaks typed
// with Alt+Enter) collapses to one space; empty names at the right end are dropped.
import type { Range } from 'xlsx';
import type { RawValue } from '../types.ts';

/**
 * `grid[i][j]`: the value of header row i (0-based among the header rows), column j (0-based
 * from the sheet range's first column). `firstRow`/`firstCol`: sheet coordinates of grid[0][0].
 */
export function joinHeaderRows(grid: RawValue[][], merges: Range[], firstRow: number, firstCol: number, width: number): string[] {
  const text = grid.map((row) => Array.from({ length: width }, (_, j) => clean(row[j])));
  const lastRow = firstRow + grid.length - 1;
  for (const m of merges) {
    if (m.e.r < firstRow || m.s.r > lastRow) continue;
    if (m.s.r < firstRow) continue; // the merge's value sits above the header: nothing to copy
    const value = text[m.s.r - firstRow]?.[m.s.c - firstCol] ?? '';
    for (let r = m.s.r; r <= Math.min(m.e.r, lastRow); r++) {
      for (let c = Math.max(m.s.c, firstCol); c <= Math.min(m.e.c, firstCol + width - 1); c++) text[r - firstRow]![c - firstCol] = value;
    }
  }
  const names = Array.from({ length: width }, (_, j) => {
    const parts: string[] = [];
    for (const row of text) {
      const part = row[j]!;
      if (part && part !== parts[parts.length - 1]) parts.push(part);
    }
    return parts.join(' ');
  });
  while (names.length && names[names.length - 1] === '') names.pop();
  return names;
}

function clean(v: RawValue | undefined): string {
  return v === null || v === undefined ? '' : String(v).replace(/\uFEFF/g, '').replace(/\s+/g, ' ').trim();
}
