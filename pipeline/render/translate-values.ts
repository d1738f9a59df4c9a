// English charts draw category values in English: a column whose descriptor names a translation
// table (`labels`, resolved by the catalog) has its Korean values replaced by their English forms
// before the data is bound, so axis labels, legends, tooltips and the drafted alt text all read
// "Gangnam (Line 2)" rather than "강남 (2호선)". Values with no English form stay as they are.
//
// A spec may still name a Korean value inside an expression (a filter such as
// `datum.market_type === '전통시장'`): translating that column would make the expression match
// nothing, so a column holding a Korean value the spec quotes in an expression is left alone.
import type { ColumnSpec, Lang, Row } from '../types.ts';

/**
 * Copies of one dataset's `rows` for a chart in `lang` (vega parses dates in place and must not
 * touch the caller's rows), translated columns in English. `spec` is the localized spec, read
 * for the Korean values its expressions quote.
 */
export function rowsInLanguage(rows: readonly Row[], lang: Lang, columns: Record<string, ColumnSpec> | undefined, spec: object): Row[] {
  const tables = lang === 'ko' ? undefined : translatedColumns(columns, JSON.stringify(spec), rows);
  if (!tables?.size) return rows.map((r) => ({ ...r }));
  return rows.map((row) => {
    const out = { ...row };
    for (const [name, table] of tables) {
      const v = out[name];
      if (typeof v === 'string' && Object.hasOwn(table, v)) out[name] = table[v]!;
    }
    return out;
  });
}

/** The columns whose values are translated, with their tables. */
function translatedColumns(columns: Record<string, ColumnSpec> | undefined, specText: string, rows: readonly Row[]): Map<string, Readonly<Record<string, string>>> {
  const out = new Map<string, Readonly<Record<string, string>>>();
  // in the spec's JSON text, a string literal inside an expression reads '…' or \"…\"
  const isQuoted = (ko: string) => specText.includes(`'${ko}'`) || specText.includes(`\\"${ko}\\"`);
  for (const [name, column] of Object.entries(columns ?? {})) {
    const table = column.labels;
    if (!table || Object.keys(table).length === 0) continue;
    const quoted = Object.keys(table).filter(isQuoted);
    if (quoted.length && rows.some((r) => quoted.includes(r[name] as string))) continue;
    out.set(name, table);
  }
  return out;
}
