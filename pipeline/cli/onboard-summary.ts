// The summary `new dataset --from` prints on stderr: rows read, each column with its type
// and empty cells, the gu match rate, the key, and the guesses to review.
import type { OnboardSummary } from '../onboard/index.ts';
import { count, textTable } from './summary-table.ts';

export function summaryLines(s: OnboardSummary): string[] {
  const lines: string[] = [];
  const where = s.source.copiedTo ? `${s.source.name} (copied to ${s.source.copiedTo})` : s.source.name;
  lines.push(`${count(s.rowsRead)} rows read from ${where}${s.totalsDropped ? `; ${count(s.totalsDropped)} totals row(s) dropped` : ''}`);
  const rows = s.columns.map((c) => [c.name, c.header, c.format ? `${c.type} (${c.format})` : c.type, c.unit ?? '', count(c.nulls)]);
  lines.push(...textTable(['column', 'header', 'type', 'unit', 'empty'], rows, new Set([4])).map((l) => `  ${l}`));
  if (s.district) {
    const d = s.district;
    const misses = d.unmatchedValues.map((v) => `${v.value} ×${count(v.rows)}`).join(', ');
    lines.push(`gu: ${d.column} — ${count(d.matched)} of ${count(d.matched + d.unmatched)} rows (${(d.rate * 100).toFixed(1)}%) name a gu${d.unmatched ? `; not: ${misses}${d.unmatchedValues.length < d.unmatched ? ', …' : ''}` : ''}`);
  } else {
    lines.push('gu: no column names the gu in most rows; no district conforming');
  }
  const pk = s.primaryKey;
  lines.push(`primary key: ${pk.columns.join(', ')} — ${pk.unique ? `unique over all ${count(s.rowsRead)} rows` : `NOT unique: ${count(pk.duplicates)} repeated`}`);
  lines.push(`update: ${s.update.every}${s.update.because ? ` (from ${s.update.because})` : ' (default)'}`);
  if (s.rejected) lines.push(`warning: ${count(s.rejected)} row(s) would be rejected by validate as written`);
  if (s.guesses.length) {
    lines.push(`to review (marked "check:" in ${s.descriptor}):`);
    for (const g of s.guesses) lines.push(`  - ${g}`);
  }
  return lines;
}
