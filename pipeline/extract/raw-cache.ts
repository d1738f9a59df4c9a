// `.citydash/raw/<id>/`: what the last successful fetch produced, for validate and for the
// next conditional GET. `entry.json` names the input; bodies are stored under content-hashed
// names and `entry.json` is replaced last, so a run killed mid-fetch leaves the previous
// entry and its body intact. Local inputs (file sources, bundled samples) are not copied.
import { createReadStream } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { FetchInfo, RawRecord, RawTable } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { AtomicFile, writeFileAtomic } from '../atomic-write.ts';
import { sha256 } from '../hash.ts';
import { CitydashError } from '../errors.ts';

export type RawInput =
  /** A local file read in place: a `file` source or a bundled sample. */
  | { kind: 'path'; path: string; mtimeMs: number; size: number }
  /** An HTTP body saved under the raw dir; `name` (the URL's last segment) hints the format. */
  | { kind: 'body'; file: string; name: string }
  /** Seoul Open API rows, one JSON line per record after a header line. */
  | { kind: 'records'; file: string; rows: number };

export interface RawEntry {
  /** The last successful fetch. */
  fetch: FetchInfo;
  input: RawInput;
  /** Fingerprint of the extract settings that produced it; a changed descriptor refetches. */
  spec: string;
}

const ENTRY = 'entry.json';

export class RawCacheError extends CitydashError {
  constructor(where: string, detail: string) {
    super(where, detail);
    this.name = 'RawCacheError';
  }
}

export async function readRawEntry(work: WorkDir, id: string): Promise<RawEntry | null> {
  const path = join(work.raw(id), ENTRY);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const entry = JSON.parse(text) as RawEntry;
    if (!entry?.fetch || !entry.input) throw new Error('missing fetch or input');
    return entry;
  } catch (err) {
    throw new RawCacheError(path, `unreadable cache entry (${(err as Error).message}); delete it or run fetch --force`);
  }
}

/** Record a successful fetch and drop stored bodies the new entry no longer names. */
export async function writeRawEntry(work: WorkDir, id: string, entry: RawEntry): Promise<void> {
  const dir = work.raw(id);
  await writeFileAtomic(join(dir, ENTRY), `${JSON.stringify(entry, null, 2)}\n`);
  const keep = entry.input.kind === 'path' ? undefined : entry.input.file;
  for (const name of await readdir(dir)) {
    if (name !== ENTRY && name !== keep && /^(body|records)\./.test(name)) await rm(join(dir, name), { force: true });
  }
}

export function rawFile(work: WorkDir, id: string, file: string): string {
  return join(work.raw(id), file);
}

/** Save an HTTP body; returns its stored file name (`body.<sha256 prefix>`). */
export async function storeBody(work: WorkDir, id: string, bytes: Uint8Array): Promise<string> {
  const file = `body.${sha256(bytes).slice(0, 16)}`;
  await writeFileAtomic(join(work.raw(id), file), bytes);
  return file;
}

/** Stream an API table to disk as it is paged in (memory stays one page). */
export async function storeRecords(work: WorkDir, id: string, table: RawTable): Promise<{ file: string; rows: number }> {
  const dir = work.raw(id);
  // Named by its content, which is known only at the end: written under a temporary name first.
  const out = await AtomicFile.open(join(dir, 'records.ndjson'));
  let rows = 0;
  try {
    await out.write(`${JSON.stringify({ headers: table.headers })}\n`);
    for await (const rec of table.records) {
      await out.write(`${JSON.stringify([rec.values, rec.loc])}\n`);
      rows++;
    }
  } catch (err) {
    await out.abort();
    throw err;
  }
  const file = (hash: string) => `records.${hash.slice(0, 16)}.ndjson`;
  const { sha256 } = await out.commit((hash) => join(dir, file(hash)));
  return { file: file(sha256), rows };
}

/** Read stored API records back as a RawTable. */
export async function openRecords(path: string): Promise<RawTable> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const first = await lines.next();
  let headers: string[];
  try {
    headers = (JSON.parse(first.done ? 'null' : first.value) as { headers: string[] }).headers;
    if (!Array.isArray(headers)) throw new Error('no headers');
  } catch {
    // Any parse failure of the first line means the same thing: the stored records are unusable.
    await lines.return?.();
    throw new RawCacheError(path, 'stored API records have no header line; run fetch --force');
  }
  async function* records(): AsyncGenerator<RawRecord> {
    let n = 1;
    try {
      for (let r = await lines.next(); !r.done; r = await lines.next()) {
        n++;
        if (!r.value) continue;
        try {
          const [values, loc] = JSON.parse(r.value) as [RawRecord['values'], RawRecord['loc']];
          yield { values, loc };
        } catch {
          // The parser's message adds nothing to file:line and the fix.
          throw new RawCacheError(`${path}:${n}`, 'stored API record is not valid JSON; run fetch --force');
        }
      }
    } finally {
      await lines.return?.();
    }
  }
  return { headers, records: records() };
}
