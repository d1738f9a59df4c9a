import { diffSnapshots, type DiffInput } from '../../pipeline/cycle/diff.ts';
import type { ColumnType, Row } from '../../pipeline/types.ts';
import { AIR_COLUMNS, air2018, tempCatalog, writeSnapshot, type TempCatalog } from '../transform/fixtures.ts';

const KEY = ['date', 'station'];
let cat: TempCatalog;
let jan: Row[];

async function snapshot(id: string, rows: Row[], columns: Record<string, ColumnType> = AIR_COLUMNS, hash?: string): Promise<DiffInput> {
  const meta = await writeSnapshot(cat.work, id, rows, columns);
  if (hash !== undefined) meta.hash = hash;
  return { rows: cat.work.rows(id), meta };
}

/** JSON-text key order, the order DuckDB sorts the samples in. */
function byKey(a: Row, b: Row): number {
  const ka = KEY.map((k) => JSON.stringify(a[k])).join('\u0000');
  const kb = KEY.map((k) => JSON.stringify(b[k])).join('\u0000');
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
const keyOf = (r: Row) => ({ date: r.date, station: r.station });

beforeAll(async () => {
  jan = (await air2018()).filter((r) => String(r.date).startsWith('2018-01'));
});
beforeEach(async () => {
  cat = await tempCatalog();
});
afterEach(async () => {
  await cat?.cleanup();
});

test('counts rows added, removed and revised by primary key, with the changed columns of a sample', async () => {
  const before = await snapshot('before', jan);
  const after = jan.map((r) => ({ ...r }));
  const withPm10 = after.findIndex((r, i) => i > 10 && r.pm10 !== null && r.pm25 !== null);
  const withoutPm10 = after.findIndex((r) => r.pm10 === null);
  after[withPm10]!.pm10 = (after[withPm10]!.pm10 as number) + 1;
  after[withPm10 + 1]!.pm25 = null;
  after[withPm10 + 2]!.pm10 = 999;
  after[withPm10 + 2]!.no2 = 0.123;
  after[withoutPm10]!.pm10 = 33;
  const revised = [after[withPm10]!, after[withPm10 + 1]!, after[withPm10 + 2]!, after[withoutPm10]!];
  const removed = [after[5]!, after[400]!, after[900]!];
  const added: Row[] = [
    { ...jan[0]!, date: '2018-02-01', station: '강남구' },
    { ...jan[1]!, date: '2018-02-01', station: '강동구' },
  ];
  const afterRows = [...after.filter((r) => !removed.includes(r)), ...added];
  const afterSnap = await snapshot('after', afterRows);
  const diff = await diffSnapshots(before, afterSnap, KEY, { sampleSize: 3 });

  expect(diff.firstCycle).toBe(false);
  expect(diff.unchanged).toBe(false);
  expect(diff.rows).toEqual({
    before: jan.length,
    after: jan.length - 3 + 2,
    added: 2,
    removed: 3,
    revised: 4,
    unchanged: jan.length - 3 - 4,
  });
  expect(diff.revisedByColumn).toEqual({ pm10: 3, pm25: 1, no2: 1 });
  expect(diff.columns).toEqual({ added: [], removed: [], retyped: [] });
  expect(diff.sample.size).toBe(3);
  expect(diff.sample.added).toEqual(added.map(keyOf));
  expect(diff.sample.removed).toEqual([...removed].sort(byKey).map(keyOf));
  const changes = (r: Row) => {
    const old = jan.find((j) => j.date === r.date && j.station === r.station)!;
    return Object.keys(AIR_COLUMNS)
      .filter((c) => !KEY.includes(c) && old[c] !== r[c])
      .map((column) => ({ column, before: old[column], after: r[column] }));
  };
  // Bounded: three of the four, in key order, each with its old and new values.
  expect(diff.sample.revised).toEqual([...revised].sort(byKey).slice(0, 3).map((r) => ({ key: keyOf(r), changes: changes(r) })));
  const full = await diffSnapshots(before, afterSnap, KEY);
  expect(full.sample.revised).toHaveLength(4);
  expect(full.sample.revised.find((s) => s.changes.length === 2)?.changes).toEqual([
    { column: 'no2', before: jan[withPm10 + 2]!.no2, after: 0.123 },
    { column: 'pm10', before: jan[withPm10 + 2]!.pm10, after: 999 },
  ]);
  expect(diff.duplicateKeys).toEqual({ before: 0, after: 0 });
  expect(diff.warnings).toEqual([]);
});

test('reports columns added, removed and retyped; a retyped column with equal values is not a revision', async () => {
  const rows: Row[] = jan.slice(0, 50).map((r, i) => ({ ...r, grade: String(i % 4) }));
  const before = await snapshot('before', rows, { ...AIR_COLUMNS, grade: 'string' });
  const { so2: _drop, ...rest } = AIR_COLUMNS;
  const columns: Record<string, ColumnType> = { ...rest, pm10: 'number', grade: 'integer', note: 'string' };
  // grade "3" becomes 3 (same value, new type) except in row 7, where it becomes 4.
  const afterRows = rows.map(({ so2: _s, ...r }, i) => ({ ...r, grade: i === 7 ? 4 : Number(r.grade), note: r.station === '강남구' ? '점검' : null }));
  const diff = await diffSnapshots(before, await snapshot('after', afterRows, columns), KEY);
  expect(diff.columns).toEqual({
    added: ['note'],
    removed: ['so2'],
    retyped: [
      { column: 'pm10', before: 'integer', after: 'number' },
      { column: 'grade', before: 'string', after: 'integer' },
    ],
  });
  expect(diff.rows).toMatchObject({ before: 50, after: 50, added: 0, removed: 0, revised: 1, unchanged: 49 });
  expect(diff.revisedByColumn).toEqual({ grade: 1 });
  expect(diff.sample.revised).toEqual([{ key: keyOf(rows[7]!), changes: [{ column: 'grade', before: '3', after: 4 }] }]);
  expect(diff.unchanged).toBe(false);
});

test('no earlier snapshot is a first cycle: every row and column is added', async () => {
  const diff = await diffSnapshots(null, await snapshot('after', jan), KEY, { sampleSize: 2 });
  expect(diff.firstCycle).toBe(true);
  expect(diff.rows).toEqual({ before: 0, after: jan.length, added: jan.length, removed: 0, revised: 0, unchanged: 0 });
  expect(diff.columns.added).toEqual(Object.keys(AIR_COLUMNS));
  expect(diff.sample.added).toEqual([...jan].sort(byKey).slice(0, 2).map(keyOf));
  expect(diff.unchanged).toBe(false);
});

test('the same rows are unchanged, whether the hashes match or the rows are compared', async () => {
  const before = await snapshot('before', jan);
  const same = await diffSnapshots(before, await snapshot('after', jan), KEY);
  expect(same).toMatchObject({ unchanged: true, rows: { before: jan.length, after: jan.length, unchanged: jan.length, added: 0, removed: 0, revised: 0 } });
  // Reordered lines hash differently but hold the same rows.
  const shuffled = await diffSnapshots(before, await snapshot('after', [...jan].reverse()), KEY);
  expect(shuffled).toMatchObject({ unchanged: true, rows: { before: jan.length, after: jan.length, unchanged: jan.length, revised: 0 } });
});

test('duplicate keys are counted and matched pairwise instead of multiplying rows', async () => {
  const rows = jan.slice(0, 20);
  const dup = { ...rows[3]!, pm10: 1 };
  const before = await snapshot('before', [...rows, dup]);
  const after = await snapshot('after', [...rows, { ...dup, pm10: 2 }]);
  const diff = await diffSnapshots(before, after, KEY);
  expect(diff.duplicateKeys).toEqual({ before: 2, after: 2 });
  expect(diff.rows).toEqual({ before: 21, after: 21, added: 0, removed: 0, revised: 1, unchanged: 20 });
  expect(diff.revisedByColumn).toEqual({ pm10: 1 });
});

test('a key column missing before: every row counts as removed and added, with a warning', async () => {
  const { station: _s, ...cols } = AIR_COLUMNS;
  const before = await snapshot('before', jan.slice(0, 10).map(({ station: _x, ...r }) => r), cols);
  const diff = await diffSnapshots(before, await snapshot('after', jan.slice(0, 12)), KEY);
  expect(diff.rows).toMatchObject({ before: 10, after: 12, added: 12, removed: 10, revised: 0 });
  expect(diff.columns.added).toEqual(['station']);
  expect(diff.warnings).toEqual(['primary key column(s) station missing before; every row counts as removed and added']);
});
