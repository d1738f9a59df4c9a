// Identifiers and literals spliced into DuckDB SQL. Dataset ids contain dashes and column
// names may be Korean, so every name is double-quoted and every path single-quoted.

/** `air-quality-daily` -> `"air-quality-daily"`; embedded quotes are doubled. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string literal: `it's` -> `'it''s'`. */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
