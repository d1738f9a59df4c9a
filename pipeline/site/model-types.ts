// The shape of everything the site templates read. Plain JSON-able data only: no functions,
// no Dates, no Uint8Arrays, so the model can be dumped, diffed and fed to Eleventy as global data.
import type { FeedbackItem, FeedbackRead } from '../feedback/index.ts';
import type { DataPeriod, Grain, Period } from '../period.ts';
import type { Cadence, ColumnType, FetchInfo, Lang, Localized, Value } from '../types.ts';
import type { Citation } from './cite.ts';
import type { SiteFeedbackLinks } from './feedback-links.ts';
import type { Strings } from './i18n.ts';

export type { SiteFeedbackLinks } from './feedback-links.ts';
export type { Citation } from './cite.ts';

export type PerLang<T> = Record<Lang, T>;

export interface SiteSettings {
  siteTitle: Localized;
  /** Absolute http(s) origin + path prefix, no trailing slash; absent when not configured. */
  baseUrl: string | null;
  repository: string | null;
  /** Where "propose a chart" points (CONTRIBUTING in the repository). */
  contributingUrl: string | null;
}

/** The office answerable for a dataset (office-level contacts only). */
export interface SiteContact {
  office: Localized;
  phone: string | null;
  /** A plain address (the page links it as mailto:). */
  email: string | null;
  url: string | null;
}

/** What a chart or dataset page shows under "feedback": the channels and the answered feedback. */
export interface SitePageFeedback {
  links: PerLang<SiteFeedbackLinks> | null;
  /** Feedback about this page that came in as GitHub issues, newest first. */
  items: FeedbackItem[];
}

/** The site-wide feedback: channels for the site as a whole, who reads it, and the log. */
export interface SiteFeedback {
  links: PerLang<SiteFeedbackLinks> | null;
  readBy: Localized | null;
  answerDays: number | null;
  /** The city's form, named (for the feedback page's list of channels). */
  formName: Localized | null;
  email: string | null;
  /** The repository feedback issues live in (https://github.com/o/r), when GitHub feedback is on. */
  repository: string | null;
  label: string | null;
  /** How this build came by the answered-feedback list (FeedbackRead.status). */
  status: FeedbackRead['status'];
  /** Why the list was not read this time (kept/none), as FeedbackKeptReason['kind']. */
  reason: string | null;
  /** When the list shown was read from GitHub (ISO). */
  readAt: string | null;
  items: FeedbackItem[];
}

export interface SiteColumn {
  name: string;
  type: ColumnType;
  unit: string | null;
  /** The unit in English (catalog/labels.ts), null when nothing translates it or there is none. */
  unitEn: string | null;
  /** Korean value -> English form for this column's values (catalog translation tables), null without. */
  labels: Readonly<Record<string, string>> | null;
  title: Localized;
  description: Localized | null;
  higherIsBetter: boolean | null;
  /** Part of the primary key (shown without digit grouping: years, codes). */
  key: boolean;
}

export interface SiteLicence {
  id: string;
  title: Localized;
  url: string | null;
}

export interface RejectionReason {
  rule: string;
  column: string;
  /** Occurrences in the bounded sample of the report (the totals are in `rejected`). */
  count: number;
  example: string;
  message: string;
}

export interface SiteValidation {
  status: 'ok' | 'failed';
  rowsRead: number;
  valid: number;
  rejected: number;
  duplicates: number;
  districtsUnmatched: number;
  /** Values of the district column that name no gu (roadside stations), in English when a table has them. */
  unmatchedDistrictValues: Array<{ value: string; count: number; en: string | null }>;
  reasons: RejectionReason[];
  error: string | null;
}

/** A file the site serves; path is site-root relative without a leading slash. */
export interface SiteFile {
  path: string;
  /** Name a browser saves it as (the `download` attribute). */
  saveAs: string;
}

export interface SiteDatasetDownloads {
  csv: SiteFile;
  json: SiteFile;
}

/** What period the data describes (period.ts): its grain, first and latest period, and how it was read. */
export type SitePeriod = DataPeriod;

export interface SiteDataset {
  id: string;
  title: Localized;
  description: Localized;
  department: { id: string; ko: string; en: string };
  licence: SiteLicence;
  homepage: string | null;
  cadence: Cadence;
  /** The descriptor's `time` (which column holds the period, its grain), null when not declared. */
  time: { column: string | null; grain: Grain } | null;
  /** The periods the published rows cover; null without `time` or data. */
  period: SitePeriod | null;
  /** When the source was last asked for this data (fetched datasets only; derived ones are computed). */
  checkedAt: string | null;
  columns: SiteColumn[];
  primaryKey: string[];
  /** False when no validated snapshot exists yet: the page says so and offers no downloads. */
  available: boolean;
  rows: number;
  validation: SiteValidation | null;
  fetch: FetchInfo | null;
  hash: string | null;
  schemaHash: string | null;
  sample: boolean;
  stale: { since: string; reason: string } | null;
  derived: { sql: string; from: string[] } | null;
  downloads: SiteDatasetDownloads | null;
  /** Ids of charts that read this dataset. */
  charts: string[];
  path: PerLang<string>;
  contact: SiteContact | null;
  keywords: PerLang<string[]>;
  /** Cycle and date of the data shown (feedback links, citation, downloads). */
  dataCycle: string;
  dataDate: string | null;
  feedback: SitePageFeedback;
  cite: PerLang<Citation>;
}

export interface SiteChartFiles {
  svg: SiteFile;
  png: SiteFile;
  vegaLite: SiteFile;
  vega: SiteFile;
  /** The phone layout's Vega spec, for the interactive view on narrow screens (when rendered). */
  vegaNarrow?: SiteFile;
}

export interface SiteChartRender {
  /**
   * Inline-ready SVG from our renderer, or null when it failed the inline check (then the page
   * shows the SVG file through <img>, which cannot run anything).
   */
  svg: string | null;
  /** The same chart laid out for a phone (legend below, fewer ticks); CSS shows one of the two. */
  narrowSvg: string | null;
  alt: { text: string; drafted: boolean };
  files: SiteChartFiles;
  cached: boolean;
}

/** A column of a data table (table.ts): how its values are shown in every row. */
export interface SiteTableColumn extends SiteColumn {
  /** Fraction digits every value of a number column is shown with; null for other columns. */
  digits: number | null;
  /** Date-like columns: the period each value names (2026-11-01 as Nov 2026 in a monthly dataset). */
  grain: Grain | null;
  /** The language whose pages leave this column out (gu_ko on English pages, gu_en on Korean ones). */
  hiddenIn: Lang | null;
}

/** The data table under a chart: every row of its dataset, up to table.ts TABLE_MAX_ROWS. */
export interface SitePreview {
  dataset: string;
  columns: SiteTableColumn[];
  rows: Value[][];
  /** Rows in the dataset (more than rows.length only past TABLE_MAX_ROWS). */
  total: number;
}

export interface SiteIndicatorPoint {
  time: string | number;
  value: number;
  /** The period of `time` when the dataset declares its grain. */
  period?: Period | null;
}

export interface SiteIndicator {
  dataset: string;
  column: string;
  /** What the number is: the column's title (PM2.5, 승차 인원). */
  measure: Localized;
  /** The one series shown (indicator.label: Line 2), null when the card shows the whole dataset. */
  label: Localized | null;
  /** The filter's values, for a card without a label: as written, and in English when a table has it. */
  filter: Array<{ value: string; en: string | null }>;
  unit: string | null;
  /** The unit in English (catalog unit words), null when nothing translates it. */
  unitEn: string | null;
  /** The dataset's grain: the card names periods in its words; null when the dataset declares none. */
  grain: Grain | null;
  time: string | number;
  period: Period | null;
  value: number;
  /** `previous`: the period before; `year-ago`: the same period a year earlier (seasonal data). */
  compare: 'previous' | 'year-ago';
  /** The point compared with, null when the data has no figure for that period. */
  previous: SiteIndicatorPoint | null;
  /** The period that should have been compared with but has no figure (says so on the card). */
  missing: Period | null;
  change: {
    delta: number;
    /** Relative change in percent, null when the previous value is 0 or the values are percentages. */
    percent: number | null;
    /** The values are percentages (unit %), so the delta is in percentage points. */
    points: boolean;
    direction: 'up' | 'down' | 'flat';
    /** better/worse only where the column says which way is better and the comparison means something. */
    meaning: 'better' | 'worse' | 'neutral';
  } | null;
  /** Last points of the series, oldest first. */
  series: SiteIndicatorPoint[];
  /** `points` attribute of a polyline in a 0 0 100 32 viewBox (numbers only). */
  sparkline: string;
  /** Several rows shared one time and were averaged (the card says so). */
  averaged: boolean;
}

export interface SiteChart {
  id: string;
  area: string;
  title: Localized;
  description: Localized;
  /** Who proposed it; `en` is null when the name has no English form (shown in Korean, lang="ko"). */
  proposedBy: { ko: string; en: string | null } | null;
  datasets: string[];
  departments: Array<{ id: string; ko: string; en: string }>;
  licences: SiteLicence[];
  /** Latest fetch time over its datasets (ISO), null when none has data. */
  updatedAt: string | null;
  /** What period the chart's data is as of: its first dataset's (the one it draws and tabulates). */
  period: SitePeriod | null;
  sample: boolean;
  /** Datasets of this chart that are stale, with since/reason. */
  stale: Array<{ dataset: string; since: string; reason: string }>;
  render: PerLang<SiteChartRender | null>;
  preview: SitePreview | null;
  indicator: SiteIndicator | null;
  path: PerLang<string>;
  embedPath: PerLang<string>;
  /** The iframe snippet a citizen copies (displayed escaped); null without a baseUrl (a relative one breaks when pasted). */
  embedCode: PerLang<string> | null;
  keywords: PerLang<string[]>;
  /** The office answerable for the chart's data (its first dataset that names one). */
  contact: SiteContact | null;
  /** Cycle and date of the data shown (feedback links, citation, downloads). */
  dataCycle: string;
  dataDate: string | null;
  feedback: SitePageFeedback;
  cite: PerLang<Citation>;
}

export interface SiteArea {
  id: string;
  title: Localized;
  charts: string[];
  /** Charts of this area with an indicator card, in page order. */
  indicators: string[];
}

export interface SiteDepartment {
  id: string;
  ko: string;
  en: string;
  datasets: string[];
  charts: string[];
}

/**
 * Filled by the cycle owner (issue 4). When present, every page links /<lang>/freshness/ (the
 * cycle owner's template builds it) and each dataset page shows the status (`text` if given).
 */
export interface SiteFreshness {
  datasets: Record<string, {
    status: 'fresh' | 'due' | 'overdue' | 'failed' | string;
    lastChange: string | null;
    nextDue: string | null;
    text?: Partial<PerLang<string>>;
    /** When the published content last changed: the instant of the cycle that published it. */
    changedAt?: string | null;
    [extra: string]: unknown;
  }>;
  /** Per chart, the least fresh of its datasets and their latest change (chart pages). */
  charts?: Record<string, { status: string; lastChange: string | null; text?: Partial<PerLang<string>>; [extra: string]: unknown }>;
  /** Datasets overdue against their cadence that did not fail this cycle (home page). */
  overdue?: string[];
  [extra: string]: unknown;
}

/** Filled by the cycle owner (issue 4): when present, every page links /<lang>/changes/. */
export interface SiteChanges {
  cycles: Array<{ id: string; at: string; [extra: string]: unknown }>;
  [extra: string]: unknown;
}

export interface SiteModel {
  version: 1;
  cycleId: string;
  builtAt: string;
  settings: SiteSettings;
  strings: PerLang<Strings>;
  datasets: SiteDataset[];
  charts: SiteChart[];
  areas: SiteArea[];
  /** Charts with a headline card, in home-page order: late data first (stale, overdue, due), then by area. */
  cards: string[];
  departments: SiteDepartment[];
  /** True when any dataset on the site is bundled sample data. */
  sample: boolean;
  freshness?: SiteFreshness;
  changes?: SiteChanges;
  feedback: SiteFeedback | null;
}
