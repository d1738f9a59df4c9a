// The change log of one cycle (log-types.ts): per dataset by primary key via diffSnapshots, its
// fetch and validation outcome, failure and staleness, freshness; per chart indicator the latest
// value before and after. Written to `_citydash/cycles/<cycle>.json` and rendered from there.
import type { Manifest } from '../publish/index.ts';
import type { DerivedOutcome } from '../transform/index.ts';
import type { Catalog, DatasetDescriptor, Localized, SnapshotMeta, ValidationReport } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { diffSnapshots, type DatasetDiff } from './diff.ts';
import { freshness } from './freshness.ts';
import { dataPeriodOf } from '../period.ts';
import type { CycleCounts, CycleLog, DatasetLog, HistoryEntry, IndicatorLog, LoggedDiff } from '../cycle-log.ts';
import type { SourceOutcome } from './refresh.ts';
import { heldLog, removedLog } from './absent-datasets.ts';
import { inheritFreshness } from './inherit-freshness.ts';

export const LOG_SAMPLE_SIZE = 10;

export interface ChangelogInput {
  catalog: Catalog;
  cycle: string;
  at: Date;
  base: Manifest | null;
  work: WorkDir;
  /** The snapshots in the work dir after transform, by dataset id. */
  snapshots: Record<string, SnapshotMeta>;
  sources: SourceOutcome[];
  derived: DerivedOutcome[];
  /** changedAt per dataset with data (freshness.ts changedAtFor). */
  changedAt: Record<string, string>;
  /** The published rows of a dataset, for the diff; null when unreadable. */
  publishedRows(id: string): Promise<string | null>;
  indicators: IndicatorLog[];
  history: HistoryEntry[];
  /** Catalog errors, formatted (`file:line:col: message`). */
  problems: string[];
  /**
   * Published datasets whose descriptor is refused this cycle but whose last good data is kept,
   * stale (hold-refused.ts): their kept snapshot's meta, by id. Logged as failed at the catalog,
   * with their data, not as removed.
   */
  held?: Record<string, SnapshotMeta>;
  sampleSize?: number;
}

const GU_TITLES: Record<string, Localized> = {
  gu_code: { ko: '구 코드', en: 'Gu code' },
  gu_ko: { ko: '구', en: 'Gu (Korean)' },
  gu_en: { ko: '구 (영어)', en: 'Gu' },
};

function validationOf(r: ValidationReport | null | undefined): DatasetLog['validation'] {
  if (!r) return null;
  const { status, rowsRead, valid, rejected, duplicates, districtsUnmatched, error } = r;
  return { status, rowsRead, valid, rejected, duplicates, districtsUnmatched, ...(error ? { error } : {}) };
}

function loggedDiff(d: DatasetDiff): LoggedDiff {
  return {
    added: d.rows.added,
    removed: d.rows.removed,
    revised: d.rows.revised,
    revisedByColumn: d.revisedByColumn,
    columns: d.columns,
    sample: { added: d.sample.added, removed: d.sample.removed, revised: d.sample.revised },
    warnings: d.warnings,
  };
}

function columnTitles(ds: DatasetDescriptor, diff: LoggedDiff | null): Record<string, Localized> {
  const names = new Set<string>([...ds.primaryKey]);
  if (diff) {
    for (const c of Object.keys(diff.revisedByColumn)) names.add(c);
    for (const c of [...diff.columns.added, ...diff.columns.removed]) names.add(c);
    for (const r of diff.columns.retyped) names.add(r.column);
  }
  const out: Record<string, Localized> = {};
  for (const n of names) out[n] = ds.columns[n]?.title ?? GU_TITLES[n] ?? { ko: n, en: n };
  return out;
}

const sameColumns = (a: SnapshotMeta, b: SnapshotMeta) => JSON.stringify(Object.entries(a.columns).sort()) === JSON.stringify(Object.entries(b.columns).sort());

async function datasetLog(ds: DatasetDescriptor, input: ChangelogInput): Promise<DatasetLog> {
  const after = input.snapshots[ds.id] ?? null;
  const published = input.base?.datasets[ds.id];
  const src = input.sources.find((s) => s.id === ds.id);
  const der = input.derived.find((d) => d.id === ds.id);
  let change: DatasetLog['change'];
  let diff: LoggedDiff | null = null;
  if (!after) change = 'unavailable';
  else if (!published) change = 'new';
  else if (published.meta.hash === after.hash && sameColumns(published.meta, after)) change = 'unchanged';
  else {
    const rows = await input.publishedRows(ds.id);
    if (rows) {
      const d = await diffSnapshots({ rows, meta: published.meta }, { rows: input.work.rows(ds.id), meta: after }, ds.primaryKey, { sampleSize: input.sampleSize ?? LOG_SAMPLE_SIZE });
      diff = loggedDiff(d);
      change = d.unchanged ? 'unchanged' : 'changed';
    } else {
      change = 'changed';
    }
  }
  const failed: DatasetLog['failed'] = src?.failed ?? (der?.status === 'failed' ? { stage: 'transform', reason: der.reason ?? 'failed' } : null);
  const fetch: DatasetLog['fetch'] = src
    ? { outcome: src.outcome, ...(src.fetch ? { source: src.fetch.source, sample: src.fetch.sample, ...(src.fetch.lastModified ? { lastModified: src.fetch.lastModified } : {}), ...(src.fetch.error ? { error: src.fetch.error } : {}) } : {}) }
    : ds.sql ? { outcome: 'derived' } : null;
  const changedAt = input.changedAt[ds.id] ?? null;
  const lastModified = after?.fetch?.lastModified ?? null;
  // Rows whose period cannot be read leave the period unknown; freshness then goes by content alone.
  const period = after && ds.time ? await dataPeriodOf(ds.time, input.work.rows(ds.id), after.fetch?.fetchedAt).catch(() => null) : null;
  return {
    id: ds.id,
    title: ds.title,
    department: { ko: ds.department.ko, en: ds.department.en },
    cadence: ds.update.every,
    primaryKey: ds.primaryKey,
    derived: Boolean(ds.sql),
    change,
    fetch,
    validation: validationOf(src?.report ?? der?.report),
    failed,
    stale: after?.stale ?? null,
    rows: { before: published?.meta.rows ?? null, after: after?.rows ?? null },
    diff,
    freshness: freshness({ every: ds.update.every, changedAt, lastModified, data: ds.time ? { period, lag: ds.time.lag } : null }, input.at),
    changedAt,
    lastModified,
    columnTitles: columnTitles(ds, diff),
  };
}

export function countLog(datasets: DatasetLog[], chartsFailed: number): CycleCounts {
  const n = (f: (d: DatasetLog) => boolean) => datasets.filter(f).length;
  const present = datasets.filter((d) => d.change !== 'removed');
  return {
    datasets: present.length,
    changed: n((d) => d.change === 'changed'),
    new: n((d) => d.change === 'new'),
    unchanged: n((d) => d.change === 'unchanged'),
    removed: n((d) => d.change === 'removed'),
    failed: n((d) => d.failed !== null),
    stale: n((d) => d.stale !== null),
    due: present.filter((d) => d.freshness.status === 'due').length,
    overdue: present.filter((d) => d.freshness.status === 'overdue').length,
    chartsFailed,
  };
}

export async function buildCycleLog(input: ChangelogInput): Promise<CycleLog> {
  const datasets: DatasetLog[] = [];
  for (const ds of input.catalog.datasets) datasets.push(await datasetLog(ds, input));
  inheritFreshness(input.catalog, datasets);
  const ids = new Set(input.catalog.datasets.map((d) => d.id));
  for (const [id, published] of Object.entries(input.base?.datasets ?? {})) {
    if (ids.has(id)) continue;
    const kept = input.held?.[id];
    datasets.push(kept ? heldLog(id, published, kept, input) : removedLog(id, published, input));
  }
  return {
    kind: 'cycle',
    version: 1,
    id: input.cycle,
    at: input.at.toISOString(),
    previous: input.base?.cycle ?? null,
    counts: countLog(datasets, 0),
    datasets,
    indicators: input.indicators,
    charts: [],
    problems: input.problems,
  };
}

/** Charts that failed in the build, added once the build has run. */
export function withChartFailures(log: CycleLog, failures: Array<{ id: string; message: string }>, catalog: Catalog): CycleLog {
  const charts = new Map(catalog.charts.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const failed = failures.filter((f) => charts.has(f.id) && !seen.has(f.id) && seen.add(f.id)).map((f) => ({ id: f.id, title: charts.get(f.id)!.title, reason: f.message }));
  return { ...log, charts: failed, counts: { ...log.counts, chartsFailed: failed.length } };
}
