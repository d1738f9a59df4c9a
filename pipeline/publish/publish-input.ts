// Checks on what publishSite is given, before anything is written.
import { CitydashError, quote } from '../errors.ts';
import { MANIFEST_PATH, type Manifest, type ManifestDataset, type ManifestFile } from './manifest.ts';
import { normalizeEtag, PreconditionFailedError, type TargetObject } from './target.ts';

export class PublishInputError extends CitydashError {
  constructor(where: string, detail: string) {
    super(where, detail);
    this.name = 'PublishInputError';
  }
}

/** Cycle ids become object keys (`_citydash/cycles/<id>.json`): no slashes, no surprises. */
export const CYCLE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

export function checkPublishInput(input: { cycle: string; graceDays?: number; concurrency?: number }): { graceDays: number; concurrency: number } {
  if (!CYCLE_ID.test(input.cycle)) throw new PublishInputError('cycle', `${quote(input.cycle)} is not a cycle id (letters, digits, ".", "_", "-"; e.g. 2026-11-28T2100Z)`);
  const graceDays = input.graceDays ?? 7;
  if (!Number.isFinite(graceDays) || graceDays < 0) throw new PublishInputError('--grace-days', `${quote(input.graceDays)} is not a number of days (0 or more)`);
  const concurrency = input.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new PublishInputError('--concurrency', `${quote(input.concurrency)} is not a whole number from 1 to 64`);
  return { graceDays, concurrency };
}

type Read = { manifest: Manifest; etag?: string } | null;

/** The manifest the cycle started from must still be the live one. */
export function assertSamePrevious(target: string, expected: Read, current: Read): void {
  const stop = (what: string) => new PreconditionFailedError(target, MANIFEST_PATH,
    `${target}: ${what} since this cycle read it; another publish ran meanwhile. Stopped without changing anything; re-run the cycle to build on the newer state.`);
  if (!expected && current) throw stop(`a manifest (cycle ${current.manifest.cycle}) appeared`);
  if (expected && !current) throw stop(`the manifest (cycle ${expected.manifest.cycle}) disappeared`);
  if (!expected || !current) return;
  const a = normalizeEtag(expected.etag);
  const b = normalizeEtag(current.etag);
  const same = a && b ? a === b : expected.manifest.cycle === current.manifest.cycle && expected.manifest.publishedAt === current.manifest.publishedAt;
  if (!same) throw stop(`the manifest changed from cycle ${expected.manifest.cycle} to ${current.manifest.cycle}`);
}

/**
 * A dataset whose snapshot is not in this build (last good data carried over on a disk-less CI
 * job) keeps the snapshot already on the target; one that is in neither place is an error.
 */
export function carrySnapshots(
  datasets: Record<string, ManifestDataset>,
  files: Record<string, ManifestFile>,
  previous: Manifest | null,
  listing: Map<string, TargetObject>,
  target: string,
): void {
  for (const [id, ds] of Object.entries(datasets)) {
    if (!ds.snapshot.startsWith('_citydash/snapshots/')) throw new PublishInputError(`dataset ${id}`, `snapshot path ${quote(ds.snapshot)} is not under _citydash/snapshots/`);
    if (files[ds.snapshot]) continue;
    const kept = previous?.files[ds.snapshot];
    if (kept && listing.has(ds.snapshot)) files[ds.snapshot] = kept;
    else throw new PublishInputError(`dataset ${id}`, `snapshot ${ds.snapshot} is neither in the built site nor on ${target}`);
  }
}

export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
