// A primary key proposed from the columns that are unique together, checked on every row of
// the file: the smallest set, preferring time and place columns (date + station) over
// counts, and a row-number column (1, 2, 3…) only when nothing else identifies a row.

export interface KeyColumn {
  /** Position in the plan (any stable index). */
  index: number;
  /** One id per row: equal values have equal ids. */
  ids: Int32Array;
  /** Distinct values. */
  distinct: number;
  /** Lower is a better key part. */
  rank: number;
}

export interface KeyProposal {
  columns: number[];
  unique: boolean;
  /** Rows whose key values an earlier row already had (when not unique). */
  duplicates: number;
}

const MAX_SIZE = 4;
const MAX_TRIED = 5000;
/** Columns considered, best-ranked first: bounds the combinations tried on wide files. */
const MAX_COLUMNS = 16;
/** Rank of a count or amount column (see onboard.ts): a key part only when naming columns are not enough. */
export const MEASURE_RANK = 5;
/** Rank of a row-number column: a key of last resort. */
export const ROW_NUMBER_RANK = 9;

export function proposeKey(columns: readonly KeyColumn[], rows: number): KeyProposal | undefined {
  if (columns.length === 0) return undefined;
  // Columns that name a row first; counts and row numbers join only when those are not enough.
  const naming = columns.filter((c) => c.rank < MEASURE_RANK);
  for (const pool of naming.length && naming.length < columns.length ? [naming, columns] : [columns]) {
    const found = firstUnique(pool, rows);
    if (found) return { columns: found.map((c) => c.index), unique: true, duplicates: 0 };
  }
  // Nothing is unique: the file repeats rows. Propose the best key parts and say how many repeat.
  const parts = best(naming.length ? naming : columns).slice(0, MAX_SIZE).sort((a, b) => a.index - b.index);
  return { columns: parts.map((c) => c.index), unique: false, duplicates: duplicatesOf(parts, rows, false) };
}

/** The unique combination with the fewest columns, then the best ranks, then the leftmost. */
function firstUnique(pool: readonly KeyColumn[], rows: number): KeyColumn[] | undefined {
  const usable = best(pool).slice(0, MAX_COLUMNS).sort((a, b) => a.index - b.index);
  let tried = 0;
  for (let size = 1; size <= Math.min(MAX_SIZE, usable.length); size++) {
    const combos = combinations(usable, size).sort((a, b) => score(a) - score(b) || order(a, b));
    for (const combo of combos) {
      if (product(combo) < rows) continue; // too few distinct values to tell every row apart
      if (++tried > MAX_TRIED) return undefined;
      if (duplicatesOf(combo, rows, true) === 0) return combo;
    }
  }
  return undefined;
}

function best(pool: readonly KeyColumn[]): KeyColumn[] {
  return [...pool].sort((a, b) => a.rank - b.rank || a.index - b.index);
}

function score(combo: readonly KeyColumn[]): number {
  return combo.reduce((sum, c) => sum + c.rank, 0);
}

function order(a: readonly KeyColumn[], b: readonly KeyColumn[]): number {
  for (let i = 0; i < a.length; i++) if (a[i]!.index !== b[i]!.index) return a[i]!.index - b[i]!.index;
  return 0;
}

function product(combo: readonly KeyColumn[]): number {
  return combo.reduce((p, c) => p * c.distinct, 1);
}

/** Rows repeating an earlier row's values in these columns (stops at the first with `stop`). */
function duplicatesOf(combo: readonly KeyColumn[], rows: number, stop: boolean): number {
  const seen = new Set<number | string>();
  const numeric = product(combo) < Number.MAX_SAFE_INTEGER;
  let dups = 0;
  for (let r = 0; r < rows; r++) {
    let key: number | string;
    if (numeric) {
      key = 0;
      for (const c of combo) key = key * c.distinct + c.ids[r]!;
    } else {
      key = combo.map((c) => c.ids[r]).join(',');
    }
    if (seen.has(key)) {
      dups++;
      if (stop) return dups;
    } else seen.add(key);
  }
  return dups;
}

function combinations<T>(items: readonly T[], k: number): T[][] {
  const out: T[][] = [];
  const pick = (start: number, acc: T[]) => {
    if (acc.length === k) return void out.push([...acc]);
    for (let i = start; i <= items.length - (k - acc.length); i++) pick(i + 1, [...acc, items[i]!]);
  };
  pick(0, []);
  return out;
}
