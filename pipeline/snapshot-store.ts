// The work dir's validated snapshots (docs/architecture.md §8): `data/<id>.ndjson` (rows) and
// `data/<id>.meta.json` (SnapshotMeta). This module owns the metadata file: every stage reads,
// writes and lists it here, so what counts as snapshot metadata is decided in one place.
// Rows are streamed by their writers (validate's SnapshotWriter, transform's persist) straight to
// `work.rows(id)`; their meta is written after them, atomically, so a meta always names rows
// that were complete when it was written (a run killed in between leaves the old meta, whose
// hash then no longer matches: `verifiedSnapshotMeta` says so).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { CitydashError, messageOf } from './errors.ts';
import { sha256File } from './hash.ts';
import type { SnapshotMeta } from './types.ts';
import type { WorkDir } from './workdir.ts';

const META_SUFFIX = '.meta.json';

/** A meta file that cannot be read, is not JSON, or is not snapshot metadata. */
export class SnapshotMetaError extends CitydashError {
  constructor(
    readonly file: string,
    detail: string,
    options: { cause?: unknown } = {},
  ) {
    super(file, detail, options);
    this.name = 'SnapshotMetaError';
  }
}

/** Snapshot metadata from its text: a JSON object with a `columns` object (what every reader needs). */
export function parseSnapshotMeta(text: string, file: string): SnapshotMeta {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SnapshotMetaError(file, `not valid JSON (${messageOf(err)})`, { cause: err });
  }
  const meta = value as SnapshotMeta;
  if (!meta || typeof meta !== 'object' || Array.isArray(meta) || !meta.columns || typeof meta.columns !== 'object') {
    throw new SnapshotMetaError(file, 'not snapshot metadata (no "columns" object)');
  }
  return meta;
}

/** A dataset's snapshot metadata; null when it has none yet (no meta file). */
export async function readSnapshotMeta(work: WorkDir, id: string): Promise<SnapshotMeta | null> {
  const file = work.meta(id);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SnapshotMetaError(file, messageOf(err), { cause: err });
  }
  return parseSnapshotMeta(text, file);
}

/** Written after the rows it names, atomically (rows first, then meta). */
export async function writeSnapshotMeta(work: WorkDir, meta: SnapshotMeta): Promise<void> {
  await writeFileAtomic(work.meta(meta.id), `${JSON.stringify(meta, null, 2)}\n`);
}

/** Ids of every dataset with snapshot metadata in the work dir, sorted. */
export async function listSnapshotIds(work: WorkDir): Promise<string[]> {
  // No data/ folder yet is a work dir with no snapshots, not an error.
  const names = await readdir(join(work.root, 'data')).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith(META_SUFFIX) && !n.startsWith('.')).map((n) => n.slice(0, -META_SUFFIX.length)).sort();
}

/** The sha256 of a snapshot's rows file, or null when it cannot be read. */
export async function snapshotRowsHash(work: WorkDir, id: string): Promise<string | null> {
  // Rows that cannot be read are no more usable than rows that are missing: the caller says which.
  return sha256File(work.rows(id)).catch(() => null);
}

/**
 * The meta of a snapshot whose rows are exactly the rows it names (their sha256 is its hash);
 * null when it has none, its meta is unusable, or its rows are missing or do not match.
 */
export async function verifiedSnapshotMeta(work: WorkDir, id: string): Promise<SnapshotMeta | null> {
  let meta: SnapshotMeta | null;
  try {
    meta = await readSnapshotMeta(work, id);
  } catch {
    // Unusable metadata is no snapshot for this purpose; the caller restores one from the target.
    return null;
  }
  if (!meta || typeof meta.hash !== 'string') return null;
  return (await snapshotRowsHash(work, id)) === meta.hash ? meta : null;
}
