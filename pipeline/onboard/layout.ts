// The reading options a source needs (encoding, delimiter, title rows, sheet, header rows,
// JSON records path), what they were decided from, and the words for the descriptor's
// comments and the summary.
import { readXlsxSheets, sheetTable, type ReadTableOptions } from '../extract/index.ts';
import type { Encoding, ExtractSpec, RawTable } from '../types.ts';
import type { Input } from './acquire.ts';
import { csvLayout, HEAD_BYTES } from './csv-layout.ts';
import { jsonRecordsPath } from './json-layout.ts';
import { xlsxLayout } from './xlsx-layout.ts';

export interface Layout {
  /** Options for reading the rows (totals are not dropped yet: they are counted first). */
  read: ReadTableOptions;
  /** Reads the rows with these options from what the layout already parsed (a workbook), instead of the input again. */
  open?: (read: ReadTableOptions) => Promise<RawTable>;
  /** What the descriptor's `extract` says about reading. */
  extract: Pick<ExtractSpec, 'encoding' | 'csv' | 'xlsx' | 'json'>;
  /** The reader can drop totals rows (CSV and XLSX). */
  totalsOption: boolean;
  /** Texts above the header (titles, `단위: 명`). */
  titles: string[];
  /** Where the header is, for messages. */
  headerAt: string;
  /** For the summary and --json. */
  facts: Record<string, unknown>;
  comments: { encoding?: string; table: string[] };
  /** Things a person should check. */
  guesses: string[];
}

const ENCODING_NAMES: Record<string, string> = { 'utf-8': 'UTF-8', cp949: 'CP949', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE' };

export async function readLayout(input: Input, sheet?: string): Promise<Layout> {
  if (input.format === 'csv') return csv(input);
  if (input.format === 'xlsx') return xlsx(input, sheet);
  return json(input);
}

async function csv(input: Input): Promise<Layout> {
  const { bytes, complete } = await input.head(HEAD_BYTES);
  const l = await csvLayout(bytes, input.name, complete);
  const endings = Object.entries(l.lineEndings).filter(([, n]) => n > 0).map(([k]) => k.toUpperCase());
  const encodingWords = `${ENCODING_NAMES[l.detected]}, ${l.bom ? 'with a byte-order mark' : 'no byte-order mark'}; ${endings.length > 1 ? `mixed line endings (${endings.join(', ')}), all read alike` : `${endings[0] ?? 'LF'} line endings`}`;
  const csvOptions: NonNullable<ExtractSpec['csv']> = {
    ...(l.writeDelimiter ? { delimiter: l.delimiter } : {}),
    ...(l.skipRows ? { skipRows: l.skipRows } : {}),
  };
  const table: string[] = [];
  if (l.skipRows) table.push(`header on line ${l.headerLine}: ${l.skipRows} line(s) above it skipped${l.titles.length ? ` (${l.titles.slice(0, 2).map((t) => JSON.stringify(t)).join(', ')})` : ''}`);
  if (l.writeDelimiter) table.push(`values separated by ${l.delimiter === '\t' ? 'tabs' : JSON.stringify(l.delimiter)}`);
  return {
    read: { format: 'csv', encoding: l.encoding, csv: { ...(l.writeDelimiter ? { delimiter: l.delimiter } : {}), skipRows: l.skipRows } },
    extract: { encoding: l.encoding as Encoding, ...(Object.keys(csvOptions).length ? { csv: csvOptions } : {}) },
    totalsOption: true,
    titles: l.titles,
    headerAt: `line ${l.headerLine}`,
    facts: { encoding: l.detected, bom: l.bom, lineEndings: l.lineEndings, delimiter: l.delimiter, skipRows: l.skipRows, headerLine: l.headerLine },
    comments: { encoding: `detected ${encodingWords}`, table },
    guesses: l.encoding === 'auto' ? [] : [`encoding ${l.encoding}: the reader's detection could not tell it from the first bytes`],
  };
}

async function xlsx(input: Input, sheet?: string): Promise<Layout> {
  const sheets = await readXlsxSheets(await input.bytes(), input.name);
  const l = xlsxLayout(sheets, input.name, sheet);
  const table: string[] = [];
  const guesses: string[] = [];
  if (sheets.length > 1) {
    const others = l.otherSheets.map((s) => `${JSON.stringify(s.name)} (${s.cells} cells)`);
    const empty = sheets.filter((s) => s.name !== l.sheet && !l.otherSheets.some((o) => o.name === s.name)).map((s) => JSON.stringify(s.name));
    const why = sheet !== undefined ? 'as asked with --sheet' : 'the sheet with the most data';
    table.push(`sheet ${JSON.stringify(l.sheet)}: ${why}${empty.length ? `; empty: ${empty.join(', ')}` : ''}`);
    if (others.length && sheet === undefined) guesses.push(`other sheets hold data too (${others.join(', ')}); --sheet NAME reads another`);
  }
  if (l.skipRows) table.push(`header at row ${l.headerRow}: the ${l.skipRows} row(s) above it skipped${l.titles.length ? ` (${l.titles.slice(0, 2).map((t) => JSON.stringify(t)).join(', ')})` : ''}`);
  if (l.headerRows > 1) table.push(`${l.headerRows} header rows stacked (${l.stackedBecause}): their texts are joined with a space`);
  const options: NonNullable<ExtractSpec['xlsx']> = {
    ...(sheets.length > 1 || sheet !== undefined ? { sheet: l.sheet } : {}),
    ...(l.headerRows > 1 ? { headerRows: l.headerRows } : {}),
    ...(l.skipRows ? { skipRows: l.skipRows } : {}),
  };
  const grid = sheets.find((g) => g.name === l.sheet)!;
  return {
    read: { format: 'xlsx', xlsx: { sheet: l.sheet, headerRows: l.headerRows, skipRows: l.skipRows } },
    open: async (read) => sheetTable(grid, input.name, read.xlsx),
    extract: Object.keys(options).length ? { xlsx: options } : {},
    totalsOption: true,
    titles: l.titles,
    headerAt: `row ${l.headerRow} of sheet ${JSON.stringify(l.sheet)}`,
    facts: { sheet: l.sheet, sheets: sheets.map((s) => s.name), headerRow: l.headerRow, headerRows: l.headerRows, skipRows: l.skipRows },
    comments: { table },
    guesses,
  };
}

async function json(input: Input): Promise<Layout> {
  const records = input.source.kind === 'seoul-openapi' ? undefined : jsonRecordsPath(await input.bytes(), input.name);
  return {
    read: { format: 'json', encoding: 'auto', ...(records ? { json: { records } } : {}) },
    extract: records ? { json: { records } } : {},
    totalsOption: false,
    titles: [],
    headerAt: records ? `the records at ${records}` : 'the records',
    facts: records ? { records } : {},
    comments: { table: records ? [`records are the array at ${records}`] : [] },
    guesses: [],
  };
}
