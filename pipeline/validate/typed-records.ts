// Raw records (any reader) -> canonical rows: headers mapped per `columns:`, each value
// coerced to its column type. The first value that does not coerce is kept as the row's
// problem; the row is still yielded so it is counted and reported with its location.
import type { DatasetDescriptor, RawRecord, RawTable, Row } from '../types.ts';
import { makeCoercer, type Coercer } from './coerce.ts';
import { DateFormatError } from './date-format.ts';
import { mapHeaders } from './header-map.ts';
import type { CandidateRow } from './validate-rows.ts';
import { CitydashError } from '../errors.ts';

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
  /** The raw records and the per-record conversion, for a consumer that maps them itself (one async layer less per row). */
  raw: AsyncIterable<RawRecord>;
  toCandidate: (rec: RawRecord) => CandidateRow;
}

/**
 * @param where names the input in messages (the file, or the URL with the key masked).
 * Throws HeaderMismatchError when a column's header is missing, before any row is read.
 */
export function typedRecords(table: RawTable, ds: DatasetDescriptor, where: string): TypedTable {
  const bindings = mapHeaders(table.headers, ds.columns, where);
  const plan: { column: string; index: number; coerce: Coercer }[] = bindings.map((b) => {
    try {
      return { column: b.column, index: b.index, coerce: makeCoercer(ds.columns[b.column]) };
    } catch (err) {
      if (err instanceof DateFormatError) throw new ColumnSpecError(ds.file, b.column, err.message);
      throw err;
    }
  });
  const rawIndex = new Map(bindings.map((b) => [b.column, b.index]));
  const toCandidate = (rec: RawRecord): CandidateRow => {
    const row: Row = {};
    let problem: CandidateRow['problem'];
    for (const p of plan) {
      const raw = rec.values[p.index] ?? null;
      const c = p.coerce(raw);
      if (c.ok) row[p.column] = c.value;
      else {
        row[p.column] = null;
        problem ??= { column: p.column, value: raw, rule: c.rule, text: c.message };
      }
    }
    return { row, loc: rec.loc, rawValues: rec.values, problem };
  };
  async function* records(): AsyncIterable<CandidateRow> {
    for await (const rec of table.records) yield toCandidate(rec);
  }
  return { rawIndex, records: records(), raw: table.records, toCandidate };
}
