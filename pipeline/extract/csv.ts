// CSV -> RawTable. Values stay raw strings ("1,395" included; typing happens in validate).
// The header is the first non-blank record after `skipRows`; header cells are trimmed,
// BOM-free and have inner whitespace runs (line breaks in quoted headers) collapsed to one
// space; empty header cells at the end are dropped. Blank records (no line, or only
// delimiters) are skipped. A totals row is dropped only with `dropTotals` (totals.ts).
import type { RawRecord, RawTable, RawValue } from '../types.ts';
import { quote } from '../errors.ts';
import { CsvError } from './csv-error.ts';
import { csvRows, type CsvRow } from './csv-rows.ts';
import { isTotalsRow } from './totals.ts';

export { CsvError } from './csv-error.ts';

export interface CsvOptions {
  delimiter?: string;
  skipRows?: number;
  dropTotals?: boolean;
}

export async function readCsv(text: AsyncIterable<string>, file: string, opts: CsvOptions = {}): Promise<RawTable> {
  const skipRows = opts.skipRows ?? 0;
  const it = csvRows(text, { file, delimiter: opts.delimiter, skipRows })[Symbol.asyncIterator]();
  let header: CsvRow | undefined;
  let rest: CsvRow[] = [];
  try {
    for (let r = await it.next(); !r.done && !header; r = header ? r : await it.next()) {
      const at = r.value.findIndex((row) => !isBlank(row.cells));
      if (at >= 0) {
        header = r.value[at];
        rest = r.value.slice(at + 1);
      }
    }
  } catch (err) {
    await it.return(undefined);
    throw err;
  }
  if (!header) {
    throw new CsvError(file, skipRows + 1, skipRows ? `no header row after skipping ${skipRows} lines` : 'the file is empty: no header row');
  }
  const headers = headerNames(header.cells);
  return { headers, records: records(rest, it, headers.length, file, opts.dropTotals ?? false) };
}

function headerNames(cells: string[]): string[] {
  const names = cells.map((c) => c.replace(/\uFEFF/g, '').replace(/\s+/g, ' ').trim());
  while (names.length && names[names.length - 1] === '') names.pop();
  return names;
}

async function* records(first: CsvRow[], it: AsyncIterator<CsvRow[]>, width: number, file: string, dropTotals: boolean): AsyncGenerator<RawRecord> {
  try {
    for (let batch: CsvRow[] | undefined = first; batch; ) {
      for (const { cells, line } of batch) {
        if (isBlank(cells) || (dropTotals && isTotalsRow(cells))) continue;
        yield { values: align(cells, width, file, line), loc: { file, line } };
      }
      const r = await it.next();
      batch = r.done ? undefined : r.value;
    }
  } finally {
    await it.return?.(undefined); // early exit by the consumer closes the file stream
  }
}

/** Values aligned with the headers: missing cells are null, surplus cells must be empty. */
function align(cells: string[], width: number, file: string, line: number): RawValue[] {
  if (cells.length > width) {
    const extra = cells.slice(width).find((c) => c.trim() !== '');
    if (extra !== undefined) {
      throw new CsvError(
        file,
        line,
        `${cells.length} values but the header has ${width} columns (extra value ${quote(extra)}); a value containing the delimiter must be quoted`,
      );
    }
    return cells.slice(0, width);
  }
  const values: RawValue[] = cells;
  while (values.length < width) values.push(null);
  return values;
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}
