import { access } from 'node:fs/promises';
import { writeFileAtomic } from '../atomic-write.ts';
import { writeSnapshotMeta } from '../snapshot-store.ts';
import type { SnapshotMeta, ValidationReport } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { readSnapshotMeta } from './snapshot.ts';

export async function writeMeta(work: WorkDir, meta: SnapshotMeta): Promise<void> {
  await writeSnapshotMeta(work, meta);
}

export async function writeReport(work: WorkDir, report: ValidationReport): Promise<void> {
  await writeFileAtomic(work.report(report.dataset), `${JSON.stringify(report, null, 2)}\n`);
}

/**
 * Keep a dataset's last good snapshot for this cycle and mark it stale (docs/architecture.md §1).
 * An already stale snapshot keeps its original `since`. Returns false when there is none.
 */
export async function keepLastGood(work: WorkDir, id: string, since: string, reason: string): Promise<boolean> {
  // No usable meta is no last good snapshot: the caller reports the dataset failed with its own reason.
  const meta = await readSnapshotMeta(work, id).catch(() => null);
  if (!meta) return false;
  const rowsThere = await access(work.rows(id)).then(() => true, () => false);
  if (!rowsThere) return false;
  await writeMeta(work, { ...meta, stale: { since: meta.stale?.since ?? since, reason } });
  return true;
}

/** A report for a derived dataset that failed before any row was validated. */
export function failedReport(id: string, error: string): ValidationReport {
  return {
    dataset: id,
    rowsRead: 0,
    valid: 0,
    rejected: 0,
    duplicates: 0,
    districtsUnmatched: 0,
    unmatchedDistrictValues: {},
    rejections: [],
    status: 'failed',
    error,
  };
}
