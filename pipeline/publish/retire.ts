// Files no longer referenced stay on the target for a grace period, so a page opened before the
// publish keeps loading its CSS, charts and downloads; only then are they deleted.
import { isContentHashed, isHistory } from './cache-policy.ts';
import { blobPath, type ManifestFile } from './manifest.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Pages and feeds are overwritten in place; a copy by content hash lets rollback restore them. */
export const needsBlob = (path: string) => !isContentHashed(path) && !path.startsWith('_citydash/');

/** Every object a manifest needs on the target: its files and the blobs of its mutable files. */
export function referencedPaths(files: Record<string, ManifestFile>): Set<string> {
  const out = new Set<string>();
  for (const [path, f] of Object.entries(files)) {
    out.add(path);
    if (needsBlob(path)) out.add(blobPath(f.hash));
  }
  return out;
}

export interface RetireInput {
  previousRefs: Set<string>;
  previousRetired: Record<string, string>;
  newRefs: Set<string>;
  /** Objects an interrupted publish left that no manifest references. */
  orphans: string[];
  now: Date;
  graceDays: number;
}

export interface RetireResult {
  /** The new manifest's `retired` (before deleting `expired`). */
  retired: Record<string, string>;
  newlyRetired: string[];
  unretired: string[];
  /** Retired longer than the grace period: delete now. */
  expired: string[];
}

export function retire(input: RetireInput): RetireResult {
  const stamp = input.now.toISOString();
  const retired: Record<string, string> = {};
  const newlyRetired: string[] = [];
  const unretired: string[] = [];
  for (const [path, since] of Object.entries(input.previousRetired)) {
    if (input.newRefs.has(path)) unretired.push(path);
    // An unreadable time restarts the grace period rather than deleting at once.
    else retired[path] = Number.isNaN(Date.parse(since)) ? stamp : since;
  }
  const add = (path: string) => {
    if (input.newRefs.has(path) || isHistory(path) || path in retired) return;
    retired[path] = stamp;
    newlyRetired.push(path);
  };
  for (const path of input.previousRefs) add(path);
  for (const path of input.orphans) if (!input.previousRefs.has(path)) add(path);
  const cutoff = input.now.getTime() - input.graceDays * DAY_MS;
  const expired = Object.entries(retired)
    .filter(([, since]) => !(Date.parse(since) > cutoff))
    .map(([path]) => path)
    .sort();
  return { retired, newlyRetired: newlyRetired.sort(), unretired: unretired.sort(), expired };
}
