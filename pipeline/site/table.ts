// The data table under a chart: every row of the chart's dataset (the page collapses long tables
// and sorts them when JavaScript runs; without it every row is simply there), with what each
// column needs to be read the same way in every row: one number of decimals per column (56.0
// next to 47.4, never 56), periods in their grain's words (2026년 11월 / Nov 2026, not
// 2026-11-01), and which language a column is for (gu_ko is not shown on English pages).
import { periodOf, type Grain } from '../period.ts';
import type { Lang, Value } from '../types.ts';
import type { SiteColumn, SiteDataset, SitePreview, SiteTableColumn } from './model-types.ts';
import { readRows } from './rows.ts';

/** A table this long is beyond reading on a page; past it the page says so and links the CSV. */
export const TABLE_MAX_ROWS = 5000;
/** Decimals past this are noise on a page (the CSV keeps every digit). */
const MAX_DIGITS = 4;

function decimals(v: number): number {
  if (Number.isInteger(v)) return 0;
  const s = String(v);
  if (s.includes('e')) return MAX_DIGITS;
  return Math.min(MAX_DIGITS, s.length - s.indexOf('.') - 1);
}

/** Fraction digits for a number column: the most any of its values has (up to four). */
function digitsOf(c: SiteColumn, values: Value[]): number | null {
  if (c.type !== 'number' && c.type !== 'integer') return null;
  let d = 0;
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) d = Math.max(d, decimals(v));
  return d;
}

/**
 * The grain a column is read in: the dataset's time column in its grain; another date column of
 * a month, quarter or year dataset in that grain when every value is the first day of a period
 * (a "from" month stored as 2025-11-01); any other date column by the day.
 */
function grainOf(c: SiteColumn, ds: SiteDataset, values: Value[]): Grain | null {
  const time = ds.time;
  if (time && time.column === c.name) return time.grain;
  if (c.type !== 'date') return null;
  if (time && time.grain !== 'day') {
    const present = values.filter((v) => v !== null && v !== undefined);
    if (present.length && present.every((v) => periodOf(v, time.grain)?.start === v)) return time.grain;
  }
  return 'day';
}

/** gu_ko says the gu in Korean, gu_en in English: each language shows its own when both exist. */
function hiddenIn(c: SiteColumn, names: Set<string>): Lang | null {
  if (c.name === 'gu_ko' && names.has('gu_en')) return 'en';
  if (c.name === 'gu_en' && names.has('gu_ko')) return 'ko';
  return null;
}

export async function tableOf(file: string, ds: SiteDataset): Promise<SitePreview> {
  const rows: Value[][] = [];
  let total = 0;
  for await (const row of readRows(file)) {
    total++;
    if (rows.length < TABLE_MAX_ROWS) rows.push(ds.columns.map((c) => row[c.name] ?? null));
  }
  const names = new Set(ds.columns.map((c) => c.name));
  const columns: SiteTableColumn[] = ds.columns.map((c, i) => {
    const values = rows.map((r) => r[i]!);
    return { ...c, digits: digitsOf(c, values), grain: grainOf(c, ds, values), hiddenIn: hiddenIn(c, names) };
  });
  return { dataset: ds.id, columns, rows, total };
}
