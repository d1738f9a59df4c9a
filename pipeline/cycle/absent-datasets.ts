// Change-log entries of published datasets that are not in this cycle's catalog: removed (the
// descriptor file is gone) or held (the descriptor is refused, the last good data kept, stale).
import type { Manifest } from '../publish/index.ts';
import type { SnapshotMeta } from '../types.ts';
import type { DatasetLog } from '../cycle-log.ts';
import type { ChangelogInput } from './changelog.ts';
import { freshness, type Freshness } from './freshness.ts';

/**
 * A published dataset whose descriptor is refused: it keeps its data, stale, so the log says it
 * failed at the catalog (the refusal, file:line:col) and when it went stale, not that it left.
 */
export function heldLog(id: string, published: Manifest['datasets'][string], kept: SnapshotMeta, input: ChangelogInput): DatasetLog {
  const gone = removedLog(id, published, input);
  const lastModified = kept.fetch?.lastModified ?? null;
  return {
    ...gone,
    change: 'unchanged',
    failed: { stage: 'catalog', reason: kept.stale?.reason.replace(/^descriptor refused: /, '') ?? gone.failed?.reason ?? 'descriptor refused' },
    stale: kept.stale ?? null,
    rows: { before: published.meta.rows, after: kept.rows },
    freshness: freshness({ every: gone.cadence, changedAt: published.changedAt, lastModified, data: null }, input.at),
    lastModified,
  };
}

/** A dataset published before but gone from the catalog (removed, or its descriptor broke). */
export function removedLog(id: string, published: Manifest['datasets'][string], input: ChangelogInput): DatasetLog {
  const earlier = input.history.flatMap((h) => (h.kind === 'cycle' ? h.datasets : [])).find((d) => d.id === id);
  const broken = input.problems.find((p) => p.includes(`/${id}.yaml:`) || p.startsWith(`${id}.yaml:`));
  const none: Freshness = { status: 'failed', cadence: earlier?.cadence ?? 'daily', lastChange: null, nextDue: null, overdueSince: null, lateByMs: null };
  return {
    id,
    title: earlier?.title ?? { ko: id, en: id },
    department: earlier?.department ?? { ko: '', en: '' },
    cadence: earlier?.cadence ?? 'daily',
    primaryKey: earlier?.primaryKey ?? [],
    derived: Boolean(published.meta.derived),
    change: 'removed',
    fetch: null,
    validation: null,
    failed: broken ? { stage: 'catalog', reason: broken } : null,
    stale: null,
    rows: { before: published.meta.rows, after: null },
    diff: null,
    freshness: none,
    changedAt: published.changedAt,
    lastModified: published.meta.fetch?.lastModified ?? null,
    columnTitles: {},
  };
}
