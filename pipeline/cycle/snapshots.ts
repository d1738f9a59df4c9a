// The work dir's snapshots as a cycle sees them. Every write here is atomic (rows before meta),
// and a snapshot counts only when its rows hash to what its meta says, so a run killed between
// the two writes is noticed and repaired from the target instead of published half-updated.
import { copyFile, link, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256File } from '../hash.ts';
import { readSnapshotMeta, verifiedSnapshotMeta, writeSnapshotMeta } from '../snapshot-store.ts';
import type { ManifestDataset, Target } from '../publish/index.ts';
import type { SnapshotMeta } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { downloadSnapshot } from './target-state.ts';

/** Scratch space of the running cycle (earlier rows kept for the diff); emptied at every start. */
export function scratchDir(work: WorkDir): string {
  return join(work.root, 'cycle');
}

export async function resetScratch(work: WorkDir): Promise<string> {
  const dir = scratchDir(work);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'before'), { recursive: true });
  return dir;
}

/** The earlier rows are needed only until the change log is written. */
export async function dropScratch(work: WorkDir): Promise<void> {
  await rm(scratchDir(work), { recursive: true, force: true });
}

/** The meta in the work dir, or null when absent or unreadable (then the target's copy is used). */
export async function readMeta(work: WorkDir, id: string): Promise<SnapshotMeta | null> {
  try {
    const meta = await readSnapshotMeta(work, id);
    return meta && typeof meta.hash === 'string' ? meta : null;
  } catch {
    // Unusable metadata counts as none: the cycle restores the published snapshot instead.
    return null;
  }
}

export const writeMeta = writeSnapshotMeta;

/** The local snapshot's meta when its rows are exactly the rows it names, else null. */
export const verifiedLocal = verifiedSnapshotMeta;

const beforePath = (scratch: string, id: string, hash: string) => join(scratch, 'before', `${id}.${hash.slice(0, 16)}.ndjson`);

/**
 * Before this cycle rewrites a snapshot, keep the published rows aside for the diff: a hard link
 * (validation renames a new file over the old path, so the link keeps the old content) or a copy.
 */
export async function keepBefore(work: WorkDir, scratch: string, id: string, published: ManifestDataset): Promise<void> {
  const meta = await readMeta(work, id);
  if (meta?.hash !== published.meta.hash) return;
  const dest = beforePath(scratch, id, published.meta.hash);
  // Kept aside only for the diff: when neither link nor copy works, the diff reads the target's copy.
  await link(work.rows(id), dest).catch(() => copyFile(work.rows(id), dest).catch(() => undefined));
}

/**
 * The published rows of a dataset for the diff: the copy kept aside if it is intact, else read
 * back from the target. Null when neither has them (deleted after the grace period).
 */
export async function publishedRows(scratch: string, id: string, published: ManifestDataset, target: Target): Promise<string | null> {
  const dest = beforePath(scratch, id, published.meta.hash);
  if ((await sha256File(dest).catch(() => null)) === published.meta.hash) return dest; // absent: fetched below
  try {
    await downloadSnapshot(target, published.snapshot, published.meta.hash, dest);
    return dest;
  } catch {
    // The published rows are gone or damaged: the diff then says it has no earlier rows to compare.
    return null;
  }
}

/** Put a published snapshot back into the work dir (rows first, then meta). */
export async function restoreSnapshot(work: WorkDir, target: Target, published: ManifestDataset, meta: SnapshotMeta): Promise<void> {
  await downloadSnapshot(target, published.snapshot, published.meta.hash, work.rows(meta.id));
  await writeMeta(work, meta);
}

/**
 * Make sure the last good snapshot of a dataset is in the work dir: the local one if intact,
 * else the published one read back from the target. Returns its meta, or null when there is none.
 */
export async function ensureSnapshot(work: WorkDir, id: string, published: ManifestDataset | undefined, target: Target): Promise<SnapshotMeta | null> {
  const local = await verifiedLocal(work, id);
  if (local) return local;
  if (!published) return null;
  await restoreSnapshot(work, target, published, published.meta);
  return published.meta;
}

/**
 * A dataset failed this cycle: keep its last good snapshot, marked stale. `since` is the first
 * failure: kept from the local or the published meta while the failure lasts.
 */
export async function carryOver(
  work: WorkDir,
  id: string,
  published: ManifestDataset | undefined,
  target: Target,
  failure: { reason: string; now: Date },
): Promise<SnapshotMeta | null> {
  let meta: SnapshotMeta | null;
  try {
    meta = await ensureSnapshot(work, id, published, target);
  } catch {
    // No last good data can be restored: the dataset is reported failed, with its own reason, by the caller.
    meta = null;
  }
  if (!meta) return null;
  const publishedSince = published?.meta.hash === meta.hash ? published.meta.stale?.since : undefined;
  const since = meta.stale?.since ?? publishedSince ?? failure.now.toISOString();
  const stale: SnapshotMeta = { ...meta, stale: { since, reason: failure.reason } };
  await writeMeta(work, stale);
  return stale;
}
