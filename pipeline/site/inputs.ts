// Reads what the site needs from the work dir: each dataset's SnapshotMeta and, when present, its
// full validation report. A dataset with no snapshot yet is simply absent (its page says so);
// an unreadable file is a warning naming it, never a failed build.
import { readFile } from 'node:fs/promises';
import { readSnapshotMeta } from '../snapshot-store.ts';
import type { Catalog, Logger, SnapshotMeta, ValidationReport } from '../types.ts';
import type { WorkDir } from '../workdir.ts';

async function readJson<T>(file: string, log: Logger): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`${file}: ${(err as Error).message}`);
    return undefined;
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    log.warn(`${file}: not valid JSON (${(err as Error).message}); left out of the site`);
    return undefined;
  }
}

export async function readSiteInputs(
  catalog: Catalog,
  work: WorkDir,
  log: Logger,
): Promise<{ snapshots: Record<string, SnapshotMeta>; reports: Record<string, ValidationReport> }> {
  const snapshots: Record<string, SnapshotMeta> = {};
  const reports: Record<string, ValidationReport> = {};
  for (const ds of catalog.datasets) {
    const meta = await readSnapshotMeta(work, ds.id).catch((err: Error) => {
      log.warn(`${err.message}; left out of the site`);
      return null;
    });
    if (meta) snapshots[ds.id] = meta;
    const report = await readJson<ValidationReport>(work.report(ds.id), log);
    if (report) reports[ds.id] = report;
  }
  return { snapshots, reports };
}
