import type { ColumnType } from '../types.ts';
import { quoteIdent } from '../transform/index.ts';

// SQL comparing table "before" (alias b) with table "after" (alias a), joined on the key.

export const PRESENT = '__citydash_present';
export const ORDINAL = '__citydash_n';

export interface DiffShape {
  /** Primary key columns, plus ORDINAL when some key occurs more than once. */
  keys: string[];
  /** Non-key columns present on both sides, with their type on each side. */
  compared: { name: string; before: ColumnType; after: ColumnType }[];
}

const NUMERIC = new Set<ColumnType>(['integer', 'number']);

/** A column's value as the text of its canonical JSON form, for comparing across a type change. */
function canonicalText(ref: string, type: ColumnType): string {
  switch (type) {
    case 'string':
      return ref;
    case 'date':
      return `strftime(${ref}, '%Y-%m-%d')`;
    case 'datetime':
      return `strftime(${ref}, '%Y-%m-%dT%H:%M')`;
    case 'number':
      // JSON writes 5.0 as 5.
      return `CASE WHEN ${ref} = trunc(${ref}) AND abs(${ref}) < 1e15 THEN CAST(CAST(${ref} AS BIGINT) AS VARCHAR) ELSE CAST(${ref} AS VARCHAR) END`;
    default:
      return `CAST(${ref} AS VARCHAR)`;
  }
}

/** True when the column's value differs; numbers compare as numbers whatever their width. */
export function changedSql(c: DiffShape['compared'][number]): string {
  const b = `b.${quoteIdent(c.name)}`;
  const a = `a.${quoteIdent(c.name)}`;
  if (c.before === c.after || (NUMERIC.has(c.before) && NUMERIC.has(c.after))) return `${b} IS DISTINCT FROM ${a}`;
  return `${canonicalText(b, c.before)} IS DISTINCT FROM ${canonicalText(a, c.after)}`;
}

export function joinOn({ keys }: DiffShape): string {
  return keys.map((k) => `b.${quoteIdent(k)} IS NOT DISTINCT FROM a.${quoteIdent(k)}`).join(' AND ');
}

function anyChanged({ compared }: DiffShape): string {
  return compared.length ? compared.map((c) => `(${changedSql(c)})`).join(' OR ') : 'FALSE';
}

const both = `b.${PRESENT} AND a.${PRESENT}`;

/** One row: removed, added, matched, revised, then one count per compared column (c0, c1, ...). */
export function countsSql(shape: DiffShape): string {
  const perColumn = shape.compared.map((c, i) => `,\n  count(*) FILTER (WHERE ${both} AND (${changedSql(c)})) AS c${i}`).join('');
  return `SELECT count(*) FILTER (WHERE b.${PRESENT} AND a.${PRESENT} IS NULL) AS removed,
  count(*) FILTER (WHERE a.${PRESENT} AND b.${PRESENT} IS NULL) AS added,
  count(*) FILTER (WHERE ${both}) AS matched,
  count(*) FILTER (WHERE ${both} AND (${anyChanged(shape)})) AS revised${perColumn}
FROM before AS b FULL OUTER JOIN after AS a ON ${joinOn(shape)}`;
}

function orderBy(alias: string, keys: string[]): string {
  return keys.map((k) => `${alias}.${quoteIdent(k)}`).join(', ');
}

/** Key columns k0.., then per compared column its old o_i and new n_i value and changed flag d_i. */
export function revisedSampleSql(shape: DiffShape, key: string[], limit: number): string {
  const keys = key.map((k, i) => `b.${quoteIdent(k)} AS k${i}`);
  const values = shape.compared.flatMap((c, i) => [`b.${quoteIdent(c.name)} AS o${i}`, `a.${quoteIdent(c.name)} AS n${i}`, `(${changedSql(c)}) AS d${i}`]);
  return `SELECT ${[...keys, ...values].join(', ')}
FROM before AS b JOIN after AS a ON ${joinOn(shape)}
WHERE ${anyChanged(shape)}
ORDER BY ${orderBy('b', shape.keys)} LIMIT ${limit}`;
}

/** Keys (k0..) of rows in `from` with no partner in the other table. */
export function unmatchedSampleSql(shape: DiffShape, key: string[], from: 'before' | 'after', limit: number): string {
  const [x, y, other] = from === 'before' ? ['b', 'a', 'after'] : ['a', 'b', 'before'];
  const keys = key.map((k, i) => `${x}.${quoteIdent(k)} AS k${i}`);
  return `SELECT ${keys.join(', ')} FROM ${from} AS ${x} ANTI JOIN ${other} AS ${y} ON ${joinOn(shape)}
ORDER BY ${orderBy(x, shape.keys)} LIMIT ${limit}`;
}

/** Rows sharing their key with another row of the same table. */
export function duplicateCountSql(table: 'before' | 'after', key: string[]): string {
  const keys = key.map(quoteIdent).join(', ');
  return `SELECT coalesce(sum(n), 0) AS dups FROM (SELECT count(*) AS n FROM ${table} GROUP BY ${keys} HAVING count(*) > 1)`;
}

/** Number rows within each key so duplicates pair up in a stable order. */
export function addOrdinalSql(table: 'before' | 'after', key: string[], columns: string[]): string {
  const keys = key.map(quoteIdent).join(', ');
  const order = columns.length ? columns.map((c) => `${quoteIdent(c)} NULLS FIRST`).join(', ') : keys;
  return `CREATE OR REPLACE TABLE ${table} AS SELECT *, row_number() OVER (PARTITION BY ${keys} ORDER BY ${order}) AS ${ORDINAL} FROM ${table}`;
}
