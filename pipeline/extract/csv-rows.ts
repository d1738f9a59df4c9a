// Streaming CSV tokenizing with papaparse's core Parser, fed chunk by chunk the way papaparse's
// own streamers do (parse with ignoreLastRow, keep the unfinished tail for the next chunk), so
// memory holds one chunk plus one unfinished record whatever the file size. Driving the core
// Parser directly (rather than Papa.parse on a stream) gives each record's end cursor, from
// which the physical line of the record start is counted, quoted newlines included.
import Papa from 'papaparse';
import { quote } from '../errors.ts';
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

interface StepResult {
  data: string[][];
  errors: { code: string; index: number }[];
  meta: { cursor: number };
}
interface CoreParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): unknown;
}

/** Rows in batches (one per parsed chunk): one await per chunk rather than per row. */
export async function* csvRows(text: AsyncIterable<string>, opts: CsvRowsOptions): AsyncGenerator<CsvRow[]> {
  const newlines = new NewlineNormalizer();
  let toSkip = opts.skipRows ?? 0;
  let partial = '';
  let line = toSkip + 1; // line on which `partial` starts
  let parser: CoreParser | undefined;

  // Per parse call: rows found so far and the position/line reached in the aggregate.
  let agg = '';
  let pos = 0;
  let posLine = 1;
  let rows: CsvRow[] = [];
  const advance = (to: number) => {
    for (let i = agg.indexOf('\n', pos); i >= 0 && i < to; i = agg.indexOf('\n', i + 1)) posLine++;
    pos = to;
  };
  const makeParser = (delimiter: string): CoreParser =>
    new Papa.Parser({
      delimiter,
      newline: '\n',
      quoteChar: '"',
      step: ((res: StepResult) => {
        const start = posLine;
        const error = res.errors[0];
        if (error?.code === 'MissingQuotes') {
          const quoteAt = Math.max(error.index - 1, pos);
          advance(quoteAt);
          throw new CsvError(opts.file, posLine, `unterminated quoted field: no closing quote before the end of the file (field starts ${quote(agg.slice(quoteAt, quoteAt + 40))})`);
        }
        if (error) {
          throw new CsvError(opts.file, start, `malformed quoted field: a closing quote must be followed by a delimiter or the line end (record ${quote(agg.slice(pos, pos + 60))})`);
        }
        advance(res.meta.cursor);
        rows.push({ cells: res.data[0]!, line: start });
      }) as never,
    }) as unknown as CoreParser;

  const parseSome = (final: boolean): CsvRow[] => {
    parser ??= makeParser(resolveDelimiter(opts.delimiter, partial));
    agg = partial;
    pos = 0;
    posLine = line;
    rows = [];
    parser.parse(agg, 0, !final); // rows arrive through `step`, which also raises quote errors
    partial = agg.slice(pos);
    line = posLine;
    agg = '';
    if (partial.length > MAX_RECORD_CHARS) {
      throw new CsvError(opts.file, line, `record runs over ${MAX_RECORD_CHARS / 1024 / 1024} MiB without ending: probably an unterminated quoted field`);
    }
    return rows;
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
    if (!parser && partial.length < FIRST_PARSE_CHARS) continue;
    const batch = parseSome(false);
    if (batch.length) yield batch;
  }
  feed(newlines.end());
  const batch = parseSome(true);
  if (batch.length) yield batch;
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
