// The validation core shared by source datasets (rows from a reader, typed by `typedRecords`)
// and derived datasets (rows from DuckDB, via `validateRows`): district conforming, the row
// schema, primary keys and the onInvalid policy, streaming valid rows into the snapshot.
import type { ColumnType, DatasetDescriptor, Effects, FetchInfo, RejectedRow, Row, SnapshotMeta, ValidationReport } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { writeSnapshotMeta } from '../snapshot-store.ts';
import { DISTRICT_COLUMNS } from '../column-types.ts';
import { conformDistrict, districtColumns } from '../districts.ts';
import { maskSecrets } from '../extract/index.ts';
import { candidateLists, type CandidateBatch, type CandidateRow } from './candidate-batch.ts';
import { checkKey, PrimaryKeys } from './primary-keys.ts';
import { ReportBuilder } from './report.ts';
import { compiledSchema } from './schema-cache.ts';
import { describeSchemaError } from './schema-message.ts';
import { SnapshotWriter } from './snapshot-writer.ts';
import { typeProblem } from './type-check.ts';

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

const DEFAULT_MAX_RATIO = 0.01;

/** Rows that are already canonical JS values (derived datasets) — same checks, same storage. */
export function validateRows(rows: AsyncIterable<Row>, ds: DatasetDescriptor, schema: unknown, opts: RecordsOptions): Promise<ValidationResult> {
  const columns = Object.entries(ds.columns);
  let n = 0;
  const typedByPosition = (row: Row): CandidateRow => {
    const loc = { row: ++n };
    for (const [column, spec] of columns) {
      const text = typeProblem(row[column], spec.type);
      if (text) return { row, loc, problem: { column, value: row[column] ?? null, rule: spec.type, text } };
    }
    return { row, loc };
  };
  return validateRecords(candidateLists(rows, typedByPosition), ds, schema, opts);
}

/**
 * The rows of each batch are checked in a plain loop: no promise per row, and a rejected row's
 * location and raw value are looked up only when it is reported.
 */
export async function validateRecords(batches: AsyncIterable<CandidateBatch>, ds: DatasetDescriptor, schema: unknown, opts: RecordsOptions): Promise<ValidationResult> {
  const report = new ReportBuilder(ds.id, opts.fileLabel);
  const store = opts.store ?? true;
  const writer = store ? new SnapshotWriter(opts.work.rows(ds.id)) : null;
  const policy = ds.onInvalid ?? { action: 'drop-row' };
  const failFast = policy.action === 'fail-dataset';
  const progress = opts.effects.log.progress(`validating ${ds.id}`);
  const district = ds.district ? { from: ds.district.from, columns: memoDistrictColumns(Boolean(ds.district.shortKorean)) } : null;
  let ticked = 0;
  let failure: string | undefined;
  let hash: string | undefined;
  let compiled: ReturnType<typeof compiledSchema> | undefined;
  try {
    compiled = compiledSchema(schema, opts.schemaFile ?? ds.schema);
    const validate = compiled.validate;
    const keys = new PrimaryKeys(ds.primaryKey ?? []);
    const keyed = keys.enabled;
    batches: for await (const batch of batches) {
      const rows = batch.rows;
      const n = batch.length;
      for (let i = 0; i < n; i++) {
        const row = rows[i]!;
        report.rowsRead++;
        const problem = batch.problem(i);
        let rejected: RejectedRow | null = null;
        if (problem) {
          rejected = report.reject(batch.loc(i), problem.column, problem.value, problem.rule, problem.text);
        } else {
          if (district) {
            const d = district.columns(row[district.from]);
            row.gu_code = d.gu_code;
            row.gu_ko = d.gu_ko;
            row.gu_en = d.gu_en;
          }
          if (!validate(row)) {
            const p = describeSchemaError(validate.errors![0], row);
            rejected = report.reject(batch.loc(i), p.column, p.column ? batch.raw(i, p.column) : null, p.rule, p.text);
          } else if (keyed) {
            rejected = checkKey(keys, row, report, batch, i);
          }
        }
        if (rejected) {
          if (failFast) {
            failure = `onInvalid is fail-dataset and a row was rejected: ${rejected.message}`;
            break batches;
          }
          continue;
        }
        report.valid++;
        if (district && row.gu_code === null) report.unmatchedDistrict(row[district.from]);
        if (writer) {
          writer.add(row);
          if (writer.full) await writer.flush();
        }
      }
      progress.tick(n);
      ticked += n;
    }
    if (!failure && !failFast) {
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
    progress.tick(report.rowsRead - ticked);
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

type DistrictColumns = ReturnType<typeof districtColumns>;

/** The district columns per distinct value: a million rows name a few dozen stations. */
function memoDistrictColumns(shortKorean: boolean): (value: unknown) => DistrictColumns {
  const memo = new Map<unknown, DistrictColumns>();
  return (value) => {
    let d = memo.get(value);
    if (d === undefined) {
      d = districtColumns(conformDistrict(value, { shortKorean }));
      if (memo.size < 10_000) memo.set(value, d);
    }
    return d;
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
