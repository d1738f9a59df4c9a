// The validation core shared by source datasets (rows from a reader, typed by `typedRecords`)
// and derived datasets (rows from DuckDB, via `validateRows`): district conforming, the row
// schema, primary keys and the onInvalid policy, streaming valid rows into the snapshot.
import type {
  ColumnType, DatasetDescriptor, Effects, FetchInfo, RawValue, RejectedRow, Row, SnapshotMeta, SourceLocation, ValidationReport,
} from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { writeSnapshotMeta } from '../snapshot-store.ts';
import { conformDistrict, districtColumns, type Gu } from '../districts.ts';
import { maskSecrets } from '../extract/index.ts';
import { checkKey, PrimaryKeys } from './primary-keys.ts';
import { ReportBuilder } from './report.ts';
import { compiledSchema } from './schema-cache.ts';
import { describeSchemaError } from './schema-message.ts';
import { SnapshotWriter } from './snapshot-writer.ts';
import { typeProblem } from './type-check.ts';

/** A row on its way in: canonical values plus what is needed to report on it. */
export interface CandidateRow {
  row: Row;
  loc: SourceLocation;
  /** The record's raw values; `RecordsOptions.rawIndex` says which belongs to which column. */
  rawValues?: readonly RawValue[];
  /** A value that could not be read as its column's type (found before the schema runs). */
  problem?: { column: string; value: RawValue; rule: string; text: string };
}

export interface RecordsOptions {
  work: WorkDir;
  effects: Effects;
  /** Kept in the snapshot's meta: where the rows came from. */
  fetch: FetchInfo;
  /** Derived datasets: the source ids and SQL, kept in the meta. */
  derived?: { from: string[]; sql: string };
  /** Where the schema came from, for messages (default: ds.schema). */
  schemaFile?: string;
  /** false: only check; write no snapshot and no report (`validate --file`). Default true. */
  store?: boolean;
  /** Canonical column -> index into CandidateRow.rawValues. */
  rawIndex?: ReadonlyMap<string, number>;
  /** Shown as the file of reported rejections (readers locate records by the path they opened). */
  fileLabel?: string;
}

export interface ValidationResult {
  report: ValidationReport;
  /** The new snapshot's meta; null when the dataset failed (the previous snapshot stays). */
  meta: SnapshotMeta | null;
  /** True when the snapshot was reused: the same inputs were validated before (snapshot-reuse.ts). */
  cached?: boolean;
}

const DISTRICT_COLUMNS = ['gu_code', 'gu_ko', 'gu_en'] as const;
const DEFAULT_MAX_RATIO = 0.01;

/** Rows that are already canonical JS values (derived datasets) — same checks, same storage. */
export function validateRows(rows: AsyncIterable<Row>, ds: DatasetDescriptor, schema: unknown, opts: RecordsOptions): Promise<ValidationResult> {
  return validateRecords(typedByPosition(rows, ds), ds, schema, opts);
}

async function* typedByPosition(rows: AsyncIterable<Row>, ds: DatasetDescriptor): AsyncIterable<CandidateRow> {
  const columns = Object.entries(ds.columns);
  let n = 0;
  for await (const row of rows) {
    const loc = { row: ++n };
    let problem: CandidateRow['problem'];
    for (const [column, spec] of columns) {
      const text = typeProblem(row[column], spec.type);
      if (text) { problem = { column, value: row[column] ?? null, rule: spec.type, text }; break; }
    }
    yield { row, loc, problem };
  }
}

/**
 * @param records candidate rows, or anything `opts.toCandidate` turns into one (raw reader
 * records: mapping them here saves an async generator hop per row).
 */
export async function validateRecords<T = CandidateRow>(
  records: AsyncIterable<T>, ds: DatasetDescriptor, schema: unknown, opts: RecordsOptions & { toCandidate?: (item: T) => CandidateRow },
): Promise<ValidationResult> {
  const toCandidate = opts.toCandidate ?? ((item: T) => item as unknown as CandidateRow);
  const report = new ReportBuilder(ds.id, opts.fileLabel);
  const store = opts.store ?? true;
  const writer = store ? new SnapshotWriter(opts.work.rows(ds.id)) : null;
  const policy = ds.onInvalid ?? { action: 'drop-row' };
  const progress = opts.effects.log.progress(`validating ${ds.id}`);
  const district = ds.district ? { from: ds.district.from, conform: memoConform(Boolean(ds.district.shortKorean)) } : null;
  let failure: string | undefined;
  let hash: string | undefined;
  let compiled: ReturnType<typeof compiledSchema> | undefined;
  try {
    compiled = compiledSchema(schema, opts.schemaFile ?? ds.schema);
    const keys = new PrimaryKeys(ds.primaryKey ?? []);
    const rawOf = (c: CandidateRow, column: string): RawValue => {
      const i = opts.rawIndex?.get(column);
      return i !== undefined && c.rawValues ? c.rawValues[i] ?? null : (c.row[column] ?? null);
    };
    for await (const item of records) {
      const c = toCandidate(item);
      report.rowsRead++;
      if (report.rowsRead % 1000 === 0) progress.tick(1000);
      const { row, loc } = c;
      let rejected: RejectedRow | null = null;
      if (c.problem) {
        rejected = report.reject(loc, c.problem.column, c.problem.value, c.problem.rule, c.problem.text);
      } else {
        if (district) Object.assign(row, districtColumns(district.conform(row[district.from])));
        if (!compiled.validate(row)) {
          const p = describeSchemaError(compiled.validate.errors![0], row);
          rejected = report.reject(loc, p.column, p.column ? rawOf(c, p.column) : null, p.rule, p.text);
        } else if (keys.enabled) {
          rejected = checkKey(keys, row, loc, report, (column) => rawOf(c, column));
        }
      }
      if (rejected) {
        if (policy.action === 'fail-dataset') {
          failure = `onInvalid is fail-dataset and a row was rejected: ${rejected.message}`;
          break;
        }
        continue;
      }
      report.valid++;
      if (district && row.gu_code === null) report.unmatchedDistrict(row[district.from]);
      await writer?.write(row);
    }
    if (!failure && policy.action !== 'fail-dataset') {
      const maxRatio = policy.maxRatio ?? DEFAULT_MAX_RATIO;
      const ratio = report.rowsRead ? report.rejected / report.rowsRead : 0;
      if (ratio > maxRatio) {
        failure = `${report.rejected} of ${report.rowsRead} rows rejected (${pct(ratio)}), more than onInvalid.maxRatio ${maxRatio} (${pct(maxRatio)}) allows; first: ${firstMessage(report)}`;
      }
    }
    if (!failure && writer) hash = await writer.commit();
  } catch (err) {
    failure = (err as Error).message;
  } finally {
    progress.tick(report.rowsRead % 1000);
    progress.done();
    if (failure || !hash) await writer?.abort();
  }
  if (failure) failure = maskSecrets(failure, [opts.effects.env.SEOUL_API_KEY]);
  const built = report.build(failure ? 'failed' : 'ok', failure);
  let meta: SnapshotMeta | null = null;
  if (!failure && hash && compiled) {
    meta = {
      id: ds.id,
      rows: built.valid,
      hash,
      schemaHash: compiled.hash,
      columns: columnTypes(ds),
      validation: withoutRejections(built),
      fetch: opts.fetch,
      ...(opts.derived ? { derived: opts.derived } : {}),
    };
    await writeSnapshotMeta(opts.work, meta);
  }
  if (store) await writeFileAtomic(opts.work.report(ds.id), `${JSON.stringify(built, null, 2)}\n`);
  return { report: built, meta };
}

/** conformDistrict per distinct value: a million rows name a few dozen stations. */
function memoConform(shortKorean: boolean): (value: unknown) => Gu | null {
  const memo = new Map<unknown, Gu | null>();
  return (value) => {
    let g = memo.get(value);
    if (g === undefined) {
      g = conformDistrict(value, { shortKorean });
      if (memo.size < 10_000) memo.set(value, g);
    }
    return g;
  };
}

function columnTypes(ds: DatasetDescriptor): Record<string, ColumnType> {
  const out: Record<string, ColumnType> = {};
  for (const [name, spec] of Object.entries(ds.columns)) out[name] = spec.type;
  if (ds.district) for (const c of DISTRICT_COLUMNS) out[c] = 'string';
  return out;
}

function withoutRejections(r: ValidationReport): Omit<ValidationReport, 'rejections'> {
  const { rejections: _omit, ...rest } = r;
  return rest;
}

function firstMessage(r: ReportBuilder): string {
  return r.build('failed').rejections[0]?.message ?? '(no detail)';
}

function pct(x: number): string {
  return `${(x * 100).toFixed(x < 0.001 ? 3 : 1)}%`;
}
