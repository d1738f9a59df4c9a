// Candidate rows a batch at a time: what the validation loop reads. A batch typed from a
// reader's RecordBatch holds the rows and finds locations and raw values only when a row is
// reported; a batch of CandidateRows (records read one by one, derived rows) offers the same.
import type { RawValue, Row, SourceLocation } from '../types.ts';

/** A value that could not be read as its column's type (found before the schema runs). */
export interface CandidateProblem {
  column: string;
  value: RawValue;
  rule: string;
  text: string;
}

/** A row on its way in: canonical values plus what is needed to report on it. */
export interface CandidateRow {
  row: Row;
  loc: SourceLocation;
  /** The record's raw values; `rawIndex` of its batch says which belongs to which column. */
  rawValues?: readonly RawValue[];
  problem?: CandidateProblem;
}

export interface CandidateBatch {
  readonly length: number;
  readonly rows: readonly Row[];
  problem(i: number): CandidateProblem | undefined;
  loc(i: number): SourceLocation;
  /** Row i's raw value of a column, as the source wrote it (what a rejection quotes). */
  raw(i: number, column: string): RawValue;
}

/** Canonical column -> index into a record's raw values. */
export type RawIndex = ReadonlyMap<string, number>;

export class CandidateList implements CandidateBatch {
  readonly rows: Row[];

  constructor(
    private readonly candidates: readonly CandidateRow[],
    private readonly rawIndex?: RawIndex,
  ) {
    this.rows = candidates.map((c) => c.row);
  }

  get length(): number {
    return this.candidates.length;
  }

  problem(i: number): CandidateProblem | undefined {
    return this.candidates[i]!.problem;
  }

  loc(i: number): SourceLocation {
    return this.candidates[i]!.loc;
  }

  raw(i: number, column: string): RawValue {
    const c = this.candidates[i]!;
    const k = this.rawIndex?.get(column);
    return k !== undefined && c.rawValues ? c.rawValues[k] ?? null : (c.row[column] ?? null);
  }
}

const LIST_SIZE = 1000;

/** Candidates read one at a time, handed on a thousand at a time. */
export async function* candidateLists<T>(items: AsyncIterable<T>, toCandidate: (item: T) => CandidateRow, rawIndex?: RawIndex): AsyncGenerator<CandidateBatch> {
  let list: CandidateRow[] = [];
  try {
    for await (const item of items) {
      list.push(toCandidate(item));
      if (list.length === LIST_SIZE) {
        yield new CandidateList(list, rawIndex);
        list = [];
      }
    }
  } catch (err) {
    // The rows read before a reader's error are validated (and counted) before it is raised.
    if (list.length) yield new CandidateList(list, rawIndex);
    throw err;
  }
  if (list.length) yield new CandidateList(list, rawIndex);
}
