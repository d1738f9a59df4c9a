// Validated rows are read as a stream, one NDJSON line at a time, so a million-row dataset never
// sits in memory as JS objects: the site keeps only previews and indicator series.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { CitydashError, quote } from '../errors.ts';
import type { Row } from '../types.ts';

export class RowsFileError extends CitydashError {
  constructor(file: string, line: number, detail: string) {
    super(`${file}:${line}`, detail);
    this.name = 'RowsFileError';
  }
}

export async function* readRows(file: string): AsyncGenerator<Row> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch (err) {
        throw new RowsFileError(file, n, `not a JSON row (${(err as Error).message}): ${quote(line)}`);
      }
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        throw new RowsFileError(file, n, `expected one JSON object per line, got ${quote(line)}`);
      }
      yield row as Row;
    }
  } finally {
    // A reader that stops early (a 20-row preview) must not leave the file open.
    lines.close();
    input.destroy();
  }
}
