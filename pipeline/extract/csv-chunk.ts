// A chunk of CSV records as plain data: one string and the offsets of every cell in it. It is
// what the tokenizer makes (csv-rows.ts), what the reader's worker thread posts to the main
// thread (a string and typed arrays copy in one step each, where arrays of cell strings would be
// cloned one string at a time), and what records are read from without a string per cell until
// a value is needed.

export interface CsvChunk {
  /** The text the cells are cut from (the parsed text itself, or the unquoted cells joined). */
  text: string;
  /** Start and end offset in `text` of every cell, two numbers a cell. */
  cells: Int32Array;
  /** Index of each record's first cell; `starts[records]` is one past the last cell. */
  starts: Int32Array;
  /** Physical 1-based line on which each record starts. */
  lines: Int32Array;
  records: number;
}

/** The cells of record `r` as strings. */
export function recordCells(chunk: CsvChunk, r: number): string[] {
  const out: string[] = [];
  for (let c = chunk.starts[r]!; c < chunk.starts[r + 1]!; c++) out.push(chunk.text.slice(chunk.cells[2 * c], chunk.cells[2 * c + 1]));
  return out;
}

/**
 * Builds a chunk from offsets into the parsed text and, for records the parser had to unquote,
 * from cell strings, which are appended after that text.
 */
export class CsvChunkBuilder {
  records = 0;
  private cellCount = 0;
  private cells: Int32Array<ArrayBuffer>;
  private starts: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private lines: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private readonly parts: string[] = [];
  private length: number;

  constructor(private readonly text: string) {
    this.length = text.length;
    // A guess from the text's size (short cells), grown by doubling when wrong.
    this.cells = new Int32Array(Math.max(1024, text.length >> 1));
  }

  startRecord(line: number): void {
    if (this.records + 1 >= this.starts.length) {
      this.starts = grow(this.starts);
      this.lines = grow(this.lines);
    }
    this.starts[this.records] = this.cellCount;
    this.lines[this.records++] = line;
  }

  addCell(start: number, end: number): void {
    const k = 2 * this.cellCount++;
    if (k + 2 > this.cells.length) this.cells = grow(this.cells);
    this.cells[k] = start;
    this.cells[k + 1] = end;
  }

  /** A record given as its cell strings (the quoted path: cells unescaped by the parser). */
  addCells(values: string[], line: number): void {
    this.startRecord(line);
    for (const v of values) {
      this.parts.push(v);
      this.addCell(this.length, this.length + v.length);
      this.length += v.length;
    }
  }

  finish(): CsvChunk {
    this.starts[this.records] = this.cellCount;
    // Copies the size of the content: a view would keep (and post) the whole grown buffer.
    return {
      text: this.parts.length ? this.text + this.parts.join('') : this.text,
      cells: this.cells.slice(0, 2 * this.cellCount),
      starts: this.starts.slice(0, this.records + 1),
      lines: this.lines.slice(0, this.records),
      records: this.records,
    };
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
