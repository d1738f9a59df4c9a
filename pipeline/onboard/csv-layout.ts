// How a CSV-like file is written: its encoding (byte-order mark, UTF-8, CP949, UTF-16), line
// endings, delimiter, and the title lines above its header. Decided on the file's first
// bytes with the extract stage's own decoder and tokenizer, so `validate` reads the file the
// way it was looked at here.
import { byteOrderMark, csvRows, guessDelimiter, StreamDecoder, type CsvRow } from '../extract/index.ts';
import type { Encoding } from '../types.ts';
import { findTableHead } from './table-head.ts';

export interface CsvLayout {
  /** What to write as `encoding`: `auto` when detection finds it, else the one that reads. */
  encoding: Encoding;
  /** What the bytes are. */
  detected: 'utf-8' | 'cp949' | 'utf-16le' | 'utf-16be';
  bom: boolean;
  lineEndings: { crlf: number; lf: number; cr: number };
  delimiter: string;
  /** Whether `delimiter` must be written (the reader's own guess would differ). */
  writeDelimiter: boolean;
  skipRows: number;
  /** Texts of the skipped title lines. */
  titles: string[];
  /** The header line (1-based, physical). */
  headerLine: number;
}

/** Bytes of the file looked at; the whole file is read later, by the reader itself. */
export const HEAD_BYTES = 256 * 1024;
const PREVIEW_ROWS = 60;
const CANDIDATES = [',', '\t', ';', '|'];
const EXPLICIT: Encoding[] = ['utf-16le', 'utf-16be', 'cp949', 'utf-8'];

export async function csvLayout(head: Uint8Array, file: string, complete: boolean): Promise<CsvLayout> {
  const { encoding, detected, text } = decodeHead(head, file, complete);
  const lines = complete ? text : text.slice(0, text.lastIndexOf('\n') + 1) || text;
  let best: { delimiter: string; rows: CsvRow[]; header: number; titles: string[]; score: [number, number] } | undefined;
  for (const delimiter of CANDIDATES) {
    const rows = await previewRows(lines, file, delimiter);
    if (!rows) continue;
    const head = findTableHead(rows.map((r) => r.cells));
    if (!head) continue;
    const headerWidth = rows[head.header]!.cells.length;
    const body = rows.slice(head.header + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
    const same = body.length ? body.filter((r) => r.cells.length === headerWidth || trimmedWidth(r.cells) <= headerWidth).length / body.length : 1;
    const score: [number, number] = [head.width >= 2 ? same : 0, head.width];
    if (!best || score[0] > best.score[0] || (score[0] === best.score[0] && score[1] > best.score[1])) {
      best = { delimiter, rows, header: head.header, titles: head.titles, score };
    }
  }
  const delimiter = best && best.score[1] >= 2 ? best.delimiter : ',';
  const headerLine = best ? best.rows[best.header]!.line : 1;
  const skipRows = headerLine - 1;
  const afterSkip = lines.replace(/\r\n?/g, '\n').split('\n').slice(skipRows).join('\n');
  return {
    encoding,
    detected,
    bom: byteOrderMark(head) !== undefined,
    lineEndings: countLineEndings(text),
    delimiter,
    writeDelimiter: delimiter !== ',' || guessDelimiter(afterSkip) !== ',',
    skipRows,
    titles: best?.titles ?? [],
    headerLine,
  };
}

/** The head decoded: `auto` when the reader's detection reads it, else the first encoding that does. */
function decodeHead(head: Uint8Array, file: string, complete: boolean): { encoding: Encoding; detected: CsvLayout['detected']; text: string } {
  let firstError: unknown;
  for (const encoding of ['auto', ...EXPLICIT] as Encoding[]) {
    const decoder = new StreamDecoder(encoding, file);
    try {
      const text = decoder.write(head) + (complete ? decoder.end() : '');
      return { encoding, detected: decoder.encoding, text };
    } catch (err) {
      firstError ??= err;
    }
  }
  throw firstError;
}

async function previewRows(text: string, file: string, delimiter: string): Promise<CsvRow[] | undefined> {
  const out: CsvRow[] = [];
  try {
    for await (const batch of csvRows(once(text), { file, delimiter })) {
      out.push(...batch);
      if (out.length >= PREVIEW_ROWS) break;
    }
  } catch {
    return undefined; // quotes that do not fit this delimiter
  }
  return out.slice(0, PREVIEW_ROWS);
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

function trimmedWidth(cells: string[]): number {
  let n = cells.length;
  while (n > 0 && cells[n - 1]!.trim() === '') n--;
  return n;
}

function countLineEndings(text: string): CsvLayout['lineEndings'] {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text[i + 1] === '\n') crlf++;
    else if (i + 1 < text.length) cr++;
  }
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (text[i - 1] !== '\r') lf++;
  return { crlf, lf, cr };
}
