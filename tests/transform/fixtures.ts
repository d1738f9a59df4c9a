// Test fixtures for the transform and diff tests: temp work dirs with validated snapshots
// written directly (NDJSON + meta), real 2018 air-quality rows from the real file in
// tests/fixtures/seoul, and the validate owner's row validator bound as the coordinator wires it.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { GU } from '../../pipeline/districts.ts';
import { memoryLogger } from '../../pipeline/log.ts';
import type { ValidateFn } from '../../pipeline/transform/types.ts';
import type { ColumnType, DatasetDescriptor, Effects, Row, SnapshotMeta } from '../../pipeline/types.ts';
import { loadRowSchema } from '../../pipeline/validate/load-schema.ts';
import { validateRows } from '../../pipeline/validate/validate-rows.ts';
import { workDir, type WorkDir } from '../../pipeline/workdir.ts';
import { realData } from '../helpers/paths.ts';

export interface TempCatalog {
  root: string;
  work: WorkDir;
  cleanup(): Promise<void>;
}

/** A temp catalog root with an empty `.citydash/` work dir inside. */
export async function tempCatalog(): Promise<TempCatalog> {
  const root = await mkdtemp(join(tmpdir(), 'citydash-transform-'));
  return { root, work: workDir(join(root, '.citydash')), cleanup: () => rm(root, { recursive: true, force: true }) };
}

export function testEffects(now = new Date('2026-11-28T21:00:00Z')): Effects & { log: ReturnType<typeof memoryLogger> } {
  return { fetch: globalThis.fetch, now: () => now, log: memoryLogger(), env: {} };
}

export function ndjson(rows: Row[]): string {
  return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/** Write a validated snapshot the way the validate stage leaves it. */
export async function writeSnapshot(
  work: WorkDir,
  id: string,
  rows: Row[],
  columns: Record<string, ColumnType>,
  extra: Partial<SnapshotMeta> = {},
): Promise<SnapshotMeta> {
  const text = ndjson(rows);
  await mkdir(dirname(work.rows(id)), { recursive: true });
  await writeFile(work.rows(id), text);
  const meta: SnapshotMeta = {
    id,
    rows: rows.length,
    hash: createHash('sha256').update(text).digest('hex'),
    schemaHash: 'test',
    columns,
    validation: { dataset: id, rowsRead: rows.length, valid: rows.length, rejected: 0, duplicates: 0, districtsUnmatched: 0, unmatchedDistrictValues: {}, status: 'ok' },
    fetch: { outcome: 'fresh', source: `test:${id}`, fetchedAt: '2026-11-28T20:00:00.000Z', sample: false },
    ...extra,
  };
  await writeFile(work.meta(id), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

export async function readRows(path: string): Promise<Row[]> {
  const text = await readFile(path, 'utf8');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
}

export async function readMeta(work: WorkDir, id: string): Promise<SnapshotMeta> {
  return JSON.parse(await readFile(work.meta(id), 'utf8')) as SnapshotMeta;
}

export const AIR_COLUMNS: Record<string, ColumnType> = {
  date: 'date',
  station: 'string',
  no2: 'number',
  o3: 'number',
  co: 'number',
  so2: 'number',
  pm10: 'integer',
  pm25: 'integer',
  gu_code: 'string',
  gu_ko: 'string',
  gu_en: 'string',
};

let airRows: Promise<Row[]> | undefined;
/**
 * The real 2018 daily air-quality file (CP949) as canonical rows: yyyyMMdd -> yyyy-MM-dd,
 * empty cells -> null, gu columns for the 25 gu stations and null for roadside ones.
 * Read once per test file; each call returns fresh copies.
 */
export async function air2018(): Promise<Row[]> {
  airRows ??= readAir2018();
  return (await airRows).map((r) => ({ ...r }));
}

async function readAir2018(): Promise<Row[]> {
  const text = iconv.decode(await readFile(realData('seoul-air-daily-2018.cp949.csv')), 'cp949');
  const [, ...lines] = text.split(/\r?\n/).filter(Boolean);
  const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s));
  return lines.map((line) => {
    const [d, station, no2, o3, co, so2, pm10, pm25] = line.split(',');
    const gu = GU.find((g) => g.ko === station);
    return {
      date: `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)}`,
      station: station!,
      no2: num(no2),
      o3: num(o3),
      co: num(co),
      so2: num(so2),
      pm10: num(pm10),
      pm25: num(pm25),
      gu_code: gu?.code ?? null,
      gu_ko: gu?.ko ?? null,
      gu_en: gu?.en ?? null,
    };
  });
}

/** A descriptor for a derived dataset, its schema written under the catalog root. */
export async function derivedDataset(
  root: string,
  id: string,
  from: string[],
  sql: string,
  columns: Record<string, ColumnType>,
  opts: { primaryKey?: string[]; schema?: Record<string, unknown>; onInvalid?: DatasetDescriptor['onInvalid'] } = {},
): Promise<DatasetDescriptor> {
  const schemaPath = `schemas/${id}.schema.json`;
  const jsonType: Record<ColumnType, string> = { string: 'string', integer: 'integer', number: 'number', date: 'string', datetime: 'string', boolean: 'boolean' };
  const schema = opts.schema ?? {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: Object.fromEntries(Object.entries(columns).map(([c, t]) => [c, { type: [jsonType[t], 'null'] }])),
  };
  await mkdir(join(root, 'schemas'), { recursive: true });
  await writeFile(join(root, schemaPath), JSON.stringify(schema, null, 2));
  return {
    id,
    title: { ko: id, en: id },
    description: { ko: id, en: id },
    department: { id: 'climate-environment', ko: '기후환경본부', en: 'Climate and Environment HQ' },
    licence: 'KOGL-1',
    update: { every: 'monthly' },
    columns: Object.fromEntries(Object.entries(columns).map(([c, type]) => [c, { from: [], type }])),
    schema: schemaPath,
    primaryKey: opts.primaryKey ?? [],
    onInvalid: opts.onInvalid ?? { action: 'fail-dataset' },
    from,
    sql,
    file: `sources/derived/${id}.yaml`,
  };
}

/** A source (non-derived) descriptor; only its id matters to the transform stage. */
export function sourceDataset(id: string, columns: Record<string, ColumnType>): DatasetDescriptor {
  return {
    id,
    title: { ko: id, en: id },
    description: { ko: id, en: id },
    department: { id: 'climate-environment', ko: '기후환경본부', en: 'Climate and Environment HQ' },
    licence: 'KOGL-1',
    update: { every: 'daily' },
    extract: { kind: 'file', path: `samples/${id}.csv` },
    columns: Object.fromEntries(Object.entries(columns).map(([c, type]) => [c, { from: [c], type }])),
    schema: `schemas/${id}.schema.json`,
    primaryKey: [],
    onInvalid: { action: 'drop-row', maxRatio: 0.01 },
    file: `sources/test/${id}.yaml`,
  };
}

/**
 * The validate owner's row validator, bound the way the coordinator wires it: the dataset's
 * schema from the catalog root, valid rows stored in the work dir.
 */
export function schemaValidator(root: string, work: WorkDir, effects: Effects = testEffects()): ValidateFn {
  return async (rows, ds) =>
    validateRows(rows, ds, await loadRowSchema(root, ds), {
      work,
      effects,
      fetch: { outcome: 'fresh', source: ds.file, fetchedAt: effects.now().toISOString(), sample: false },
      derived: { from: ds.from ?? [], sql: ds.sql ?? '' },
    });
}
