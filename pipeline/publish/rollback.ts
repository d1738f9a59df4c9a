// `citydash rollback --to CYCLE`: republish an earlier cycle's manifest. Hashed files are still
// at their paths within the grace period; pages and feeds were overwritten in place, so they are
// restored from their content-addressed copies (_citydash/blobs/). Refuses, changing nothing,
// when any file the old cycle needs is gone. The rollback is itself a cycle in the change log:
// `_citydash/cycles/<id>.json` says `{kind: 'rollback', to: CYCLE}`.
import type { Effects } from '../types.ts';
import { cacheControlFor, isHistory, SHORT, stageOf, STAGES } from './cache-policy.ts';
import { contentTypeFor } from './content-type.ts';
import { acquireLock, type LockOptions } from './lock.ts';
import { blobPath, cyclePath, manifestHistoryPath, readManifest, type Manifest } from './manifest.ts';
import { writeManifest } from './manifest-write.ts';
import { runPool } from '../pool.ts';
import { checkPublishInput } from './publish-input.ts';
import { runPurge, type PurgeHook, type PurgeOutcome } from './purge.ts';
import { needsBlob, referencedPaths, retire } from './retire.ts';
import { resilient, type RetryOptions } from './retry.ts';
import type { Target } from './target.ts';
import { CitydashError } from '../errors.ts';

export interface RollbackOptions {
  concurrency?: number;
  purge?: PurgeHook | null;
  lock?: LockOptions;
  retry?: RetryOptions;
}

export interface RollbackResult {
  target: string;
  /** The rollback's own cycle id, e.g. `2026-11-29T081500Z-rollback`. */
  cycle: string;
  to: string;
  from: string;
  /** Pages and feeds written back from their copies. */
  restored: string[];
  /** Files of the rolled-back-from cycle that the restored one does not have (deleted after the grace period). */
  retired: string[];
  purge: PurgeOutcome | null;
  manifest: Manifest;
}

export class RollbackError extends CitydashError {
  constructor(target: string, detail: string) {
    super(target, detail);
    this.name = 'RollbackError';
  }
}

export function rollbackId(now: Date): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z-rollback`;
}

export async function rollbackTo(target: Target, cycle: string, now: Date, effects: Effects, opts: RollbackOptions = {}): Promise<RollbackResult> {
  const { concurrency } = checkPublishInput({ cycle, concurrency: opts.concurrency });
  const t = resilient(target, opts.retry ?? {}, effects.log);
  const id = rollbackId(now);
  const lock = await acquireLock(t, `rollback to ${cycle}`, opts.lock ?? {}, effects);
  let result: RollbackResult;
  try {
    const current = await readManifest(t);
    if (!current) throw new RollbackError(t.name, 'nothing has been published here yet; there is no cycle to roll back to');
    const live = current.manifest;
    if (live.cycle === cycle || live.rollback?.to === cycle) throw new RollbackError(t.name, `cycle ${cycle} is already the live one`);
    const old = await readManifest(t, manifestHistoryPath(cycle));
    if (!old) {
      const known = live.cycles.slice(-10).reverse().join(', ');
      throw new RollbackError(t.name, `no published cycle ${JSON.stringify(cycle)} (no ${manifestHistoryPath(cycle)}); recent cycles: ${known || '(none)'}`);
    }
    const wanted = old.manifest;
    const listing = new Set((await t.list()).map((o) => o.path));
    const missing: string[] = [];
    const restore: Array<{ path: string; hash: string }> = [];
    for (const [path, f] of Object.entries(wanted.files)) {
      if (isHistory(path)) continue;
      const inPlace = live.files[path]?.hash === f.hash && listing.has(path);
      if (!needsBlob(path)) {
        if (!listing.has(path)) missing.push(path);
      } else if (!inPlace) {
        if (listing.has(blobPath(f.hash))) restore.push({ path, hash: f.hash });
        else missing.push(path);
      }
    }
    if (missing.length) {
      throw new RollbackError(t.name, `cannot roll back to ${cycle}: ${missing.length} of its files are gone from the target (deleted after the grace period), e.g. ${missing.slice(0, 3).join(', ')}; nothing was changed`);
    }

    for (const stage of STAGES) {
      const items = restore.filter((r) => stageOf(r.path, contentTypeFor(r.path)) === stage);
      if (!items.length) continue;
      await lock.verify();
      await runPool(items, concurrency, async (r) => {
        const blob = await t.get(blobPath(r.hash));
        if (!blob) throw new RollbackError(t.name, `${blobPath(r.hash)} (the copy of ${r.path}) disappeared during the rollback`);
        await t.put(r.path, blob.body, { contentType: contentTypeFor(r.path, blob.body), cacheControl: cacheControlFor(r.path) });
        await lock.keepAlive();
      });
    }

    // Nothing is deleted by a rollback: the files of the cycle rolled away from start their grace period.
    const ret = retire({
      previousRefs: referencedPaths(live.files),
      previousRetired: live.retired,
      newRefs: referencedPaths(wanted.files),
      orphans: [],
      now,
      graceDays: Number.POSITIVE_INFINITY,
    });
    const manifest: Manifest = {
      version: 1,
      cycle: id,
      publishedAt: now.toISOString(),
      previousCycle: live.cycle,
      files: wanted.files,
      datasets: wanted.datasets,
      retired: ret.retired,
      cycles: [...live.cycles.filter((c) => c !== id), id].slice(-1000),
      rollback: { to: cycle, from: live.cycle },
    };
    const entry = { kind: 'rollback', id, to: cycle, from: live.cycle, at: now.toISOString() };
    await t.put(cyclePath(id), new TextEncoder().encode(`${JSON.stringify(entry, null, 2)}\n`), { contentType: 'application/json; charset=utf-8', cacheControl: SHORT });
    await lock.verify();
    await writeManifest(t, manifest, current);
    effects.log.info(`rolled ${t.name} back from ${live.cycle} to ${cycle} (${restore.length} pages restored); recorded as ${id}`);
    result = { target: t.name, cycle: id, to: cycle, from: live.cycle, restored: restore.map((r) => r.path).sort(), retired: ret.newlyRetired, purge: null, manifest };
  } finally {
    await lock.release();
  }
  if (opts.purge && result.restored.length) result.purge = await runPurge(opts.purge, result.restored, { cycle: id, effects });
  return result;
}
