// publishSite: the built site onto a target, atomic for readers (docs/architecture.md §4, §5).
//   lock -> previous manifest, listing, journal -> plan -> journal -> uploads by stage ->
//   expired deletes -> manifest history -> manifest (conditional, last) -> unlock -> purge
// A run that dies anywhere before the manifest leaves the previous site live and whole; the
// next run re-plans against the same manifest and uploads only what is still missing.
import type { Effects } from '../types.ts';
import { acquireLock, type HeldLock, type LockOptions } from './lock.ts';
import { PENDING_PATH, readManifest, type Manifest, type ManifestDataset, type ManifestFile } from './manifest.ts';
import { clearPending, readPending, writePending } from './pending.ts';
import { manifestUploads, writeManifest } from './manifest-write.ts';
import { planUploads, type PlannedUpload } from './plan.ts';
import { runPurge, type PurgeHook, type PurgeOutcome } from './purge.ts';
import { assertSamePrevious, carrySnapshots, checkPublishInput, sortKeys } from './publish-input.ts';
import { formatPlan } from './plan-summary.ts';
import { referencedPaths, retire } from './retire.ts';
import { resilient, type RetryOptions } from './retry.ts';
import { scanSite } from './site-files.ts';
import type { Target } from './target.ts';
import { uploadStages } from './upload.ts';

export interface PublishInput {
  siteDir: string;
  target: Target;
  cycle: string;
  datasets: Record<string, ManifestDataset>;
  now: Date;
  /** Days a file no longer referenced stays on the target (default 7). */
  graceDays?: number;
  dryRun?: boolean;
  /** Parallel uploads (default 8). */
  concurrency?: number;
  purge?: PurgeHook | null;
  /**
   * The manifest the cycle read when it started (undefined: read it here). If the target's
   * manifest is no longer this one, another publish happened meanwhile and this one stops.
   */
  previous?: { manifest: Manifest; etag?: string } | null;
  lock?: LockOptions;
  retry?: RetryOptions;
}

export interface PublishResult {
  target: string;
  cycle: string;
  previousCycle: string | null;
  dryRun: boolean;
  /** Files in the built site. */
  files: number;
  /** Objects written (or, in a dry run, that would be), in upload order. */
  uploads: Array<Pick<PlannedUpload, 'path' | 'size' | 'stage' | 'reason'>>;
  uploadedObjects: number;
  uploadedBytes: number;
  unchanged: number;
  alreadyOnTarget: number;
  retired: string[];
  unretired: string[];
  deleted: string[];
  /** Site paths of changed pages, feeds and other unhashed files. */
  changedPages: string[];
  purge: PurgeOutcome | null;
  manifest: Manifest;
}

/** How many cycle ids a manifest keeps in `cycles`. */
const MAX_CYCLES = 1000;

export async function publishSite(input: PublishInput, effects: Effects): Promise<PublishResult> {
  const { graceDays, concurrency } = checkPublishInput(input);
  const log = effects.log;
  const target = resilient(input.target, input.retry ?? {}, log);
  const files = await scanSite(input.siteDir);
  const lock: HeldLock | null = input.dryRun ? null : await acquireLock(target, `publish ${input.cycle}`, input.lock ?? {}, effects);
  let result: PublishResult;
  try {
    const current = await readManifest(target);
    if (input.previous !== undefined) assertSamePrevious(target.name, input.previous, current);
    const prev = current?.manifest ?? null;
    const listing = new Map((await target.list()).map((o) => [o.path, o]));
    const pending = await readPending(target);
    const plan = planUploads({ files, previous: prev, listing, pending });

    const newFiles: Record<string, ManifestFile> = {};
    for (const f of files) newFiles[f.path] = { hash: f.sha256, size: f.size };
    carrySnapshots(input.datasets, newFiles, prev, listing, target.name);
    const orphans = (pending?.paths ?? []).filter((p) => listing.has(p));
    const ret = retire({
      previousRefs: prev ? referencedPaths(prev.files) : new Set(),
      previousRetired: prev?.retired ?? {},
      newRefs: referencedPaths(newFiles),
      orphans,
      now: input.now,
      graceDays,
    });

    const republish = prev?.cycle === input.cycle;
    const manifest: Manifest = {
      version: 1,
      cycle: input.cycle,
      publishedAt: input.now.toISOString(),
      ...(prev ? { previousCycle: republish ? prev.previousCycle : prev.cycle } : {}),
      files: sortKeys(newFiles),
      datasets: sortKeys(input.datasets),
      retired: ret.retired,
      cycles: [...(prev?.cycles ?? []).filter((c) => c !== input.cycle), input.cycle].slice(-MAX_CYCLES),
    };
    if (manifest.previousCycle === undefined) delete manifest.previousCycle;
    result = {
      target: target.name,
      cycle: input.cycle,
      previousCycle: prev?.cycle ?? null,
      dryRun: Boolean(input.dryRun),
      files: files.length,
      uploads: [...plan.uploads, ...manifestUploads(manifest)].map(({ path, size, stage, reason }) => ({ path, size, stage, reason })),
      uploadedObjects: 0,
      uploadedBytes: 0,
      unchanged: plan.unchanged,
      alreadyOnTarget: plan.alreadyOnTarget,
      retired: ret.newlyRetired,
      unretired: ret.unretired,
      deleted: ret.expired,
      changedPages: plan.changedPages,
      purge: null,
      manifest,
    };
    if (input.dryRun) {
      for (const line of formatPlan(result, graceDays)) log.info(line);
      return result;
    }

    // Journal first: if this run dies, the next one knows which paths may hold its bytes.
    // Change-log files alone need none: they are new per cycle and kept for good.
    const journal = plan.uploads.some((u) => u.stage !== 'state');
    if (journal) {
      const paths = [...new Set([...(pending?.paths ?? []), ...plan.uploads.map((u) => u.path)])].sort();
      await writePending(target, { cycle: input.cycle, startedAt: input.now.toISOString(), paths });
    }
    const totals = await uploadStages(target, plan.uploads, { concurrency, lock, log });

    // Retired past the grace period: referenced by neither the live manifest nor the new one.
    result.deleted = [];
    if (ret.expired.length) {
      try {
        await target.delete(ret.expired);
        for (const p of ret.expired) delete manifest.retired[p];
        result.deleted = ret.expired;
      } catch (err) {
        log.warn(`could not delete ${ret.expired.length} retired files (kept for the next run): ${(err as Error).message}`);
      }
    }

    await lock?.verify();
    const { history, live } = await writeManifest(target, manifest, current);
    result.uploadedObjects = totals.objects + 2;
    result.uploadedBytes = totals.bytes + history.size + live.size;
    result.uploads = [...plan.uploads, history, live].map(({ path, size, stage, reason }) => ({ path, size, stage, reason }));
    if (pending || journal) {
      await clearPending(target).catch((err: Error) => log.warn(`could not remove ${PENDING_PATH} (${err.message}); the next publish re-checks its paths`));
    }
    log.info(`published ${input.cycle} to ${target.name}: ${result.uploadedObjects} objects written (${totals.bytes.toLocaleString('en-US')} bytes of site files), ${plan.unchanged} unchanged, ${ret.newlyRetired.length} retired, ${result.deleted.length} deleted`);
  } finally {
    await lock?.release();
  }
  // After the manifest and the lock: a purge that fails cannot undo the publish.
  if (input.purge && result.changedPages.length) {
    result.purge = await runPurge(input.purge, result.changedPages, { cycle: input.cycle, effects });
  }
  return result;
}
