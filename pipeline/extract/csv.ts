// CSV -> RawTable. Values stay raw strings ("1,395" included; typing happens in validate).
// The header is the first non-blank record after `skipRows`; header cells are trimmed,
// BOM-free and have inner whitespace runs (line breaks in quoted headers) collapsed to one
// space; empty header cells at the end are dropped. Blank records (no line, or only
// delimiters) are skipped. A totals row is dropped only with `dropTotals` (totals.ts).
// The reading is done as pieces (the header, then the records kept from each tokenized chunk),
// so the same work runs in this thread or in the reader's worker (csv-worker.ts).
import type { RawRecord, RawTable, RawValue, RecordBatch, SourceLocation } from '../types.ts';
import { quote } from '../errors.ts';
import { recordCells, type CsvChunk } from './csv-chunk.ts';
import { CsvError } from './csv-error.ts';
import { csvChunks } from './csv-rows.ts';
import { isTotalsRow } from './totals.ts';

export { CsvError } from './csv-error.ts';

export interface CsvOptions {
  delimiter?: string;
  skipRows?: number;
  dropTotals?: boolean;
}

/** The header first, then each chunk with the records kept from it (indexes into the chunk). */
export type CsvPiece = { headers: string[] } | { chunk: CsvChunk; keep: Int32Array };

export async function readCsv(text: AsyncIterable<string>, file: string, opts: CsvOptions = {}): Promise<RawTable> {
  return csvTable(csvPieces(text, file, opts), file);
}

/**
 * Tokenizes, finds the header, and keeps each chunk's records that are not blank (nor totals,
 * with dropTotals). A record with more non-empty values than the header has columns fails the
 * file at its line, after the records before it.
 */
export async function* csvPieces(text: AsyncIterable<string>, file: string, opts: CsvOptions = {}): AsyncGenerator<CsvPiece> {
  const skipRows = opts.skipRows ?? 0;
  const dropTotals = opts.dropTotals ?? false;
  let width = -1;
  for await (const chunk of csvChunks(text, { file, delimiter: opts.delimiter, skipRows })) {
    let from = 0;
    if (width < 0) {
      while (from < chunk.records && isBlankRecord(chunk, from)) from++;
      if (from === chunk.records) continue;
      const headers = headerNames(recordCells(chunk, from++));
      width = headers.length;
      yield { headers };
    }
    const keep = new Int32Array(chunk.records - from);
    let kept = 0;
    for (let r = from; r < chunk.records; r++) {
      if (isBlankRecord(chunk, r) || (dropTotals && isTotalsRow(leadingCells(chunk, r)))) continue;
      const problem = surplus(chunk, r, width, file);
      if (problem) {
        yield { chunk, keep: keep.subarray(0, kept) };
        throw problem;
      }
      keep[kept++] = r;
    }
    if (kept) yield { chunk, keep: kept === keep.length ? keep : keep.slice(0, kept) };
  }
  if (width < 0) {
    throw new CsvError(file, skipRows + 1, skipRows ? `no header row after skipping ${skipRows} lines` : 'the file is empty: no header row');
  }
}

/** The table of the pieces `csvPieces` makes (here or in a worker): the header is read at once. */
export async function csvTable(pieces: AsyncIterable<CsvPiece>, file: string): Promise<RawTable> {
  const it = pieces[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done || !('headers' in first.value)) throw new Error('CSV reader: the header must come first'); // csvPieces throws for a file without one
  const headers = first.value.headers;
  const width = headers.length;
  async function* batches(): AsyncGenerator<RecordBatch> {
    try {
      for (let r = await it.next(); !r.done; r = await it.next()) {
        const piece = r.value;
        if ('chunk' in piece && piece.keep.length) yield new CsvRecordBatch(piece.chunk, piece.keep, width, file);
      }
    } finally {
      await it.return?.(undefined); // an early exit by the consumer closes the file stream
    }
  }
  const stream = batches();
  return { headers, batches: stream, records: recordsOf(stream) };
}

/** One record at a time, for consumers that read records rather than batches. */
export async function* recordsOf(batches: AsyncIterable<RecordBatch>): AsyncGenerator<RawRecord> {
  for await (const batch of batches) {
    for (let i = 0; i < batch.length; i++) yield { values: batch.values(i), loc: batch.loc(i) };
  }
}

/** Records of one chunk, aligned with the header: missing cells are null, surplus cells (all empty) ignored. */
export class CsvRecordBatch implements RecordBatch {
  readonly length: number;
  private readonly text: string;
  private readonly cells: Int32Array;
  private readonly starts: Int32Array;

  constructor(
    private readonly chunk: CsvChunk,
    private readonly keep: Int32Array,
    private readonly width: number,
    private readonly file: string,
  ) {
    this.length = keep.length;
    this.text = chunk.text;
    this.cells = chunk.cells;
    this.starts = chunk.starts;
  }

  value(i: number, j: number): RawValue {
    const r = this.keep[i]!;
    const c = this.starts[r]! + j;
    if (c >= this.starts[r + 1]!) return null;
    return this.text.slice(this.cells[2 * c], this.cells[2 * c + 1]);
  }

  values(i: number): RawValue[] {
    const out: RawValue[] = [];
    for (let j = 0; j < this.width; j++) out.push(this.value(i, j));
    return out;
  }

  loc(i: number): SourceLocation {
    return { file: this.file, line: this.chunk.lines[this.keep[i]!] };
  }
}

function headerNames(cells: string[]): string[] {
  const names = cells.map((c) => c.replace(/\uFEFF/g, '').replace(/\s+/g, ' ').trim());
  while (names.length && names[names.length - 1] === '') names.pop();
  return names;
}

/** A record with more cells than the header is refused when one of the extra cells has a value. */
function surplus(chunk: CsvChunk, r: number, width: number, file: string): CsvError | null {
  const first = chunk.starts[r]!;
  const count = chunk.starts[r + 1]! - first;
  if (count <= width) return null;
  for (let c = first + width; c < first + count; c++) {
    if (!isBlankCell(chunk.text, chunk.cells[2 * c]!, chunk.cells[2 * c + 1]!)) {
      const extra = chunk.text.slice(chunk.cells[2 * c], chunk.cells[2 * c + 1]);
      return new CsvError(file, chunk.lines[r]!, `${count} values but the header has ${width} columns (extra value ${quote(extra)}); a value containing the delimiter must be quoted`);
    }
  }
  return null;
}

/** The cells that can carry a totals label (totals.ts looks at the first three). */
function leadingCells(chunk: CsvChunk, r: number): string[] {
  const out: string[] = [];
  for (let c = chunk.starts[r]!; c < chunk.starts[r + 1]! && out.length < 3; c++) out.push(chunk.text.slice(chunk.cells[2 * c], chunk.cells[2 * c + 1]));
  return out;
}

function isBlankRecord(chunk: CsvChunk, r: number): boolean {
  for (let c = chunk.starts[r]!; c < chunk.starts[r + 1]!; c++) {
    if (!isBlankCell(chunk.text, chunk.cells[2 * c]!, chunk.cells[2 * c + 1]!)) return false;
  }
  return true;
}

/** Whether text[start, end) is empty after String.prototype.trim (the same whitespace set). */
function isBlankCell(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isTrimmed(text.charCodeAt(i))) return false;
  return true;
}

function isTrimmed(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
