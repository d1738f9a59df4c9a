// Getting the source's bytes or rows, once: a local file is read where it is (and copied
// into the catalog when it lies outside it: the catalog reads only its own files), a URL
// through the extract stage's HTTP client (its timeouts, size cap and network policy), a
// Seoul Open API service through the extract stage's paging client with SEOUL_API_KEY.
import { open, realpath, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, sep } from 'node:path';
import { fetchSeoulOpenApi, httpGet, maskSecrets, readTable, SEOUL_MAX_PAGE, type ReadTableOptions } from '../extract/index.ts';
import { CliError, InputError, quote } from '../errors.ts';
import type { Effects, Format, RawRecord, RawTable, RawValue } from '../types.ts';
import type { OnboardSource } from './source.ts';

export interface Input {
  source: OnboardSource;
  /** How messages and locations name the input. */
  name: string;
  format: Format;
  /** Reads the table (again) with the given options. */
  open(opts: ReadTableOptions): Promise<RawTable>;
  /** The first bytes, and whether they are all of it (CSV layout). */
  head(max: number): Promise<{ bytes: Uint8Array; complete: boolean }>;
  /** All bytes (XLSX and JSON layout). */
  bytes(): Promise<Uint8Array>;
  /** Local file: where the descriptor finds it, relative to its folder, or the copy to make. */
  local?: { path: string; copy?: { to: string; from: string } };
  /** HTTP and the Seoul API: the response kept as the sample. */
  sample?: { path: string; bytes: Uint8Array; format: Format };
  /** Seoul Open API: rows the service holds (list_total_count). */
  total?: number;
}

const EXTENSIONS: Record<string, Format> = { '.csv': 'csv', '.tsv': 'csv', '.txt': 'csv', '.xlsx': 'xlsx', '.xlsm': 'xlsx', '.xls': 'xlsx', '.json': 'json' };
const SAMPLE_EXT: Record<Format, string> = { csv: '.csv', xlsx: '.xlsx', json: '.json' };

export interface AcquireContext {
  catalogRoot: string;
  /** Catalog-relative folder of the new descriptor: `sources/<department>`. */
  descriptorDir: string;
  id: string;
  effects: Effects;
}

export async function acquire(source: OnboardSource, ctx: AcquireContext): Promise<Input> {
  if (source.kind === 'file') return localFile(source, ctx);
  if (source.kind === 'http') return httpBody(source, ctx);
  return seoulService(source, ctx);
}

async function localFile(source: Extract<OnboardSource, { kind: 'file' }>, ctx: AcquireContext): Promise<Input> {
  const abs = source.path;
  const info = await stat(abs).catch((err: NodeJS.ErrnoException) => {
    throw new CliError(`--from ${quote(abs)}: ${err.code === 'ENOENT' ? 'no such file' : `cannot read it (${err.code ?? err.message})`}`);
  });
  if (!info.isFile()) throw new CliError(`--from ${quote(abs)} is not a file`);
  const real = await realpath(abs);
  const root = await realpath(ctx.catalogRoot);
  const ext = extname(abs).toLowerCase();
  const inside = within(root, real);
  const copyTo = `${ctx.descriptorDir}/data/${ctx.id}${ext || '.csv'}`;
  const name = inside ? posix(relative(root, real)) : basename(abs);
  const format = EXTENSIONS[ext] ?? sniffFormat(await readHead(abs, 8));
  return {
    source,
    name,
    format,
    open: (opts) => readTable({ path: abs, name }, opts),
    head: async (max) => {
      const bytes = await readHead(abs, max);
      return { bytes, complete: bytes.length >= info.size };
    },
    bytes: () => readHead(abs, info.size),
    local: inside
      ? { path: posix(relative(join(root, ctx.descriptorDir), real)) }
      : { path: copyTo.slice(ctx.descriptorDir.length + 1), copy: { to: copyTo, from: abs } },
  };
}

async function httpBody(source: Extract<OnboardSource, { kind: 'http' }>, ctx: AcquireContext): Promise<Input> {
  const key = ctx.effects.env.SEOUL_API_KEY;
  const res = await httpGet(source.url, { secrets: [key] }, ctx.effects);
  const body = res.body ?? new Uint8Array(0);
  if (body.length === 0) throw new InputError(res.url, 'answered with an empty body: nothing to infer a dataset from');
  const ext = extname(new URL(source.url).pathname).toLowerCase();
  const format = EXTENSIONS[ext] ?? sniffFormat(body);
  const name = maskSecrets(res.url, [key]);
  return {
    source,
    name,
    format,
    open: (opts) => readTable({ bytes: body, name }, opts),
    head: async (max) => ({ bytes: body.subarray(0, max), complete: body.length <= max }),
    bytes: async () => body,
    sample: { path: `samples/${ctx.id}${SAMPLE_EXT[format]}`, bytes: body, format },
  };
}

async function seoulService(source: Extract<OnboardSource, { kind: 'seoul-openapi' }>, ctx: AcquireContext): Promise<Input> {
  const key = ctx.effects.env.SEOUL_API_KEY ?? '';
  if (!key) throw new CliError('--from seoul-openapi: needs SEOUL_API_KEY in the environment (a key from https://data.seoul.go.kr/); it is never written to any file');
  const table = await fetchSeoulOpenApi({ kind: 'seoul-openapi', service: source.service, params: source.params }, { key, now: ctx.effects.now() }, ctx.effects);
  const rows: RawValue[][] = [];
  for await (const rec of table.records) rows.push(rec.values);
  const headers = table.headers;
  if (rows.length === 0) throw new InputError(`seoul-openapi:${source.service}`, 'returned no rows (INFO-200); try other parameters, e.g. a recent date');
  const first = rows.slice(0, SEOUL_MAX_PAGE).map((values) => Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null])));
  // The first page in the API's own wire format: what validate reads offline as the sample.
  const wire = { [source.service]: { list_total_count: rows.length, RESULT: { CODE: 'INFO-000', MESSAGE: '정상 처리되었습니다' }, row: first } };
  const bytes = new TextEncoder().encode(`${JSON.stringify(wire, null, 1)}\n`);
  const name = `seoul-openapi:${source.service}`;
  return {
    source,
    name,
    format: 'json',
    open: async () => ({ headers, records: memoryRecords(rows) }),
    head: async () => ({ bytes, complete: true }),
    bytes: async () => bytes,
    sample: { path: `samples/${ctx.id}.json`, bytes, format: 'json' },
    total: rows.length,
  };
}

async function* memoryRecords(rows: RawValue[][]): AsyncGenerator<RawRecord> {
  for (let i = 0; i < rows.length; i++) yield { values: rows[i]!, loc: { page: Math.floor(i / SEOUL_MAX_PAGE) + 1, index: i % SEOUL_MAX_PAGE } };
}

async function readHead(path: string, max: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(max);
    const { bytesRead } = await handle.read(buf, 0, max, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Zip (XLSX) and OLE2 (XLS) signatures, JSON's opening bracket; anything else is read as CSV. */
function sniffFormat(b: Uint8Array): Format {
  if (b[0] === 0x50 && b[1] === 0x4b) return 'xlsx';
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'xlsx';
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
  return b[i] === 0x7b || b[i] === 0x5b ? 'json' : 'csv';
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function posix(p: string): string {
  return p.split(sep).join('/');
}
