// State lives at the publish target (docs/architecture.md §4): the manifest says which files make up the
// published site and which snapshot each dataset is at, so a CI job with an empty disk can
// compute the change log, upload only what changed, and roll back.
import type { SnapshotMeta } from '../types.ts';
import type { Target } from './target.ts';
import { CitydashError } from '../errors.ts';

export const MANIFEST_PATH = '_citydash/manifest.json';
export const cyclePath = (cycle: string) => `_citydash/cycles/${cycle}.json`;
/** Every published manifest is also kept by cycle, so `rollback --to CYCLE` can republish it. */
export const manifestHistoryPath = (cycle: string) => `_citydash/manifests/${cycle}.json`;
/** Canonical validated rows of a dataset, content-addressed so old cycles keep theirs. */
export const snapshotPath = (id: string, hash: string) => `_citydash/snapshots/${id}.${hash.slice(0, 16)}.ndjson`;
/**
 * A copy of every published page/feed (any file whose name is not content-hashed), by content
 * hash: pages are overwritten in place, so rollback restores them from here.
 */
export const blobPath = (sha256: string) => `_citydash/blobs/${sha256}`;
export const LOCK_PATH = '_citydash/lock.json';
/** Paths an interrupted publish may have written, so the next run re-checks them. */
export const PENDING_PATH = '_citydash/pending.json';

export interface ManifestFile {
  hash: string;
  size: number;
}

export interface ManifestDataset {
  /** Site path of the canonical rows (see snapshotPath). */
  snapshot: string;
  meta: SnapshotMeta;
  /** When the content (hash) last changed: the basis of freshness, not when we last ran. */
  changedAt: string;
}

export interface Manifest {
  version: 1;
  cycle: string;
  publishedAt: string;
  previousCycle?: string;
  files: Record<string, ManifestFile>;
  datasets: Record<string, ManifestDataset>;
  /** Paths no longer referenced, with when they stopped being referenced (grace-period deletes). */
  retired: Record<string, string>;
  /** Cycle ids published so far, oldest first (bounded). */
  cycles: string[];
  /** Set when this manifest was republished by `citydash rollback`. */
  rollback?: { to: string; from?: string };
}

export class ManifestError extends CitydashError {
  constructor(target: string, detail: string) {
    super(`${target}/${MANIFEST_PATH}`, detail);
    this.name = 'ManifestError';
  }
}

/** The target's current manifest and its etag (for the conditional write), or null on a first cycle. */
export async function readManifest(target: Target, path = MANIFEST_PATH): Promise<{ manifest: Manifest; etag?: string } | null> {
  const got = await target.get(path);
  if (!got) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(got.body));
  } catch (err) {
    throw new ManifestError(target.name, `not valid JSON (${(err as Error).message})`);
  }
  const m = parsed as Partial<Manifest>;
  if (m.version !== 1 || typeof m.cycle !== 'string' || typeof m.files !== 'object' || typeof m.datasets !== 'object') {
    throw new ManifestError(target.name, 'not a citydash manifest (version 1 with cycle, files and datasets)');
  }
  return { manifest: { retired: {}, cycles: [], ...m } as Manifest, etag: got.etag };
}
