// A derived dataset whose inputs (source rows by content, SQL, columns, schema) did not change
// is not recomputed; it is when one input changes, and so are the datasets built on it when its
// rows change. Staleness still follows this cycle's sources. Real 2018 air-quality rows.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runTransforms } from '../../pipeline/transform/index.ts';
import { isVolatileSql } from '../../pipeline/transform/derive-reuse.ts';
import type { ValidateFn } from '../../pipeline/transform/types.ts';
import type { Catalog, ColumnType, DatasetDescriptor, Row } from '../../pipeline/types.ts';
import { AIR_COLUMNS, air2018, derivedDataset, readMeta, schemaValidator, sourceDataset, tempCatalog, testEffects, writeSnapshot, type TempCatalog } from './fixtures.ts';

const MONTHLY_SQL = `SELECT CAST(date_trunc('month', date) AS DATE) AS month, gu_code, avg(pm25) AS pm25
FROM "air-quality-daily" WHERE gu_code IS NOT NULL GROUP BY ALL ORDER BY month, gu_code`;
const MONTHLY_COLUMNS: Record<string, ColumnType> = { month: 'date', gu_code: 'string', pm25: 'number' };
const WORST_SQL = `SELECT month, max(pm25) AS worst_pm25 FROM "air-quality-monthly-by-gu" GROUP BY month ORDER BY month`;
const WORST_COLUMNS: Record<string, ColumnType> = { month: 'date', worst_pm25: 'number' };
const MONTHLY = 'air-quality-monthly-by-gu';
const WORST = 'air-quality-monthly-worst';

let cat: TempCatalog;
let air: Row[];
let datasets: DatasetDescriptor[];
beforeEach(async () => {
  cat = await tempCatalog();
  air = await air2018();
  await writeSnapshot(cat.work, 'air-quality-daily', air, AIR_COLUMNS);
  datasets = [
    sourceDataset('air-quality-daily', AIR_COLUMNS),
    await derivedDataset(cat.root, MONTHLY, ['air-quality-daily'], MONTHLY_SQL, MONTHLY_COLUMNS, { primaryKey: ['month', 'gu_code'] }),
    await derivedDataset(cat.root, WORST, [MONTHLY], WORST_SQL, WORST_COLUMNS, { primaryKey: ['month'] }),
  ];
});
afterEach(async () => {
  await cat?.cleanup();
});

const catalogOf = (list: DatasetDescriptor[]): Catalog => ({ root: cat.root, datasets: list, charts: [], settings: { siteTitle: { ko: '서울', en: 'Seoul' }, areas: {} } });

/** One transform run; `computed` lists the datasets whose rows were actually computed. */
async function run(now: string, opts: { reuse?: boolean; list?: DatasetDescriptor[] } = {}) {
  const effects = testEffects(new Date(now));
  const inner = schemaValidator(cat.root, cat.work, effects);
  const computed: string[] = [];
  const validate: ValidateFn = (rows, ds) => {
    computed.push(ds.id);
    return inner(rows, ds);
  };
  const result = await runTransforms(catalogOf(opts.list ?? datasets), { work: cat.work, effects, validate, reuse: opts.reuse });
  return { result, computed, byId: Object.fromEntries(result.datasets.map((d) => [d.id, d])) };
}

const snapshot = async (id: string) => ({
  rows: await readFile(cat.work.rows(id), 'utf8'),
  meta: await readFile(cat.work.meta(id), 'utf8'),
  report: await readFile(cat.work.report(id), 'utf8'),
  ino: (await stat(cat.work.rows(id))).ino,
});

test('nothing changed: nothing is recomputed, and what is stored equals a recomputation', async () => {
  const first = await run('2026-11-28T21:00:00Z');
  expect(first.computed).toEqual([MONTHLY, WORST]);
  expect(first.result.datasets.map((d) => d.cached)).toEqual([undefined, undefined]);
  const before = await snapshot(MONTHLY);

  const second = await run('2026-11-29T21:00:00Z');
  expect(second.computed).toEqual([]);
  expect(second.result.datasets.map((d) => [d.id, d.status, d.rows, d.cached])).toEqual([[MONTHLY, 'fresh', 300, true], [WORST, 'fresh', 12, true]]);
  const reused = { monthly: await snapshot(MONTHLY), worst: await snapshot(WORST) };
  expect(reused.monthly.ino).toBe(before.ino);
  // meta (fetch record included) and report are rewritten exactly as computing again writes them

  const recomputed = await run('2026-11-29T21:00:00Z', { reuse: false });
  expect(recomputed.computed).toEqual([MONTHLY, WORST]);
  for (const [id, r] of [[MONTHLY, reused.monthly], [WORST, reused.worst]] as const) {
    const again = await snapshot(id);
    expect(again.rows).toBe(r.rows);
    expect(again.meta).toBe(r.meta);
    expect(again.report).toBe(r.report);
  }
});

test('a changed source recomputes its dependants only as far as their inputs changed', async () => {
  await run('2026-11-28T21:00:00Z');

  // A roadside station (no gu) changes: the monthly means by gu are recomputed, come out the
  // same, so the dataset built on them is reused.
  const roadside = air.findIndex((r) => r.gu_code === null && r.pm25 !== null);
  const edited = air.map((r, i) => (i === roadside ? { ...r, pm25: (r.pm25 as number) + 1 } : r));
  await writeSnapshot(cat.work, 'air-quality-daily', edited, AIR_COLUMNS);
  const second = await run('2026-11-28T22:00:00Z');
  expect(second.computed).toEqual([MONTHLY]);
  expect(second.byId[WORST]!.cached).toBe(true);

  // A gu station changes: both are recomputed.
  const gu = air.findIndex((r) => r.gu_code !== null && r.pm25 !== null);
  await writeSnapshot(cat.work, 'air-quality-daily', edited.map((r, i) => (i === gu ? { ...r, pm25: 999 } : r)), AIR_COLUMNS);
  expect((await run('2026-11-28T23:00:00Z')).computed).toEqual([MONTHLY, WORST]);
  expect((await run('2026-11-29T00:00:00Z')).computed).toEqual([]);
});

test('a changed SQL, column, schema or stored rows file is computed again', async () => {
  await run('2026-11-28T21:00:00Z');
  const [source, monthly, worst] = datasets as [DatasetDescriptor, DatasetDescriptor, DatasetDescriptor];

  const reordered = { ...worst, sql: WORST_SQL.replace('ORDER BY month', 'ORDER BY month DESC') };
  expect((await run('2026-11-28T22:00:00Z', { list: [source, monthly, reordered] })).computed).toEqual([WORST]);

  const retitled = { ...worst, columns: { ...worst.columns, worst_pm25: { ...worst.columns.worst_pm25!, unit: '㎍/㎥' } } };
  expect((await run('2026-11-28T23:00:00Z', { list: [source, monthly, retitled] })).computed).toEqual([WORST]);

  const schemaPath = join(cat.root, worst.schema);
  const schema = JSON.parse(await readFile(schemaPath, 'utf8')) as Record<string, unknown>;
  await writeFile(schemaPath, JSON.stringify({ ...schema, required: ['month'] }));
  expect((await run('2026-11-29T00:00:00Z', { list: [source, monthly, retitled] })).computed).toEqual([WORST]);

  await writeFile(cat.work.rows(MONTHLY), '');
  expect((await run('2026-11-29T01:00:00Z', { list: [source, monthly, retitled] })).computed).toEqual([MONTHLY]);
  expect((await run('2026-11-29T02:00:00Z', { list: [source, monthly, retitled] })).computed).toEqual([]);
});

test('staleness follows this cycle\'s sources even when the rows are reused', async () => {
  await run('2026-11-28T21:00:00Z');
  const stale = { since: '2026-11-28T21:30:00.000Z', reason: 'fetch failed: HTTP 500' };
  await writeSnapshot(cat.work, 'air-quality-daily', air, AIR_COLUMNS, { stale });
  const second = await run('2026-11-28T22:00:00Z');
  expect(second.computed).toEqual([]);
  expect(second.byId[MONTHLY]).toMatchObject({ status: 'stale', cached: true, reason: `source "air-quality-daily" is stale since ${stale.since}: ${stale.reason}` });
  expect(second.byId[WORST]).toMatchObject({ status: 'stale', cached: true });
  expect((await readMeta(cat.work, WORST)).stale?.since).toBe(stale.since);

  await writeSnapshot(cat.work, 'air-quality-daily', air, AIR_COLUMNS);
  const third = await run('2026-11-28T23:00:00Z');
  expect(third.computed).toEqual([]);
  expect(third.byId[MONTHLY]!.status).toBe('fresh');
  expect((await readMeta(cat.work, MONTHLY)).stale).toBeUndefined();
  expect((await readMeta(cat.work, WORST)).stale).toBeUndefined();
});

test('SQL that reads the clock or chance is computed every time', async () => {
  expect(isVolatileSql('SELECT * FROM t WHERE d < current_date')).toBe(true);
  expect(isVolatileSql('SELECT now() AS t')).toBe(true);
  expect(isVolatileSql('SELECT random() AS r')).toBe(true);
  expect(isVolatileSql(MONTHLY_SQL)).toBe(false);
  const recent = { ...datasets[2]!, sql: `${WORST_SQL.replace('GROUP BY', 'WHERE month < current_date GROUP BY')}` };
  const list = [datasets[0]!, datasets[1]!, recent];
  expect((await run('2026-11-28T21:00:00Z', { list })).computed).toEqual([MONTHLY, WORST]);
  expect((await run('2026-11-28T22:00:00Z', { list })).computed).toEqual([WORST]);
});
