// The contracts between stages. A cycle flows one way:
//   catalog -> extract -> validate -> transform -> render -> site -> publish
// Each stage takes typed input, options and the injected `Effects`, so tests run it
// silently against temp directories and loopback servers.

import type { TimeSpec } from './period.ts';
import type { WorkDir } from './workdir.ts';

export type Lang = 'ko' | 'en';
export const LANGS: readonly Lang[] = ['ko', 'en'];
export interface Localized {
  ko: string;
  en: string;
}

export type Cadence = 'hourly' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';
export type ColumnType = 'string' | 'integer' | 'number' | 'date' | 'datetime' | 'boolean';
export type Format = 'csv' | 'xlsx' | 'json';
export type Encoding = 'auto' | 'utf-8' | 'cp949' | 'euc-kr' | 'utf-16le' | 'utf-16be';

export interface ColumnSpec {
  /** Raw headers that map to this canonical column (first match wins). */
  from: string[];
  type: ColumnType;
  /** Date/datetime pattern, e.g. yyyyMMdd, yyyy-MM-dd, yyyy-MM-dd HH:mm. */
  format?: string;
  unit?: string;
  title?: Localized;
  description?: Localized;
  /** Whether a larger value is better (for "better"/"worse" on indicator cards). */
  higherIsBetter?: boolean;
  /**
   * Korean value -> English form, resolved by the catalog from the column's `labels` (tables in
   * labels/, inline entries). Read it through pipeline/catalog/labels.ts (valueLabel).
   */
  labels?: Readonly<Record<string, string>>;
  /** The unit in English, resolved by the catalog (labels/units.yaml, then the built-in unit words); absent when nothing translates it. */
  unitEn?: string;
}

/** A translation table: labels/<id>.yaml (or built in), Korean -> English. */
export interface LabelTable {
  id: string;
  title?: Localized;
  description?: Localized;
  /** Where the English forms come from. */
  source?: string;
  values: Readonly<Record<string, string>>;
  /** Catalog-relative file it was read from; absent for built-in tables. */
  file?: string;
}

export interface ExtractSpec {
  kind: 'file' | 'http' | 'seoul-openapi';
  /** file: path relative to the descriptor's folder (or absolute). */
  path?: string;
  /** http: absolute URL. */
  url?: string;
  /** seoul-openapi: service name; the key comes from SEOUL_API_KEY. */
  service?: string;
  /** seoul-openapi: positional URL segments after START/END; `{date:yyyyMMdd}` is filled from the clock. */
  params?: string[];
  /** seoul-openapi: mirror base URL (default http://openapi.seoul.go.kr:8088, or SEOUL_API_BASE_URL). */
  baseUrl?: string;
  format?: Format;
  encoding?: Encoding;
  csv?: { delimiter?: string; skipRows?: number; dropTotals?: boolean };
  xlsx?: { sheet?: string | number; headerRows?: number; skipRows?: number; dropTotals?: boolean; maxCells?: number; maxUncompressedBytes?: number };
  json?: { records?: string };
  /** Bundled sample (relative to the descriptor's folder) used offline or without a key. */
  sample?: string;
  /** Format of the sample when it differs from `format` (e.g. an API sample stored as JSON). */
  sampleFormat?: Format;
  timeoutMs?: number;
  maxBytes?: number;
}

/** Words citizens search with, per language (both languages are indexed on every page). */
export type Keywords = Partial<Record<Lang, string[]>>;

/** The office answerable for a dataset: office-level contacts only, never a person. */
export interface DatasetContact {
  office: Localized;
  phone?: string;
  email?: string;
  url?: string;
}

export interface DatasetDescriptor {
  id: string;
  title: Localized;
  description: Localized;
  department: { id: string; ko: string; en: string };
  contact?: DatasetContact;
  licence: string;
  homepage?: string;
  keywords?: Keywords;
  update: { every: Cadence };
  /** What period the rows describe (period.ts): pages say "data as of …", freshness checks it. */
  time?: TimeSpec;
  extract?: ExtractSpec;
  columns: Record<string, ColumnSpec>;
  district?: { from: string; shortKorean?: boolean };
  /** Path of the row schema, relative to the catalog root (e.g. schemas/x.schema.json). */
  schema: string;
  primaryKey: string[];
  onInvalid: { action: 'drop-row' | 'fail-dataset'; maxRatio?: number };
  /** Derived datasets only: source dataset ids and DuckDB SQL over them. */
  from?: string[];
  sql?: string;
  /** Catalog-relative path of the YAML file this came from (for messages). */
  file: string;
}

/** Bands of one measured field, e.g. Korea's PM2.5 grades: 0–15 좋음, 16–35 보통, 36–75 나쁨, 76+ 매우나쁨. */
export interface ReferenceBands {
  field: string;
  /** Only for the rows where this column has this value (one series). */
  where?: Record<string, string | number>;
  title: Localized;
  /** In rising order; each from the previous `to` (0 first) to its own, the last maybe open. */
  bands: Array<{ to?: number; label: Localized; color?: string }>;
}

export interface ChartDescriptor {
  id: string;
  area: string;
  title: Localized;
  description: Localized;
  alt?: Partial<Localized>;
  keywords?: Keywords;
  data: string[];
  /** A name as written (Korean names are marked lang="ko" on English pages), or both languages. */
  proposedBy?: string | Localized;
  /** Vega-Lite spec; data as {name: <dataset-id>}. */
  spec: Record<string, unknown>;
  locales?: Partial<Record<Lang, Record<string, unknown>>>;
  /**
   * `gu-map`: the renderer draws the 25 gu (tile-grid cartogram, or a choropleth when a
   * boundary dataset is in the catalog) from `map`; `spec` is then merged over the template.
   */
  template?: 'gu-map';
  map?: { dataset: string; value: string; code?: string };
  /**
   * The headline card on the home page (optional): the latest value of one column, for one series
   * (filter, named by label), compared with the period before or the same period a year earlier.
   */
  /** Reference bands behind the chart (air-quality grades), named on it and in the alt text (reference-bands.ts). */
  reference?: ReferenceBands[];
  indicator?: { dataset: string; value: string; time?: string; filter?: Record<string, string | number>; label?: Localized; compare?: 'previous' | 'year-ago' };
  file: string;
}

/**
 * citydash.yaml `feedback`: the channels every chart and dataset page offers. Link templates get
 * {kind} {id} {cycle} {date} {url} {title} filled in (URL-encoded).
 */
export interface FeedbackSettings {
  email?: string;
  /** A web form (the city's 응답소 / 120 Dasan page). */
  form?: { url: string; name: Localized };
  /** GitHub issues: the new-issue link, and the labelled issues read back with the city's answers. */
  github?: { repository?: string; label?: string; read?: boolean };
  /** Older form: a link template for any issue tracker, used instead of the GitHub link. */
  url?: string;
  readBy?: Localized;
  answerDays?: number;
}

export interface CatalogSettings {
  siteTitle: Localized;
  baseUrl?: string;
  repository?: string;
  feedback?: FeedbackSettings;
  /** Titles of chart areas (environment, transport, ...), in page order. */
  areas: Record<string, Localized>;
  /** Ceilings on untrusted work (pipeline/budgets.ts has the defaults). */
  budgets?: BudgetSettings;
  /** Hosts on internal networks (a department's intranet server) network sources may reach. */
  network?: { allowHosts?: string[] };
  /** More environment variables whose values are masked in everything written (README, "Security"). */
  secrets?: string[];
}

/** citydash.yaml `budgets`: what one derived query or one chart may use before it is stopped. */
export interface BudgetSettings {
  sqlMemoryMb?: number;
  sqlTempMb?: number;
  sqlSeconds?: number;
  chartMemoryMb?: number;
  chartSeconds?: number;
}

export interface Catalog {
  /** Absolute path of the catalog root (holds sources/, schemas/, viz-specs/). */
  root: string;
  datasets: DatasetDescriptor[];
  charts: ChartDescriptor[];
  settings: CatalogSettings;
  /** Translation tables from labels/ by id (`units` holds unit words); columns hold theirs resolved. */
  labels?: Record<string, LabelTable>;
}

/** One problem found in a file the user wrote; `path:line:col: message`. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
  hint?: string;
  rule?: string;
  severity: 'error' | 'warning';
}

/** Where a raw record came from: CSV line, XLSX sheet+row, or API page+index. */
export interface SourceLocation {
  file?: string;
  line?: number;
  sheet?: string;
  row?: number;
  page?: number;
  index?: number;
}

export type RawValue = string | number | boolean | null;
export interface RawRecord {
  /** Aligned with RawTable.headers. */
  values: RawValue[];
  loc: SourceLocation;
}
/**
 * Records read a chunk at a time, by position: what a reader hands over when it can do so
 * without an object per record. Values are aligned with RawTable.headers.
 */
export interface RecordBatch {
  readonly length: number;
  /** Record i's raw value in column j; null where the record has no such cell. */
  value(i: number, j: number): RawValue;
  values(i: number): RawValue[];
  loc(i: number): SourceLocation;
}
export interface RawTable {
  headers: string[];
  records: AsyncIterable<RawRecord>;
  /**
   * The same records in batches, where the reader has them so (CSV). `records` and `batches`
   * read one stream: a consumer reads one of them.
   */
  batches?: AsyncIterable<RecordBatch>;
}

export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;

/** What fetch learned about the source, kept with the snapshot. */
export interface FetchInfo {
  outcome: 'fresh' | 'not-modified' | 'not-due' | 'sample' | 'failed';
  /** Source URL or path, with any API key masked. */
  source: string;
  fetchedAt: string;
  etag?: string;
  lastModified?: string;
  sample: boolean;
  error?: string;
}

export interface RejectedRow {
  loc: SourceLocation;
  column: string;
  value: RawValue;
  rule: string;
  message: string;
}

export interface ValidationReport {
  dataset: string;
  rowsRead: number;
  valid: number;
  rejected: number;
  duplicates: number;
  districtsUnmatched: number;
  unmatchedDistrictValues: Record<string, number>;
  /** Bounded sample of rejections (the counts above are exact). */
  rejections: RejectedRow[];
  status: 'ok' | 'failed';
  error?: string;
}

/** Metadata stored next to a validated snapshot in the work dir. */
export interface SnapshotMeta {
  id: string;
  rows: number;
  /** sha256 of the NDJSON rows file. */
  hash: string;
  schemaHash: string;
  columns: Record<string, ColumnType>;
  validation: Omit<ValidationReport, 'rejections'>;
  fetch: FetchInfo;
  /** Set when this snapshot is last good data carried over from an earlier cycle. */
  stale?: { since: string; reason: string };
  derived?: { from: string[]; sql: string };
}

export type DatasetState = 'fresh' | 'stale' | 'failed' | 'missing' | 'cached' | 'not-due' | 'not-modified';

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  debug(msg: string): void;
  /** One line per dataset/chart with its cache state, e.g. `[fresh] air-quality-daily`. */
  status(state: DatasetState | string, name: string, detail?: string): void;
  progress(label: string, total?: number): Progress;
}
export interface Progress {
  tick(n?: number): void;
  done(): void;
}

export interface Effects {
  fetch: typeof fetch;
  /** DNS: every address a host resolves to (default dns.lookup); the network rule checks them. */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
  now(): Date;
  log: Logger;
  env: Record<string, string | undefined>;
}

/** What every stage run from a command gets: where the catalog, output and work dir are, which
 *  datasets, and the effects. Made by the CLI (cli/context.ts), read by the stages. */
export interface RunContext {
  catalogRoot: string;
  out: string;
  work: WorkDir;
  offline: boolean;
  only?: string[];
  json: boolean;
  effects: Effects;
}
