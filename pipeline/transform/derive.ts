import type { DatasetDescriptor, FetchInfo, SnapshotMeta, ValidationReport } from '../types.ts';
import { recordReuse } from '../validate/index.ts';
import { DEFAULT_BUDGETS } from '../budgets.ts';
import { DISTRICT_COLUMNS } from '../column-types.ts';
import { deriveReuse } from './derive-reuse.ts';
import { DerivedColumnsError, DerivedDescriptorError, DerivedSqlError, DerivedValidationError } from './errors.ts';
import { writeMeta, writeReport } from './persist.ts';
import { prepareDerivedQuery } from './run-sql.ts';
import { resolveSources } from './sources.ts';
import { openStore } from './store.ts';
import type { DerivedOutcome, TransformContext } from './types.ts';


function checkDescriptor(ds: DatasetDescriptor): { from: string[]; sql: string } {
  if (!Array.isArray(ds.from) || ds.from.length === 0) throw new DerivedDescriptorError(ds, 'a derived dataset needs `from:` with at least one dataset id');
  if (typeof ds.sql !== 'string' || !ds.sql.trim()) throw new DerivedDescriptorError(ds, 'a derived dataset needs `sql:` (a DuckDB SELECT over its `from` datasets)');
  return { from: ds.from, sql: ds.sql };
}

/** The SQL result must return exactly the declared columns (district columns may be implicit). */
function checkColumns(ds: DatasetDescriptor, names: string[]): void {
  const declared = Object.keys(ds.columns ?? {});
  const extra = names.filter((n) => !declared.includes(n) && !DISTRICT_COLUMNS.includes(n));
  const missing = declared.filter((c) => !names.includes(c));
  const problems: string[] = [];
  if (extra.length) problems.push(`the SQL returns ${extra.map((c) => JSON.stringify(c)).join(', ')}, not declared in columns`);
  if (missing.length) problems.push(`columns declares ${missing.map((c) => JSON.stringify(c)).join(', ')}, which the SQL does not return`);
  if (problems.length) throw new DerivedColumnsError(ds, `${problems.join('; ')} (SQL returns: ${names.join(', ')})`);
}

/** Only `from` datasets are loaded: say so when the SQL names another catalog dataset. */
function withFromHint(err: unknown, ds: DatasetDescriptor, catalogIds: ReadonlySet<string>): unknown {
  if (!(err instanceof DerivedSqlError)) return err;
  const table = /Table with name (\S+) does not exist/.exec(err.message)?.[1];
  if (!table || !catalogIds.has(table) || ds.from?.includes(table)) return err;
  return new DerivedSqlError(ds, `${err.message.replace(/^.*?SQL failed: /, '')}\n(${JSON.stringify(table)} is in the catalog: add it to from: so it is loaded and computed first)`);
}

// Dated by its newest source's fetch, not by this run: recomputing unchanged inputs leaves the
// dataset's pages byte-identical, so a no-change cycle publishes nothing for it.
function derivedFetch(ds: DatasetDescriptor, now: Date, sample: boolean, lastModified?: string, sourcesFetchedAt?: string): FetchInfo {
  return { outcome: 'fresh', source: ds.file, fetchedAt: sourcesFetchedAt ?? now.toISOString(), sample, ...(lastModified ? { lastModified } : {}) };
}

/**
 * Compute one derived dataset from its sources' snapshots, validate it against its own
 * schema and store it. Throws a located error on any failure; the caller keeps last good data.
 * With `catalogRoot` (to read the row schema), a dataset whose inputs are unchanged since it was
 * last computed reuses that snapshot instead (derive-reuse.ts).
 */
export async function deriveDataset(
  ds: DatasetDescriptor,
  catalogIds: ReadonlySet<string>,
  failed: ReadonlyMap<string, string>,
  ctx: TransformContext,
  catalogRoot?: string,
): Promise<DerivedOutcome> {
  const { from, sql } = checkDescriptor(ds);
  const sources = await resolveSources(ds, catalogIds, ctx.work, failed);
  const reuse = catalogRoot !== undefined && ctx.reuse !== false ? await deriveReuse(ds, sources, ctx.work, catalogRoot) : null;
  // The stored meta and outcome are built the same way whether the rows are computed or reused.
  const finish = async (meta: SnapshotMeta, report: ValidationReport, cached: boolean): Promise<DerivedOutcome> => {
    await writeReport(ctx.work, report);
    const stored: SnapshotMeta = {
      ...meta,
      id: ds.id,
      fetch: derivedFetch(ds, ctx.effects.now(), sources.sample, sources.lastModified, sources.fetchedAt),
      derived: { from, sql },
    };
    delete stored.stale;
    if (sources.stale) stored.stale = sources.stale;
    await writeMeta(ctx.work, stored);
    return {
      id: ds.id,
      status: sources.stale ? 'stale' : 'fresh',
      rows: stored.rows,
      report,
      ...(sources.stale ? { reason: sources.stale.reason } : {}),
      ...(cached ? { cached } : {}),
    };
  };
  if (reuse?.hit) return finish(reuse.hit.meta, reuse.hit.report, true);
  const budgets = ctx.budgets ?? DEFAULT_BUDGETS;
  const store = await openStore(ctx.work, from, budgets);
  try {
    const timeoutMs = ctx.sqlTimeoutMs ?? budgets.sqlSeconds * 1000;
    const query = await prepareDerivedQuery(store.connection, ds, sql, { timeoutMs, memoryMb: budgets.sqlMemoryMb }).catch((err: unknown) => {
      throw withFromHint(err, ds, catalogIds);
    });
    try {
      checkColumns(ds, query.columns.map((c) => c.name));
      let validated: Awaited<ReturnType<TransformContext['validate']>>;
      try {
        validated = await ctx.validate(query.rows, ds);
      } catch (err) {
        throw query.failure() ?? err;
      }
      const { report, meta } = validated;
      // The validator may have caught the stream's error and reported it as its own.
      const sqlFailure = query.failure();
      if (sqlFailure) throw sqlFailure;
      if (report.status !== 'ok' || !meta) {
        throw new DerivedValidationError(ds, report.error ?? `${report.rejected} of ${report.rowsRead} rows rejected`, report);
      }
      const outcome = await finish(meta, report, false);
      // Only an optimisation: a record that cannot be written means the next run computes again.
      if (reuse) await recordReuse(ctx.work, ds.id, reuse.key, { meta, report }, reuse.inputs).catch(() => undefined);
      return outcome;
    } finally {
      query.dispose();
    }
  } finally {
    store.close();
  }
}
