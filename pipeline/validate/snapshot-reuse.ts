// A snapshot made from exactly the same inputs is reused instead of recomputed: the rows file
// stays, its meta and report are written again as a recomputation would write them. What it was
// made from is kept beside it in `.citydash/reuse/<id>.json` (not in the meta: the meta is
// published in the manifest, and the site must stay byte-identical): a key over every input, the
// digest of the rows file it produced, and the meta and report of that run.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';
import type { SnapshotMeta, ValidationReport } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { sha256Json } from '../hash.ts';
import { fileDigest, sameContent, type FileDigest } from './file-digest.ts';

const FORMAT = 1;

export interface ReuseRecord {
  format: number;
  key: string;
  rows: FileDigest;
  meta: SnapshotMeta;
  report: ValidationReport;
  /** Input files as they were (stat, and content hash once one was needed), by path. */
  inputs: Record<string, FileDigest>;
}

export function reusePath(work: WorkDir, id: string): string {
  return join(work.root, 'reuse', `${id}.json`);
}

/** The key of a set of inputs (anything JSON; key order does not matter). */
export function reuseKey(inputs: unknown): string {
  return sha256Json(inputs);
}

/** The record of the last run, whatever its key (null when absent or unreadable). */
export async function readReuse(work: WorkDir, id: string): Promise<ReuseRecord | null> {
  try {
    const r = JSON.parse(await readFile(reusePath(work, id), 'utf8')) as ReuseRecord;
    return r?.format === FORMAT && typeof r.key === 'string' && r.rows && r.meta && r.report ? r : null;
  } catch {
    // No record, or an unreadable one: the snapshot is validated again (reuse is only an optimisation).
    return null;
  }
}

/**
 * The earlier result when `record` was made under `key` from the same input files, and the rows
 * file is still the one it produced; else null (then the caller recomputes).
 */
export async function reusable(work: WorkDir, id: string, record: ReuseRecord | null, key: string, inputs: Record<string, FileDigest> = {}): Promise<ReuseRecord | null> {
  if (!record || record.key !== key || record.meta.id !== id || record.meta.hash !== record.rows.sha256) return null;
  const paths = Object.keys(inputs);
  if (paths.length !== Object.keys(record.inputs ?? {}).length || !paths.every((p) => sameContent(inputs[p], record.inputs[p]))) return null;
  const rows = await fileDigest(work.rows(id), record.rows);
  return rows?.sha256 === record.rows.sha256 ? record : null;
}

/** Remember what a successful run produced, after its rows and meta are in place. */
export async function recordReuse(
  work: WorkDir,
  id: string,
  key: string,
  result: { meta: SnapshotMeta; report: ValidationReport },
  inputs: Record<string, FileDigest> = {},
): Promise<void> {
  // The rows were hashed as they were written (meta.hash); only their file identity is new.
  const info = await stat(work.rows(id)).catch(() => null);
  if (!info) return;
  const rows: FileDigest = { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, sha256: result.meta.hash };
  const record: ReuseRecord = { format: FORMAT, key, rows, meta: result.meta, report: result.report, inputs };
  await writeFileAtomic(reusePath(work, id), `${JSON.stringify(record)}\n`);
}
