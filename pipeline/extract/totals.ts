// Totals rows: a department's table often ends (or is broken up) by a row that sums the others
// (합계, 계, 총계, 소계, Total). The CSV and XLSX readers drop them with `dropTotals`, and
// `new dataset --from` asks for that when it sees one; all three use this one rule.
import type { RawValue } from '../types.ts';

/**
 * Labels of a totals row, compared without whitespace and case. The label sits in one of the
 * leading label columns: the city's own files put it after a period column (기간 | 자치구=합계).
 */
const TOTAL_LABELS = new Set(['합계', '계', '총계', '소계', 'total']);
const LABEL_COLUMNS = 3;

/** Whether a record is a totals row: one of its first three cells is a totals label. */
export function isTotalsRow(cells: readonly RawValue[]): boolean {
  for (let i = 0; i < LABEL_COLUMNS && i < cells.length; i++) {
    const c = cells[i];
    if (typeof c === 'string' && TOTAL_LABELS.has(c.replace(/\s+/g, '').toLowerCase())) return true;
  }
  return false;
}
