// The manifest's datasets, from the validated snapshots in the work dir (`data/<id>.meta.json`),
// and each snapshot's rows copied into the site at `_citydash/snapshots/<id>.<hash16>.ndjson` so
// the target carries the last good data: a CI job with an empty disk reads it back from there.
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger, SnapshotMeta } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { snapshotPath, type Manifest, type ManifestDataset } from './manifest.ts';
import { sha256File } from '../hash.ts';
import { listSnapshotIds, readSnapshotMeta, SnapshotMetaError, snapshotRowsHash } from '../snapshot-store.ts';
import { SiteDirError } from './site-files.ts';
import { CitydashError } from '../errors.ts';

export interface DatasetsOptions {
  /** The live manifest: a dataset whose hash is unchanged keeps its `changedAt`. */
  previous?: Manifest | null;
  /** When a changed dataset changed (default: now). */
  now?: Date;
  log?: Logger;
  /**
   * The datasets the site publishes (default: every snapshot in the work dir). A snapshot left in
   * the work dir by a dataset whose descriptor was deleted is not copied into the site, so the
   * target retires it.
   */
  only?: ReadonlySet<string>;
}

export class SnapshotError extends CitydashError {
  constructor(file: string, detail: string) {
    super(file, detail);
    this.name = 'SnapshotError';
  }
}

/** A snapshot's meta, fit to be published: it names its dataset and the sha256 of its rows. */
async function readMeta(work: WorkDir, id: string): Promise<SnapshotMeta> {
  const file = work.meta(id);
  let meta: SnapshotMeta | null;
  try {
    meta = await readSnapshotMeta(work, id);
  } catch (err) {
    throw new SnapshotError(file, `unreadable snapshot metadata (${err instanceof SnapshotMetaError ? err.detail : (err as Error).message})`);
  }
  if (!meta) throw new SnapshotError(file, 'unreadable snapshot metadata (the file is gone)');
  if (meta.id !== id || typeof meta.hash !== 'string' || !/^[0-9a-f]{16,}$/.test(meta.hash)) {
    throw new SnapshotError(file, 'not snapshot metadata (needs its id and a sha256 hash)');
  }
  return meta;
}

/** Copies the rows unless the site already holds them; checks they are the rows the hash names. */
async function placeSnapshot(work: WorkDir, meta: SnapshotMeta, siteDir: string): Promise<string> {
  const path = snapshotPath(meta.id, meta.hash);
  const dest = join(siteDir, ...path.split('/'));
  const already = await sha256File(dest).catch(() => null); // not there yet: copied below
  if (already === meta.hash) return path;
  const rows = work.rows(meta.id);
  const actual = await snapshotRowsHash(work, meta.id); // unreadable: reported just below as missing
  if (actual === null) throw new SnapshotError(rows, 'the snapshot rows are missing');
  if (actual !== meta.hash) throw new SnapshotError(rows, `rows hash ${actual.slice(0, 16)}… does not match the metadata's ${meta.hash.slice(0, 16)}…`);
  await mkdir(dirname(dest), { recursive: true });
  await copyFile(rows, dest);
  return path;
}

export async function datasetsForManifest(work: WorkDir, siteDir: string, opts: DatasetsOptions = {}): Promise<Record<string, ManifestDataset>> {
  // Snapshots go into a built site; never create one where the build is missing.
  if (!(await stat(siteDir).then((s) => s.isDirectory(), () => false))) throw new SiteDirError(siteDir, 'no built site here (run `citydash build` first)');
  const out: Record<string, ManifestDataset> = {};
  const now = (opts.now ?? new Date()).toISOString();
  for (const id of await listSnapshotIds(work)) {
    if (opts.only && !opts.only.has(id)) continue;
    try {
      const meta = await readMeta(work, id);
      const before = opts.previous?.datasets[meta.id];
      let snapshot: string;
      try {
        snapshot = await placeSnapshot(work, meta, siteDir);
      } catch (err) {
        // Rows gone from this disk but already on the target under the same hash: keep those.
        if (before?.meta.hash !== meta.hash) throw err;
        snapshot = before.snapshot;
      }
      out[meta.id] = { snapshot, meta, changedAt: before?.meta.hash === meta.hash ? before.changedAt : now };
    } catch (err) {
      // One dataset's broken snapshot must not keep the others off the manifest.
      opts.log?.error((err as Error).message);
    }
  }
  return out;
}
