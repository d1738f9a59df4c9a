import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { ColumnType, SnapshotMeta } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { DISTRICT_COLUMNS, isColumnType } from '../column-types.ts';
import { readSnapshotMeta as readStoredMeta, SnapshotMetaError } from '../snapshot-store.ts';
import { SnapshotLoadError, SnapshotMissingError, messageOf } from './errors.ts';

/** Where one validated snapshot lives: its NDJSON rows and its parsed meta. */
export interface Snapshot {
  id: string;
  rows: string;
  meta: SnapshotMeta;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** The meta of a dataset's snapshot, or null when the dataset has none yet. */
export async function readSnapshotMeta(work: WorkDir, id: string): Promise<SnapshotMeta | null> {
  try {
    return await readStoredMeta(work, id);
  } catch (err) {
    // Said against the dataset, as every transform failure is.
    throw new SnapshotLoadError(id, work.meta(id), err instanceof SnapshotMetaError ? err.detail : messageOf(err));
  }
}

/** Both files of a snapshot, or SnapshotMissingError naming the one that is absent. */
export async function requireSnapshot(work: WorkDir, id: string): Promise<Snapshot> {
  const meta = await readSnapshotMeta(work, id);
  if (!meta) throw new SnapshotMissingError(id, work.meta(id));
  const rows = work.rows(id);
  if (!(await exists(rows))) throw new SnapshotMissingError(id, rows);
  return { id, rows, meta };
}

async function firstLine(path: string): Promise<string | null> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.trim()) return line;
    return null;
  } finally {
    lines.close();
    stream.destroy();
  }
}

/**
 * The typed columns of a snapshot's table. District columns are strings; they are added
 * even when the meta does not list them if the rows carry them, because conforming adds
 * them to rows of any dataset with `district:`.
 */
export async function snapshotColumns(snap: Snapshot): Promise<Record<string, ColumnType>> {
  const columns: Record<string, ColumnType> = {};
  for (const [name, type] of Object.entries(snap.meta.columns)) {
    if (!isColumnType(type)) {
      throw new SnapshotLoadError(snap.id, snap.rows, `column ${JSON.stringify(name)} has unknown type ${JSON.stringify(type)}`);
    }
    columns[name] = type;
  }
  if (DISTRICT_COLUMNS.some((c) => !(c in columns))) {
    const line = await firstLine(snap.rows);
    let first: unknown = null;
    try {
      first = line ? JSON.parse(line) : null;
    } catch {
      // A malformed first line is reported by DuckDB with its position when the table loads.
    }
    if (first && typeof first === 'object' && 'gu_code' in first) {
      for (const c of DISTRICT_COLUMNS) columns[c] ??= 'string';
    }
  }
  if (Object.keys(columns).length === 0) throw new SnapshotLoadError(snap.id, snap.rows, 'its meta lists no columns');
  return columns;
}
