// Raw records (any reader) -> canonical rows: headers mapped per `columns:`, each value
// coerced to its column type. The first value that does not coerce is kept as the row's
// problem; the row is still yielded so it is counted and reported with its location.
// Readers that hand batches (CSV) are typed a batch at a time, a reader per column compiled
// once per dataset, without an object per record beyond the row itself.
import type { DatasetDescriptor, RawRecord, RawTable, RecordBatch, RawValue, Row, SourceLocation, Value } from '../types.ts';
import { candidateLists, type CandidateBatch, type CandidateProblem, type CandidateRow } from './candidate-batch.ts';
import { CoerceFailure, makeValueReader, type ValueReader } from './coerce.ts';
import { DateFormatError } from './date-format.ts';
import { mapHeaders } from './header-map.ts';
import { CitydashError } from '../errors.ts';
import { DISTRICT_COLUMNS } from '../column-types.ts';

export class ColumnSpecError extends CitydashError {
  constructor(where: string, column: string, detail: string) {
    super(where, `column ${column}: ${detail}`);
    this.name = 'ColumnSpecError';
  }
}

export interface TypedTable {
  /** Canonical column -> index into the raw record's values. */
  rawIndex: Map<string, number>;
  records: AsyncIterable<CandidateRow>;
  /** The same rows in batches, what validation reads (records and batches read one stream: use one). */
  batches: AsyncIterable<CandidateBatch>;
}

interface ColumnPlan {
  column: string;
  index: number;
  read: ValueReader;
}

/**
 * @param where names the input in messages (the file, or the URL with the key masked).
 * Throws HeaderMismatchError when a column's header is missing, before any row is read.
 */
export function typedRecords(table: RawTable, ds: DatasetDescriptor, where: string): TypedTable {
  const bindings = mapHeaders(table.headers, ds.columns, where);
  const plan: ColumnPlan[] = bindings.map((b) => {
    try {
      return { column: b.column, index: b.index, read: makeValueReader(ds.columns[b.column]) };
    } catch (err) {
      if (err instanceof DateFormatError) throw new ColumnSpecError(ds.file, b.column, err.message);
      throw err;
    }
  });
  const rawIndex = new Map(bindings.map((b) => [b.column, b.index]));
  const template = rowTemplate(plan, ds.district ? DISTRICT_COLUMNS : []);
  const toCandidate = (rec: RawRecord): CandidateRow => {
    const row: Row = { ...template };
    let problem: CandidateProblem | undefined;
    for (const p of plan) {
      const raw = rec.values[p.index] ?? null;
      const v = p.read(raw);
      if (v instanceof CoerceFailure) problem ??= { column: p.column, value: raw, rule: v.rule, text: v.message };
      else row[p.column] = v;
    }
    return { row, loc: rec.loc, rawValues: rec.values, problem };
  };
  async function* records(): AsyncIterable<CandidateRow> {
    for await (const rec of table.records) yield toCandidate(rec);
  }
  async function* typedBatches(batches: AsyncIterable<RecordBatch>): AsyncIterable<CandidateBatch> {
    for await (const batch of batches) yield new TypedBatch(batch, plan, template, rawIndex);
  }
  return {
    rawIndex,
    records: records(),
    batches: table.batches ? typedBatches(table.batches) : candidateLists(table.records, toCandidate, rawIndex),
  };
}

/**
 * Every column null, in the order rows are built in: a row is a copy of it with values set,
 * so all rows share one shape and keep the key order they always had. The district columns
 * validation sets are in it too: adding three properties to each copy afterwards made every
 * row slow for ajv and JSON.stringify (about 7 µs a row).
 */
function rowTemplate(plan: readonly ColumnPlan[], extra: readonly string[]): Row {
  const row: Row = {};
  for (const p of plan) row[p.column] = null;
  for (const c of extra) if (!(c in row)) row[c] = null;
  return row;
}

class TypedBatch implements CandidateBatch {
  readonly length: number;
  readonly rows: Row[];
  private readonly problems = new Map<number, CandidateProblem>();

  constructor(
    private readonly batch: RecordBatch,
    plan: readonly ColumnPlan[],
    template: Row,
    private readonly rawIndex: ReadonlyMap<string, number>,
  ) {
    const n = (this.length = batch.length);
    const rows: Row[] = (this.rows = new Array<Row>(n));
    const width = plan.length;
    for (let i = 0; i < n; i++) {
      const row: Row = { ...template };
      for (let k = 0; k < width; k++) {
        const p = plan[k]!;
        const raw = batch.value(i, p.index);
        const v: Value | CoerceFailure = p.read(raw);
        if (v instanceof CoerceFailure) {
          if (!this.problems.has(i)) this.problems.set(i, { column: p.column, value: raw, rule: v.rule, text: v.message });
        } else if (v !== null) {
          row[p.column] = v;
        }
      }
      rows[i] = row;
    }
  }

  problem(i: number): CandidateProblem | undefined {
    return this.problems.get(i);
  }

  loc(i: number): SourceLocation {
    return this.batch.loc(i);
  }

  raw(i: number, column: string): RawValue {
    const k = this.rawIndex.get(column);
    return k === undefined ? (this.rows[i]![column] ?? null) : this.batch.value(i, k);
  }
}
