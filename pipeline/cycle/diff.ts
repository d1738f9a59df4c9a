import type { DuckDBConnection } from '@duckdb/node-api';
import { queryCanonical } from '../transform/index.ts';
import type { ColumnType, Row } from '../types.ts';
import { columnsOf, loadSide, openDiffDb } from './diff-load.ts';
import {
  ORDINAL,
  addOrdinalSql,
  countsSql,
  duplicateCountSql,
  revisedSampleSql,
  unmatchedSampleSql,
  type DiffShape,
} from './diff-sql.ts';
import type { ColumnRetype, DatasetDiff, DiffInput, RevisedRow } from './diff-types.ts';

export type { ColumnRetype, DatasetDiff, DiffInput, RevisedRow } from './diff-types.ts';

const DEFAULT_SAMPLE_SIZE = 20;

// Both snapshots are loaded into a private DuckDB, typed by their metas, and compared there
// with a hash join on the primary key; only counts and the bounded samples become JS objects.

async function scalar(conn: DuckDBConnection, sql: string): Promise<number> {
  const row = (await queryCanonical(conn, sql))[0] ?? {};
  return Number(Object.values(row)[0] ?? 0);
}

function keyRow(key: string[], r: Row): Row {
  return Object.fromEntries(key.map((k, i) => [k, r[`k${i}`] ?? null]));
}

function compareColumns(before: Record<string, ColumnType>, after: Record<string, ColumnType>): DatasetDiff['columns'] {
  const retyped: ColumnRetype[] = [];
  for (const [column, type] of Object.entries(after)) {
    const was = before[column];
    if (was !== undefined && was !== type) retyped.push({ column, before: was, after: type });
  }
  return {
    added: Object.keys(after).filter((c) => !(c in before)),
    removed: Object.keys(before).filter((c) => !(c in after)),
    retyped,
  };
}

function sameColumns(x: Record<string, ColumnType>, y: Record<string, ColumnType>): boolean {
  const xs = Object.keys(x);
  return xs.length === Object.keys(y).length && xs.every((c) => x[c] === y[c]);
}

/**
 * Compare two snapshots of one dataset by primary key. `before: null` is a first cycle:
 * every row is added. Duplicate keys are matched pairwise; a key column missing before
 * makes every row removed and re-added, with a warning.
 */
export async function diffSnapshots(
  before: DiffInput | null,
  after: DiffInput,
  primaryKey: string[],
  opts: { sampleSize?: number } = {},
): Promise<DatasetDiff> {
  const size = Math.max(0, Math.floor(opts.sampleSize ?? DEFAULT_SAMPLE_SIZE));
  const afterCols = await columnsOf(after);
  const beforeCols = before ? await columnsOf(before) : {};
  const columns = compareColumns(beforeCols, afterCols);
  const warnings: string[] = [];
  const diff: DatasetDiff = {
    dataset: after.meta.id,
    primaryKey,
    firstCycle: before === null,
    unchanged: false,
    rows: { before: 0, after: 0, added: 0, removed: 0, revised: 0, unchanged: 0 },
    columns,
    revisedByColumn: {},
    sample: { size, revised: [], added: [], removed: [] },
    duplicateKeys: { before: 0, after: 0 },
    warnings,
  };
  if (before && before.meta.hash && before.meta.hash === after.meta.hash && sameColumns(beforeCols, afterCols)) {
    // Same bytes, same types: nothing to compare.
    const n = after.meta.rows;
    return { ...diff, unchanged: true, rows: { ...diff.rows, before: n, after: n, unchanged: n } };
  }

  const db = await openDiffDb();
  try {
    const { conn } = db;
    await loadSide(conn, 'after', after, afterCols);
    if (before) await loadSide(conn, 'before', before, beforeCols);
    else await conn.run(`CREATE TABLE before AS SELECT * FROM after LIMIT 0`);

    diff.rows.before = await scalar(conn, 'SELECT count(*) FROM before');
    diff.rows.after = await scalar(conn, 'SELECT count(*) FROM after');
    const missingAfter = primaryKey.filter((k) => !(k in afterCols));
    if (missingAfter.length) warnings.push(`primary key column(s) ${missingAfter.join(', ')} missing after`);
    let key = primaryKey.filter((k) => k in afterCols);
    const shared = Object.keys(afterCols).filter((c) => !before || c in beforeCols);
    if (key.length === 0) key = shared;
    const missingBefore = before ? key.filter((k) => !(k in beforeCols)) : [];
    // Without the key on both sides no row can be matched: all removed, all added.
    const rekeyed = key.length === 0 || missingBefore.length > 0;
    if (rekeyed) {
      if (missingBefore.length) warnings.push(`primary key column(s) ${missingBefore.join(', ')} missing before; every row counts as removed and added`);
      else warnings.push('no column in common with the earlier snapshot; every row counts as removed and added');
      await conn.run('CREATE OR REPLACE TABLE before AS SELECT * FROM after LIMIT 0');
      if (key.length === 0) key = Object.keys(afterCols);
    }
    const compared: DiffShape['compared'] = rekeyed
      ? []
      : shared.filter((c) => !key.includes(c)).map((name) => ({ name, before: beforeCols[name] ?? afterCols[name]!, after: afterCols[name]! }));

    diff.duplicateKeys = {
      before: await scalar(conn, duplicateCountSql('before', key)),
      after: await scalar(conn, duplicateCountSql('after', key)),
    };
    const shape: DiffShape = { keys: key, compared };
    if (diff.duplicateKeys.before || diff.duplicateKeys.after) {
      const names = compared.map((c) => c.name);
      await conn.run(addOrdinalSql('before', key, names));
      await conn.run(addOrdinalSql('after', key, names));
      shape.keys = [...key, ORDINAL];
    }

    const counts = (await queryCanonical(conn, countsSql(shape)))[0]!;
    diff.rows.added = Number(counts.added);
    diff.rows.removed = rekeyed ? diff.rows.before : Number(counts.removed);
    diff.rows.revised = Number(counts.revised);
    diff.rows.unchanged = diff.rows.after - diff.rows.added - diff.rows.revised;
    compared.forEach((c, i) => {
      const n = Number(counts[`c${i}`]);
      if (n > 0) diff.revisedByColumn[c.name] = n;
    });

    if (size > 0) {
      if (diff.rows.revised > 0) {
        for (const r of await queryCanonical(conn, revisedSampleSql(shape, key, size))) {
          const changes: RevisedRow['changes'] = [];
          compared.forEach((c, i) => {
            if (r[`d${i}`]) changes.push({ column: c.name, before: r[`o${i}`] ?? null, after: r[`n${i}`] ?? null });
          });
          diff.sample.revised.push({ key: keyRow(key, r), changes });
        }
      }
      if (diff.rows.added > 0) diff.sample.added = (await queryCanonical(conn, unmatchedSampleSql(shape, key, 'after', size))).map((r) => keyRow(key, r));
      if (diff.rows.removed > 0 && !rekeyed) diff.sample.removed = (await queryCanonical(conn, unmatchedSampleSql(shape, key, 'before', size))).map((r) => keyRow(key, r));
    }
  } finally {
    db.close();
  }
  const { added, removed, revised } = diff.rows;
  diff.unchanged = !added && !removed && !revised && !columns.added.length && !columns.removed.length && !columns.retyped.length;
  return diff;
}
