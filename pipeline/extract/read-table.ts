// One entry point for every file-shaped source: a path on disk (CSV streams from it; XLSX and
// JSON are read whole, as their parsers need) or bytes already in memory (an HTTP body).
import { open, type FileHandle } from 'node:fs/promises';
import type { Encoding, ExtractSpec, Format, RawTable } from '../types.ts';
import { InputError } from '../errors.ts';
import { decodeBytes, decodeStream } from './decode.ts';
import { readCsv } from './csv.ts';
import { readXlsx } from './xlsx.ts';
import { readJsonRecords } from './json-records.ts';

export { DecodeError } from './decode.ts';
export { CsvError } from './csv.ts';
export { XlsxError } from './xlsx.ts';
export { JsonError } from './json-records.ts';

export type TableSource = { path: string; name?: string } | { bytes: Uint8Array; name: string };

export interface ReadTableOptions {
  format: Format;
  encoding?: Encoding;
  csv?: ExtractSpec['csv'];
  xlsx?: ExtractSpec['xlsx'];
  json?: ExtractSpec['json'];
}

/** A source file that cannot be opened at all (missing, a directory, no permission). */
export class SourceFileError extends InputError {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(file, detail);
    this.name = 'SourceFileError';
  }
}

/** Bytes read from disk per chunk when streaming a CSV. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Read a table. `name` (for a path: optional, default the path) is what record locations and
 * errors call the file. Errors: DecodeError, CsvError, XlsxError, JsonError, SourceFileError.
 */
export async function readTable(source: TableSource, opts: ReadTableOptions): Promise<RawTable> {
  const file = source.name ?? ('path' in source ? source.path : '');
  const encoding = opts.encoding ?? 'auto';
  switch (opts.format) {
    case 'csv': {
      const chunks = 'path' in source ? await openStream(source.path, file) : slices(source.bytes);
      return readCsv(decodeStream(chunks, encoding, file), file, opts.csv);
    }
    case 'xlsx':
      return readXlsx('path' in source ? await readWhole(source.path, file) : source.bytes, file, opts.xlsx);
    case 'json': {
      const bytes = 'path' in source ? await readWhole(source.path, file) : source.bytes;
      return readJsonRecords(decodeBytes(bytes, encoding, file), file, opts.json);
    }
    default:
      throw new InputError(file, `unknown format ${JSON.stringify(opts.format)}; expected csv, xlsx or json`);
  }
}

async function openStream(path: string, file: string): Promise<AsyncIterable<Uint8Array>> {
  // Opened here so a missing or unreadable file fails now, with a clear message.
  const handle = await openFile(path, file);
  return handle.createReadStream({ highWaterMark: CHUNK_BYTES }); // closes the handle at end or on destroy
}

async function readWhole(path: string, file: string): Promise<Uint8Array> {
  const handle = await openFile(path, file);
  try {
    return await handle.readFile();
  } catch (err) {
    throw new SourceFileError(file, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  } finally {
    await handle.close();
  }
}

async function openFile(path: string, file: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SourceFileError(file, code === 'ENOENT' ? 'file not found' : `cannot open the file (${code ?? (err as Error).message})`);
  }
  if ((await handle.stat()).isDirectory()) {
    await handle.close();
    throw new SourceFileError(file, 'is a directory, not a file');
  }
  return handle;
}

function* slices(bytes: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
}
