// Runs an upload plan stage by stage (docs/architecture.md §5): every hashed asset and data file is on the
// target before the first page that links it, every page before the feeds, and the manifest last.
// Within a stage uploads run in a bounded pool.
import { readFile } from 'node:fs/promises';
import type { Logger } from '../types.ts';
import { STAGES } from './cache-policy.ts';
import type { HeldLock } from './lock.ts';
import type { PlannedUpload } from './plan.ts';
import { runPool } from '../pool.ts';
import type { Target } from './target.ts';

export interface UploadOptions {
  concurrency: number;
  lock: HeldLock | null;
  log: Logger;
}

export interface UploadTotals {
  objects: number;
  bytes: number;
}

export async function uploadStages(target: Target, uploads: PlannedUpload[], opts: UploadOptions): Promise<UploadTotals> {
  const totals: UploadTotals = { objects: 0, bytes: 0 };
  if (uploads.length === 0) return totals;
  const progress = opts.log.progress(`upload to ${target.name}`, uploads.length);
  try {
    for (const stage of STAGES) {
      const items = uploads.filter((u) => u.stage === stage);
      if (items.length === 0) continue;
      // Pages the target does not have yet go up before the pages that may link them, so a
      // reader following a link from a rewritten page never lands on a page not yet written.
      const phases = stage === 'pages' ? [items.filter(firstWritten), items.filter((u) => !firstWritten(u))] : [items];
      for (const phase of phases.filter((p) => p.length > 0)) await uploadPhase(target, stage, phase, opts, totals, progress);
    }
  } finally {
    progress.done();
  }
  return totals;
}

const firstWritten = (u: PlannedUpload) => u.reason === 'new' || u.reason === 'missing';

async function uploadPhase(target: Target, stage: string, items: PlannedUpload[], opts: UploadOptions, totals: UploadTotals, progress: { tick(): void }): Promise<void> {
  // A publisher that lost its lock must not write one more page.
  await opts.lock?.verify();
  opts.log.debug(`${target.name}: stage ${stage}: ${items.length} objects`);
  await runPool(items, opts.concurrency, async (u) => {
    // Before each write: a publisher that stalled past its lock's expiry finds out here.
    await opts.lock?.keepAlive();
    const body = u.body ?? new Uint8Array(await readFile(u.source as string));
    await target.put(u.path, body, { contentType: u.contentType, cacheControl: u.cacheControl });
    totals.objects++;
    totals.bytes += body.byteLength;
    progress.tick();
  });
}
