// The change log of one cycle, as stored at `_citydash/cycles/<cycle>.json` on the target. Pages,
// feeds, CI summaries and `citydash diff` are all rendered from this record, so it carries the
// titles it needs (a dataset removed from the catalog later still reads well in old entries).
// The types live here, beside types.ts, because the cycle writes this record and the site reads it.
import type { DataPeriod, Grain } from './period.ts';
import type { Cadence, ColumnType, FetchInfo, Localized, Row, Value } from './types.ts';

export type FreshnessStatus = 'fresh' | 'due' | 'overdue' | 'failed';

export interface Freshness {
  status: FreshnessStatus;
  cadence: Cadence;
  /** The earlier of changedAt and the source's Last-Modified (ISO), null without data. */
  lastChange: string | null;
  /** When the next update is expected: one period after lastChange. */
  nextDue: string | null;
  /** From when the dataset is overdue: nextDue plus a quarter of a period. */
  overdueSince: string | null;
  /** How late it is, counted from nextDue (due and overdue only). */
  lateByMs: number | null;
  /**
   * The newest period in the data (period.ts periodKey: 2026-11-27, 2026-11, 2026-Q3, 2026) and
   * where it was read; absent in logs written before datasets declared `time`.
   */
  period?: { grain: Grain; latest: string; basis: DataPeriod['basis'] } | null;
  /** When data for the period after the newest one is expected (the data rule); null without one. */
  dataDue?: string | null;
  /**
   * Which rule set nextDue: the content's last change, the data's newest period, or (derived
   * datasets) a less fresh `input` dataset it is computed from.
   */
  basis?: 'content' | 'data' | 'input' | null;
  input?: string;
}

export interface ColumnRetype {
  column: string;
  before: ColumnType;
  after: ColumnType;
}

/** How the data got into this cycle: the fetch outcome, or derived / skipped (`--only`). */
export type FetchOutcome = FetchInfo['outcome'] | 'derived' | 'skipped';

/** What happened to a dataset's published content. */
export type ContentChange = 'new' | 'changed' | 'unchanged' | 'removed' | 'unavailable';

export interface LoggedDiff {
  added: number;
  removed: number;
  revised: number;
  revisedByColumn: Record<string, number>;
  columns: { added: string[]; removed: string[]; retyped: ColumnRetype[] };
  /** Bounded samples (the counts are exact). */
  sample: {
    added: Row[];
    removed: Row[];
    revised: Array<{ key: Row; changes: Array<{ column: string; before: Value; after: Value }> }>;
  };
  warnings: string[];
}

export interface DatasetLog {
  id: string;
  title: Localized;
  department: Localized;
  cadence: Cadence;
  primaryKey: string[];
  derived: boolean;
  change: ContentChange;
  fetch: { outcome: FetchOutcome; source?: string; lastModified?: string; error?: string; sample?: boolean } | null;
  validation: { status: 'ok' | 'failed'; rowsRead: number; valid: number; rejected: number; duplicates: number; districtsUnmatched: number; error?: string } | null;
  /** This cycle's failure, if any: which stage and why. */
  failed: { stage: 'catalog' | 'fetch' | 'validate' | 'transform'; reason: string } | null;
  /** Set when the published data is last good data carried over (own failure or a stale source). */
  stale: { since: string; reason: string } | null;
  rows: { before: number | null; after: number | null };
  diff: LoggedDiff | null;
  freshness: Freshness;
  /** When the content last changed (manifest changedAt). */
  changedAt: string | null;
  /** The source's Last-Modified for the content now published. */
  lastModified: string | null;
  /** Column titles, for readable words about revised columns. */
  columnTitles: Record<string, Localized>;
}

export interface IndicatorPoint {
  time: string | number;
  value: number;
}

export interface IndicatorLog {
  chart: string;
  title: Localized;
  dataset: string;
  column: string;
  columnTitle: Localized;
  unit: string | null;
  /** The grain its times are periods of (the dataset's `time`), absent in older logs. */
  grain?: Grain | null;
  before: IndicatorPoint | null;
  after: IndicatorPoint | null;
}

export interface CycleCounts {
  datasets: number;
  changed: number;
  new: number;
  unchanged: number;
  removed: number;
  /** Failed this cycle (fetch, validate or transform). */
  failed: number;
  /** Publishing last good data (failed, or built from a stale source). */
  stale: number;
  due: number;
  overdue: number;
  /** Charts left out or broken this cycle. */
  chartsFailed: number;
}

export interface CycleLog {
  kind: 'cycle';
  version: 1;
  id: string;
  /** When the cycle ran (ISO). */
  at: string;
  /** The cycle this one is compared with; null on a first publish. */
  previous: string | null;
  counts: CycleCounts;
  datasets: DatasetLog[];
  indicators: IndicatorLog[];
  charts: Array<{ id: string; title: Localized; reason: string }>;
  /** Catalog problems (errors) that kept datasets or charts out of this cycle. */
  problems: string[];
}

/** What `citydash rollback` records (publish owner, pipeline/publish/rollback.ts). */
export interface RollbackLog {
  kind: 'rollback';
  id: string;
  to: string;
  from: string;
  at: string;
}

export type HistoryEntry = CycleLog | RollbackLog;
