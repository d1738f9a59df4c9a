import { access } from 'node:fs/promises';
import type { DatasetDescriptor, SnapshotMeta } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { MissingSourceError } from './errors.ts';
import { readSnapshotMeta } from './snapshot.ts';

/** The sources of one derived dataset as they stand this cycle. */
export interface SourceState {
  metas: Record<string, SnapshotMeta>;
  /** Set when any source is last good data: the derived dataset inherits it. */
  stale?: { since: string; reason: string };
  /** Any source is bundled sample data, so the result is sample data too. */
  sample: boolean;
  /** The latest Last-Modified among the sources, as the source sent it. */
  lastModified?: string;
  /** When the newest of the sources was fetched: a derived dataset is as recent as its inputs. */
  fetchedAt?: string;
}

/**
 * Check every `from` dataset has a snapshot to compute from. `failed` holds datasets that
 * failed earlier in this run, so the message says why rather than just "not found".
 */
export async function resolveSources(
  ds: DatasetDescriptor,
  catalogIds: ReadonlySet<string>,
  work: WorkDir,
  failed: ReadonlyMap<string, string>,
): Promise<SourceState> {
  const metas: Record<string, SnapshotMeta> = {};
  const staleParts: string[] = [];
  let since: string | undefined;
  let sample = false;
  let lastModified: string | undefined;
  let fetchedAt: string | undefined;
  for (const src of new Set(ds.from ?? [])) {
    if (!catalogIds.has(src)) throw new MissingSourceError(ds, src, 'is not a dataset in the catalog');
    const meta = await readSnapshotMeta(work, src);
    const rowsThere = meta !== null && (await access(work.rows(src)).then(() => true, () => false));
    if (!meta || !rowsThere) {
      const why = failed.get(src);
      throw new MissingSourceError(
        ds,
        src,
        why ? `failed this cycle and has no last good snapshot (${why})` : `has no validated snapshot (${meta ? work.rows(src) : work.meta(src)} not found); fetch and validate it first`,
      );
    }
    metas[src] = meta;
    if (meta.stale) {
      staleParts.push(`source ${JSON.stringify(src)} is stale since ${meta.stale.since}: ${meta.stale.reason}`);
      if (!since || meta.stale.since < since) since = meta.stale.since;
    }
    sample ||= Boolean(meta.fetch?.sample);
    const lm = meta.fetch?.lastModified;
    if (lm && !Number.isNaN(Date.parse(lm)) && (!lastModified || Date.parse(lm) > Date.parse(lastModified))) lastModified = lm;
    const at = meta.fetch?.fetchedAt;
    if (at && (!fetchedAt || at > fetchedAt)) fetchedAt = at;
  }
  return { metas, sample, lastModified, ...(fetchedAt ? { fetchedAt } : {}), ...(since ? { stale: { since, reason: staleParts.join('; ') } } : {}) };
}
