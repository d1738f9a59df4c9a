// The second pass over every row: the rows as validate will read them (its header mapping and
// coercers, with the chosen types), counting what the summary reports, interning the values
// of the columns that could be a key, and collecting the time values for the cadence.
import { conformDistrict } from '../districts.ts';
import { quote } from '../errors.ts';
import type { DatasetDescriptor, RawTable, Value } from '../types.ts';
import { describeLocation, typedRecords } from '../validate/index.ts';
import type { ColumnPlan } from './column-plan.ts';
import type { DistrictGuess } from './district-guess.ts';
import { MEASURE_RANK, ROW_NUMBER_RANK, type KeyColumn } from './primary-key.ts';

/** Key candidates hold text up to this long; longer values are descriptions, not identifiers. */
const MAX_KEY_TEXT = 200;
/** Names of columns that identify things (ranked as good key parts). */
const IDENTIFYING = new Set(['gu', 'station', 'subway_station', 'station_id', 'station_name', 'line', 'category', 'item', 'department', 'agency', 'name', 'dong', 'year', 'month', 'quarter', 'hour', 'period']);
/** Integer columns that identify rather than measure: ids, codes, numbers of things. */
const IDENTIFIER = /(^|_)(id|no|seq|code|cd|num|number)$/;
const IDENTIFIER_HEADER = /(번호|코드|아이디|일련|연도|년도|ID$)/;

export interface SecondPass {
  rows: number;
  rejected: number;
  firstProblem?: string;
  keyColumns: KeyColumn[];
  gu: { matched: number; unmatched: number; values: Map<string, number> };
  times: string[];
}

export async function secondPass(table: RawTable, where: string, ds: DatasetDescriptor, plans: ColumnPlan[], district: DistrictGuess | undefined, districtPlan: ColumnPlan | undefined): Promise<SecondPass> {
  const typed = typedRecords(table, ds, where);
  const keys = plans
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.nulls === 0 && p.nonEmpty > 0 && p.type !== 'number' && p.type !== 'boolean' && (p.type !== 'string' || p.maxLength <= MAX_KEY_TEXT))
    .map(({ p, i }) => ({ plan: p, index: i, intern: new Map<Value, number>(), ids: new GrowingIds(), rank: keyRank(p, p === districtPlan) }));
  const timePlan = plans.find((p) => p.type === 'date' || p.type === 'datetime');
  const times = new Set<string>();
  const gu = { matched: 0, unmatched: 0, values: new Map<string, number>() };
  const guMemo = new Map<Value | undefined, boolean>();
  let rows = 0;
  let rejected = 0;
  let firstProblem: string | undefined;
  for await (const c of typed.records) {
    rows++;
    if (c.problem) {
      rejected++;
      firstProblem ??= `${describeLocation(c.loc)}: ${c.problem.column} ${quote(c.problem.value)} ${c.problem.text}`;
    }
    for (const k of keys) {
      const v = c.row[k.plan.name] ?? null;
      let idv = k.intern.get(v);
      if (idv === undefined) k.intern.set(v, (idv = k.intern.size));
      k.ids.push(idv);
    }
    if (timePlan) {
      const t = c.row[timePlan.name];
      if (typeof t === 'string' && times.size < 200_000) times.add(t);
    }
    if (district && districtPlan) {
      const v = c.row[districtPlan.name];
      let named = guMemo.get(v);
      if (named === undefined) {
        named = conformDistrict(v, { shortKorean: district.shortKorean }) !== null;
        if (guMemo.size < 50_000) guMemo.set(v, named);
      }
      if (named) gu.matched++;
      else {
        gu.unmatched++;
        const shown = v === null || v === undefined ? '(empty)' : String(v);
        if (gu.values.size < 1000 || gu.values.has(shown)) gu.values.set(shown, (gu.values.get(shown) ?? 0) + 1);
      }
    }
  }
  const keyColumns = keys.map((k) => ({ index: k.index, ids: k.ids.array(), distinct: k.intern.size, rank: k.rank }));
  return { rows, rejected, ...(firstProblem ? { firstProblem } : {}), keyColumns, gu, times: [...times] };
}

/**
 * How good a key part a column is. Counts and amounts (integers that are not years, months,
 * codes or numbers of things) rank as MEASURE: unique by chance, they are keys only when
 * nothing that names a row is unique.
 */
function keyRank(p: ColumnPlan, isDistrict: boolean): number {
  if (p.type === 'date' || p.type === 'datetime') return 0;
  if (isDistrict) return 1;
  if (p.type === 'integer' && p.notes.some((n) => n.text.startsWith('row number'))) return ROW_NUMBER_RANK;
  if (IDENTIFYING.has(p.name.replace(/_\d+$/, ''))) return 1.5;
  if (p.type === 'string') return 2;
  return IDENTIFIER.test(p.name) || IDENTIFIER_HEADER.test(p.header) ? 2.5 : MEASURE_RANK;
}

/** Growable Int32Array: one id per row without a JS array's per-element overhead. */
class GrowingIds {
  private buf = new Int32Array(1024);
  private n = 0;
  push(v: number): void {
    if (this.n === this.buf.length) {
      const next = new Int32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.n++] = v;
  }
  array(): Int32Array {
    return this.buf.subarray(0, this.n);
  }
}
