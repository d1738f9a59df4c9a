// A derived dataset whose inputs did not change is not recomputed: same source rows (by hash),
// same source column types, same SQL, descriptor, row schema and code give the same rows, so the
// snapshot from last time is reused (no DuckDB instance, no query, no validation). Staleness,
// sample and Last-Modified still come from this cycle's sources (derive.ts), exactly as when
// computing. See pipeline/validate/snapshot-reuse.ts for how the record is kept.
import { resolve } from 'node:path';
import type { DatasetDescriptor } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { codeFingerprint, loadRowSchema, readReuse, reusable, reuseKey, type ReuseRecord, schemaHash, VALIDATE_CODE, VALIDATE_LIBRARIES } from '../validate/index.ts';
import type { FileDigest } from '../validate/index.ts';
import type { SourceState } from './sources.ts';

const TRANSFORM_CODE = [...VALIDATE_CODE, 'transform/'];
const TRANSFORM_LIBRARIES = [...VALIDATE_LIBRARIES, '@duckdb/node-api'];

/**
 * SQL whose result depends on the clock or chance is computed every time. Matching a column
 * named like one of these only costs the reuse, never correctness.
 */
const VOLATILE = /\b(current_date|current_time|current_timestamp|current_localtime|current_localtimestamp|localtime|localtimestamp|now|today|get_current_time|get_current_timestamp|transaction_timestamp|random|setseed|uuid|gen_random_uuid|uuidv4|uuidv7|nextval|currval)\b/i;

export function isVolatileSql(sql: string): boolean {
  return VOLATILE.test(sql);
}

export interface DeriveReuse {
  key: string;
  inputs: Record<string, FileDigest>;
  /** The earlier result, when it can stand in for computing. */
  hit: ReuseRecord | null;
}

/** Null when reuse does not apply (volatile SQL, an unreadable schema or source): compute. */
export async function deriveReuse(ds: DatasetDescriptor, sources: SourceState, work: WorkDir, catalogRoot: string): Promise<DeriveReuse | null> {
  if (!ds.sql || isVolatileSql(ds.sql)) return null;
  try {
    const previous = await readReuse(work, ds.id);
    // A source's rows are known by their meta's hash (the sha256 its validation wrote them with;
    // a cycle re-validates or restores a snapshot whose rows and meta disagree before this runs).
    const tables: Record<string, unknown> = {};
    for (const [id, meta] of Object.entries(sources.metas)) tables[id] = { rows: meta.hash, columns: meta.columns };
    const key = reuseKey({
      kind: 'derived',
      code: await codeFingerprint(TRANSFORM_CODE, TRANSFORM_LIBRARIES),
      schema: schemaHash(await loadRowSchema(resolve(catalogRoot), ds)),
      descriptor: { id: ds.id, file: ds.file, from: ds.from, sql: ds.sql, columns: ds.columns, district: ds.district, schema: ds.schema, primaryKey: ds.primaryKey, onInvalid: ds.onInvalid },
      tables,
    });
    return { key, inputs: {}, hit: await reusable(work, ds.id, previous, key) };
  } catch {
    // Only an optimisation: when what a snapshot depends on cannot be read, the dataset is computed again.
    return null;
  }
}
