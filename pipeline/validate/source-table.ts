// Opens what the last fetch stored (raw cache entry) as a RawTable, with the reader and
// options the descriptor asks for: a local file or sample in place, a saved HTTP body, or
// Seoul Open API records. A bundled API sample in the API's own JSON wire format (no
// `json.records` path) is read as one API page.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { DatasetDescriptor, Effects, Encoding, ExtractSpec, Format, RawTable } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { catalogInputPath, ExtractError, openRecords, type RawEntry, rawFile, readTable, seoulSampleTable, SourceFileError } from '../extract/index.ts';

export interface SourceTable {
  table: RawTable;
  /** How the input is named in messages (catalog-relative path, or the masked URL). */
  where: string;
}

const EXTENSIONS: Record<string, Format> = { '.csv': 'csv', '.tsv': 'csv', '.txt': 'csv', '.xlsx': 'xlsx', '.json': 'json' };

export function formatFromName(name: string): Format | undefined {
  return EXTENSIONS[extname(name).toLowerCase()];
}

/**
 * The file a stored fetch is read from: a raw cache file, or a local file/sample in place (its
 * real path, after the catalog's path rule: the descriptor may have changed since the fetch).
 */
export async function sourceInputPath(ds: DatasetDescriptor, entry: RawEntry, catalogRoot: string, work: WorkDir, env: Effects['env']): Promise<{ real: string; shown: string }> {
  const input = entry.input;
  if (input.kind !== 'path') {
    const path = rawFile(work, ds.id, input.file);
    return { real: path, shown: path };
  }
  // Local files are found again from the descriptor, so a moved checkout still works. A network
  // source read offline uses its sample; a file source reads its path (which may be its sample).
  const spec = ds.extract;
  const offlineSample = entry.fetch.sample && spec?.kind !== 'file';
  const local = offlineSample ? spec?.sample : spec?.kind === 'file' ? spec.path : undefined;
  if (!local) throw new ExtractError(ds.file, 'the stored fetch was read from a local file the descriptor no longer names; fetch it again');
  return catalogInputPath(ds, catalogRoot, local, offlineSample ? 'extract.sample' : 'extract.path', env);
}

export async function openSourceTable(ds: DatasetDescriptor, entry: RawEntry, catalogRoot: string, work: WorkDir, env: Effects['env']): Promise<SourceTable> {
  const spec = ds.extract;
  if (!spec) throw new ExtractError(ds.file, 'has no extract section');
  const input = entry.input;
  if (input.kind === 'records') return { table: await openRecords(rawFile(work, ds.id, input.file)), where: entry.fetch.source };
  if (input.kind === 'body') {
    const format = spec.format ?? formatFromName(input.name);
    if (!format) throw new ExtractError(ds.file, `extract.format is not set and ${JSON.stringify(input.name)} does not say it (csv, xlsx or json)`);
    const path = rawFile(work, ds.id, input.file);
    return { table: await readTable({ path, name: entry.fetch.source }, readOptions(spec, format, spec.encoding)), where: entry.fetch.source };
  }
  const { real: path, shown: where } = await sourceInputPath(ds, entry, catalogRoot, work, env);
  if (entry.fetch.sample) return openSample(ds, spec, path, where);
  return openFile(ds, path, where, false);
}

/**
 * A dataset's bundled sample, or the file of a `file` source, read in place as validate reads
 * it (for `check`, which compares the descriptor with its data). `path` is absolute.
 */
export async function openLocalSource(ds: DatasetDescriptor, which: 'sample' | 'file', path: string, where: string): Promise<SourceTable> {
  const spec = ds.extract;
  if (!spec) throw new ExtractError(ds.file, 'has no extract section');
  return which === 'sample' ? openSample(ds, spec, path, where) : openFile(ds, path, where, false);
}

async function openSample(ds: DatasetDescriptor, spec: ExtractSpec, path: string, where: string): Promise<SourceTable> {
  const format = spec.sampleFormat ?? spec.format ?? formatFromName(path);
  if (!format) throw new ExtractError(ds.file, `extract.sampleFormat is not set and ${JSON.stringify(where)} does not say it`);
  if (spec.kind === 'seoul-openapi' && format === 'json' && !spec.json?.records) {
    return { table: seoulSampleTable(await readSample(path, where), spec.service ?? '', where), where };
  }
  // A sample in another format than the live source was saved with its own encoding.
  const encoding = spec.sampleFormat && spec.sampleFormat !== spec.format ? 'auto' : spec.encoding;
  return { table: await readTable({ path, name: where }, readOptions(spec, format, encoding)), where };
}

/**
 * A local file against a descriptor: a `file` source (declared format first), or any file
 * handed to `validate --file` (its extension first: a department may check a CSV export of
 * a dataset that is live from the API).
 */
export async function openFile(ds: DatasetDescriptor, path: string, where: string, byExtension: boolean): Promise<SourceTable> {
  const spec: ExtractSpec = ds.extract ?? { kind: 'file' };
  const format = byExtension ? formatFromName(path) ?? spec.format : spec.format ?? formatFromName(path);
  if (!format) throw new ExtractError(where, 'cannot tell the format from the file name; name it .csv, .xlsx or .json');
  const encoding = spec.format === format ? spec.encoding : 'auto';
  return { table: await readTable({ path, name: where }, readOptions(spec, format, encoding)), where };
}

async function readSample(path: string, where: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new SourceFileError(where, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message);
  }
}

function readOptions(spec: ExtractSpec, format: Format, encoding: Encoding | undefined) {
  return { format, encoding: encoding ?? 'auto', csv: spec.csv, xlsx: spec.xlsx, json: spec.json } as const;
}
