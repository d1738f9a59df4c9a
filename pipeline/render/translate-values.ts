// English charts draw category values in English: a column whose descriptor names a translation
// table (`labels`, resolved by the catalog) has its Korean values replaced by their English forms
// before the data is bound, so axis labels, legends, tooltips and the drafted alt text all read
// "Gangnam (Line 2)" rather than "강남 (2호선)". Values with no English form stay as they are.
//
// A spec may still name a Korean value in an expression (a filter such as
// `datum.market_type === '전통시장'`, a sort order, a domain): translating that column would make
// the expression match nothing, so a column holding a Korean value the spec quotes is left alone.
import type { ColumnSpec, Lang, Row } from '../types.ts';

/** The columns of one dataset whose values English charts translate, with their tables. */
export function translatedColumns(columns: Record<string, ColumnSpec> | undefined, specText: string, rows: readonly Row[]): Map<string, Readonly<Record<string, string>>> {
  const out = new Map<string, Readonly<Record<string, string>>>();
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

/** Copies of `rows` with the translated columns' values in `lang` (Korean rows are copied as they are). */
export function rowsInLanguage(rows: readonly Row[], lang: Lang, tables: ReadonlyMap<string, Readonly<Record<string, string>>>): Row[] {
  if (lang === 'ko' || tables.size === 0) return rows.map((r) => ({ ...r }));
  return rows.map((row) => {
    const out = { ...row };
    for (const [name, table] of tables) {
      const v = out[name];
      if (typeof v === 'string' && Object.hasOwn(table, v)) out[name] = table[v]!;
    }
    return out;
  });
}
