// Streaming CSV tokenizing, chunk by chunk, in flat memory whatever the file size. Records come
// in chunks of cell offsets into one string (csv-chunk.ts), so a million rows make a few hundred
// strings and typed arrays rather than millions of cell strings and arrays, and a chunk can be
// handed between threads as it is. Text without a quote character is cut at newlines and
// delimiters directly, as papaparse's own fast mode does; text with quotes goes through
// papaparse's core Parser, fed the way papaparse's streamers do (parse with ignoreLastRow, keep
// the unfinished tail for the next chunk). Its end cursor per record gives the physical line on
// which each record starts, quoted newlines included.
import Papa from 'papaparse';
import { quote } from '../errors.ts';
import { CsvChunkBuilder, recordCells, type CsvChunk } from './csv-chunk.ts';
import { CsvError } from './csv-error.ts';

export interface CsvRow {
  cells: string[];
  /** Physical 1-based line on which the record starts. */
  line: number;
}

export interface CsvRowsOptions {
  file: string;
  /** A delimiter, `tab`, or `auto`/undefined to guess among , TAB ; | from the first rows. */
  delimiter?: string;
  /** Physical lines dropped before tokenizing starts (titles above the header). */
  skipRows?: number;
}

/** A record this long without ending is an unterminated quote, not data. */
const MAX_RECORD_CHARS = 8 * 1024 * 1024;
/** Text gathered before the first parse, so the delimiter guess sees several rows. */
const FIRST_PARSE_CHARS = 16 * 1024;
const GUESSABLE = [',', '\t', ';', '|'];
const NEWLINE = 10;

interface StepResult {
  data: string[][];
  errors: { code: string; index: number }[];
  meta: { cursor: number };
}
interface CoreParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): unknown;
}

/** Records in chunks (one per parsed piece of text): one await per chunk rather than per row. */
export async function* csvChunks(text: AsyncIterable<string>, opts: CsvRowsOptions): AsyncGenerator<CsvChunk> {
  const newlines = new NewlineNormalizer();
  let toSkip = opts.skipRows ?? 0;
  let partial = '';
  let line = toSkip + 1; // line on which `partial` starts
  let delimiter: string | undefined;
  let parser: CoreParser | undefined;

  // Per parse: the chunk being built, and the position/line reached in the aggregate. `base` is
  // where the text papaparse was given starts in the aggregate.
  let agg = '';
  let pos = 0;
  let posLine = 1;
  let base = 0;
  let stepped = false;
  let out = new CsvChunkBuilder('');
  const advance = (to: number) => {
    for (let i = agg.indexOf('\n', pos); i >= 0 && i < to; i = agg.indexOf('\n', i + 1)) posLine++;
    pos = to;
  };
  const makeParser = (oneRecord: boolean): CoreParser => {
    const parser: CoreParser & { abort(): void } = new Papa.Parser({
      delimiter,
      newline: '\n',
      quoteChar: '"',
      step: ((res: StepResult) => {
        const start = posLine;
        const error = res.errors[0];
        if (error?.code === 'MissingQuotes') {
          const quoteAt = Math.max(base + error.index - 1, pos);
          advance(quoteAt);
          throw new CsvError(opts.file, posLine, `unterminated quoted field: no closing quote before the end of the file (field starts ${quote(agg.slice(quoteAt, quoteAt + 40))})`);
        }
        if (error) {
          throw new CsvError(opts.file, start, `malformed quoted field: a closing quote must be followed by a delimiter or the line end (record ${quote(agg.slice(pos, pos + 60))})`);
        }
        advance(base + res.meta.cursor);
        out.addCells(res.data[0]!, start);
        stepped = true;
        if (oneRecord) parser.abort();
      }) as never,
    }) as unknown as CoreParser & { abort(): void };
    return parser;
  };

  /**
   * Text with a few quotes: the quote-free lines are cut directly, and each record that has a
   * quote goes through papaparse alone (a parser stopped after one record).
   */
  const parseMixed = (final: boolean, d: number) => {
    for (;;) {
      const q = agg.indexOf('"', pos);
      if (q < 0) {
        const before = out.records;
        pos = splitPlain(agg, pos, d, final, out, posLine);
        posLine += out.records - before; // each ends at a newline but for the last of a final text
        return;
      }
      const recordStart = agg.lastIndexOf('\n', q) + 1; // lines before it are whole and quote-free
      if (recordStart > pos) {
        const before = out.records;
        splitPlain(agg.slice(0, recordStart), pos, d, false, out, posLine);
        posLine += out.records - before;
        pos = recordStart;
      }
      base = pos;
      stepped = false;
      makeParser(true).parse(agg.slice(pos), 0, !final);
      if (!stepped) return; // an unfinished record: it waits for more text
    }
  };

  const parseSome = (final: boolean): CsvChunk => {
    delimiter ??= resolveDelimiter(opts.delimiter, partial);
    agg = partial;
    pos = 0;
    posLine = line;
    if (delimiter.length === 1 && fewQuotes(agg)) {
      // What papaparse's fast mode does with text that has no quotes, without a string per cell.
      out = new CsvChunkBuilder(agg);
      parseMixed(final, delimiter.charCodeAt(0));
    } else {
      parser ??= makeParser(false);
      out = new CsvChunkBuilder('');
      base = 0;
      parser.parse(agg, 0, !final); // rows arrive through `step`, which also raises quote errors
    }
    partial = agg.slice(pos);
    line = posLine;
    agg = '';
    if (partial.length > MAX_RECORD_CHARS) {
      throw new CsvError(opts.file, line, `record runs over ${MAX_RECORD_CHARS / 1024 / 1024} MiB without ending: probably an unterminated quoted field`);
    }
    return out.finish();
  };

  const feed = (chunk: string) => {
    if (toSkip > 0) {
      const { rest, skipped } = skipLines(chunk, toSkip);
      toSkip -= skipped;
      chunk = rest;
    }
    partial += chunk;
  };

  for await (const chunk of text) {
    feed(newlines.write(chunk));
    if (!delimiter && partial.length < FIRST_PARSE_CHARS) continue;
    const batch = parseSome(false);
    if (batch.records) yield batch;
  }
  feed(newlines.end());
  const batch = parseSome(true);
  if (batch.records) yield batch;
}

/** Records with their cells as strings, in batches (one per parsed chunk). */
export async function* csvRows(text: AsyncIterable<string>, opts: CsvRowsOptions): AsyncGenerator<CsvRow[]> {
  for await (const chunk of csvChunks(text, opts)) {
    const rows: CsvRow[] = [];
    for (let r = 0; r < chunk.records; r++) rows.push({ cells: recordCells(chunk, r), line: chunk.lines[r]! });
    yield rows;
  }
}

/**
 * Cuts quote-free text from `from` into records at newlines and cells at the delimiter, as
 * papaparse's fast mode does (a record per line, the empty last line of a file included).
 * Returns where the unfinished last line starts, or the text's end when `final`.
 */
function splitPlain(text: string, from: number, delimiter: number, final: boolean, out: CsvChunkBuilder, firstLine: number): number {
  const n = text.length;
  let lineStart = from;
  let line = firstLine;
  while (lineStart < n || (final && lineStart === n && n > 0 && text.charCodeAt(n - 1) === NEWLINE)) {
    let end = text.indexOf('\n', lineStart);
    if (end < 0) {
      if (!final) return lineStart;
      end = n;
    }
    out.startRecord(line++);
    let cell = lineStart;
    for (let i = lineStart; i < end; i++) {
      if (text.charCodeAt(i) === delimiter) {
        out.addCell(cell, i);
        cell = i + 1;
      }
    }
    out.addCell(cell, end);
    if (end === n) return n;
    lineStart = end + 1;
  }
  return lineStart;
}

/** At most about one quote per 2 KiB of text: few enough to parse the quoted records one by one. */
function fewQuotes(text: string): boolean {
  const allowed = 1 + (text.length >> 11);
  let count = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) if (++count > allowed) return false;
  return true;
}

function resolveDelimiter(option: string | undefined, sample: string): string {
  if (option === 'tab') return '\t';
  if (option && option !== 'auto') return option;
  return guessDelimiter(sample);
}

/**
 * The candidate that splits the header into the most columns while keeping the first rows
 * the same width and every quote well-formed; comma when nothing splits the header.
 */
export function guessDelimiter(sample: string): string {
  let best = ',';
  let bestScore: [number, number] = [0, 0];
  for (const delimiter of GUESSABLE) {
    const r = Papa.parse<string[]>(sample, { delimiter, newline: '\n', preview: 10 });
    if (r.errors.some((e) => e.code === 'InvalidQuotes')) continue;
    const rows = r.data.filter((row) => row.some((c) => c.trim() !== ''));
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    const same = rows.filter((row) => row.length === width).length / rows.length;
    if (same > bestScore[0] || (same === bestScore[0] && width > bestScore[1])) (best = delimiter), (bestScore = [same, width]);
  }
  return best;
}

/** Drop up to n lines from the front of the text; a line cut by the chunk end keeps being dropped. */
function skipLines(text: string, n: number): { rest: string; skipped: number } {
  let at = 0;
  for (let k = 0; k < n; k++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return { rest: '', skipped: k };
    at = nl + 1;
  }
  return { rest: text.slice(at), skipped: n };
}

/**
 * CRLF, LF and lone CR (mixed in one file, as concatenated exports are) all become LF before
 * tokenizing, so one newline rule holds for the whole file and line counting is one search.
 * Line breaks inside quoted values are normalized the same way.
 */
export class NewlineNormalizer {
  private heldCR = false;

  write(text: string): string {
    if (this.heldCR) text = `\r${text}`;
    this.heldCR = text.endsWith('\r');
    if (this.heldCR) text = text.slice(0, -1);
    return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  }

  end(): string {
    const out = this.heldCR ? '\n' : '';
    this.heldCR = false;
    return out;
  }
}
