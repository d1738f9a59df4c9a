import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import type { Row, SnapshotMeta, ValidationReport } from '../../pipeline/types.ts';
import { readCsv } from '../../pipeline/extract/csv.ts';
import { HeaderMismatchError } from '../../pipeline/validate/header-map.ts';
import { compiledSchemaCount } from '../../pipeline/validate/schema-cache.ts';
import { typedRecords } from '../../pipeline/validate/typed-records.ts';
import { validateRecords, validateRows } from '../../pipeline/validate/validate-rows.ts';
import { AIR_SCHEMA, csvTable, descriptor, FETCH, table, tempDir, testEffects } from './helpers.ts';

const HEADERS = ['측정일시', '측정소명', '미세먼지농도(㎍/㎥)'];
let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => { dir = await tempDir(); });
afterEach(async () => { await dir?.cleanup(); });

async function run(rows: (string | number | null)[][], over: Parameters<typeof descriptor>[0] = {}, schema: unknown = AIR_SCHEMA) {
  const ds = descriptor(over);
  const typed = typedRecords(csvTable(HEADERS, rows), ds, 'data.csv');
  return validateRecords(typed.batches, ds, schema, { work: dir.work, effects: testEffects(), fetch: FETCH, fileLabel: 'data.csv' });
}

async function snapshotLines(id = 'air-test'): Promise<Row[]> {
  const text = await readFile(dir.work.rows(id), 'utf8');
  return text.trimEnd().split('\n').map((l) => JSON.parse(l) as Row);
}

/** n valid rows: four stations a day (three gu, one roadside), pm10 10, 11, 12, ... */
function goodRows(n = 40): (string | number | null)[][] {
  const stations = ['강남구', '종로구', '중구', '강남대로'];
  return Array.from({ length: n }, (_, i) => [String(20180101 + Math.floor(i / 4)), stations[i % 4], 10 + i]);
}

test('a number column holding 12a: the row is rejected with line, column, raw value and the rule', async () => {
  const rows = goodRows(40);
  rows[32] = ['20180109', '강남구', '12a']; // record 33 sits on line 34
  const { report } = await run(rows);
  expect(report.rejected).toBe(1);
  expect(report.rejections[0]).toMatchObject({ loc: { file: 'data.csv', line: 34 }, column: 'pm10', value: '12a', rule: 'number' });
  expect(report.rejections[0].message).toBe('line 34, column pm10: "12a" is not a number');
  expect(report).toMatchObject({ rowsRead: 40, valid: 39, status: 'ok' });
});

test('a CSV read in batches reports and stores exactly what its records read one by one do', async () => {
  const rows = goodRows(60);
  rows[5][2] = '12a';
  rows[9] = [rows[2][0], rows[2][1], 7];
  rows[20][1] = '';
  rows[30][2] = '-12';
  const over = { onInvalid: { action: 'drop-row' as const, maxRatio: 0.5 } };
  const byRecord = await run(rows, over);
  const oneByOne = await readFile(dir.work.rows('air-test'));
  const ds = descriptor(over);
  async function* text() { yield [HEADERS, ...rows].map((r) => r.join(',')).join('\n'); }
  const csv = await readCsv(text(), 'data.csv');
  expect(csv.batches).toBeDefined();
  const batched = await validateRecords(typedRecords(csv, ds, 'data.csv').batches, ds, AIR_SCHEMA, { work: dir.work, effects: testEffects(), fetch: FETCH, fileLabel: 'data.csv' });
  expect(batched.report.rejections.map((r) => r.message)).toEqual([
    'line 7, column pm10: "12a" is not a number',
    `line 11: duplicate primary key (date "2018-01-01", station "${rows[2][1]}"), first seen at line 4`,
    'line 22, column station: "" is empty, but must be a string',
    'line 32, column pm10: "-12" is below the minimum 0',
  ]);
  expect(batched.report).toEqual(byRecord.report);
  expect(await readFile(dir.work.rows('air-test'))).toEqual(oneByOne);
  expect(batched.meta?.hash).toBe(byRecord.meta?.hash);
});

test('a header that matches none of the from: names: which headers were found and which expected', () => {
  const ds = descriptor();
  const t = csvTable(['측정일시', '측정소명', 'PM2.5'], []);
  expect(() => typedRecords(t, ds, 'sources/x/data.csv')).toThrow(HeaderMismatchError);
  expect(() => typedRecords(t, ds, 'sources/x/data.csv')).toThrow(
    'sources/x/data.csv: column pm10 expects a header named "미세먼지농도(㎍/㎥)" or "미세먼지(㎍/㎥)" or "PM10"; the file\'s headers are "측정일시", "측정소명", "PM2.5"',
  );
});

test('headers match loosely as a second choice (spacing, case, compatibility forms)', () => {
  const ds = descriptor();
  const t = csvTable([' 측정 일시', 'msrste_nm', '미세먼지농도(μg/m3)'], []);
  const typed = typedRecords(t, ds, 'x.csv');
  expect([...typed.rawIndex]).toEqual([['date', 0], ['station', 1], ['pm10', 2]]);
});

test('duplicate primary keys are reported with both locations and the second is dropped', async () => {
  const rows = goodRows(10);
  rows[7] = [rows[2][0], rows[2][1], 99];
  const { report } = await run(rows);
  expect(report.duplicates).toBe(1);
  expect(report.rejected).toBe(1);
  const dup = report.rejections[0];
  expect(dup).toMatchObject({ rule: 'duplicate-key', column: 'date+station', loc: { line: 9 } });
  expect(dup.message).toBe(`line 9: duplicate primary key (date "2018-01-01", station "${rows[2][1]}"), first seen at line 4`);
  expect((await snapshotLines()).filter((r) => r.pm10 === 99)).toHaveLength(0);
});

test('an empty primary-key value is rejected', async () => {
  const rows = goodRows(10);
  rows[4] = ['20180105', '', 5];
  const lenient = { ...AIR_SCHEMA, properties: { ...AIR_SCHEMA.properties, station: { type: ['string', 'null'] } } };
  const { report } = await run(rows, {}, lenient);
  expect(report.rejections[0].message).toBe('line 6, column station: "" is empty, but it is part of the primary key');
});

test('an empty value where the schema wants one says so', async () => {
  const { report } = await run([['20180101', '강남구', '-']], {}, { ...AIR_SCHEMA, properties: { ...AIR_SCHEMA.properties, pm10: { type: 'number' } } });
  expect(report.rejections[0].message).toBe('line 2, column pm10: "-" is empty, but must be a number');
});

test('drop-row within maxRatio: the dataset is ok without the bad rows', async () => {
  const rows = goodRows(100);
  rows[10][2] = 'x';
  const { report, meta } = await run(rows, { onInvalid: { action: 'drop-row', maxRatio: 0.01 } });
  expect(report).toMatchObject({ status: 'ok', rowsRead: 100, valid: 99, rejected: 1 });
  expect(meta?.rows).toBe(99);
  expect(await snapshotLines()).toHaveLength(99);
});

test('drop-row over maxRatio: the dataset fails and the previous snapshot stays untouched', async () => {
  const first = await run(goodRows(100));
  expect(first.report.status).toBe('ok');
  const before = await readFile(dir.work.rows('air-test'));
  const metaBefore = await readFile(dir.work.meta('air-test'), 'utf8');
  const rows = goodRows(100);
  rows[3][2] = 'x';
  rows[60][2] = '1,2';
  const { report, meta } = await run(rows, { onInvalid: { action: 'drop-row', maxRatio: 0.01 } });
  expect(meta).toBeNull();
  expect(report.status).toBe('failed');
  expect(report.error).toBe('2 of 100 rows rejected (2.0%), more than onInvalid.maxRatio 0.01 (1.0%) allows; first: line 5, column pm10: "x" is not a number');
  expect(report).toMatchObject({ rowsRead: 100, valid: 98, rejected: 2 });
  expect(await readFile(dir.work.rows('air-test'))).toEqual(before);
  expect(await readFile(dir.work.meta('air-test'), 'utf8')).toBe(metaBefore);
  expect((await readdir(dir.work.root + '/data')).sort()).toEqual(['air-test.meta.json', 'air-test.ndjson']);
  const stored = JSON.parse(await readFile(dir.work.report('air-test'), 'utf8')) as ValidationReport;
  expect(stored.status).toBe('failed');
  expect(stored.rejections).toHaveLength(2);
});

test('fail-dataset stops at the first invalid row', async () => {
  const rows = goodRows(50);
  rows[20][2] = '-12';
  rows[30][2] = 'bad';
  const { report, meta } = await run(rows, { onInvalid: { action: 'fail-dataset' } });
  expect(meta).toBeNull();
  expect(report).toMatchObject({ status: 'failed', rowsRead: 21, valid: 20, rejected: 1 });
  expect(report.error).toBe('onInvalid is fail-dataset and a row was rejected: line 22, column pm10: "-12" is below the minimum 0');
  await expect(readFile(dir.work.rows('air-test'))).rejects.toThrow(/ENOENT/);
});

test('snapshot: NDJSON of canonical rows, sha256 and row count in the meta, written by rename', async () => {
  const rows: (string | number | null)[][] = [['20180101', '강남구', '1,234'], ['20180101', '강남대로', ''], ['20180102', '종로', '-']];
  const { report, meta } = await run(rows);
  const bytes = await readFile(dir.work.rows('air-test'));
  expect(bytes.toString('utf8')).toBe([
    '{"date":"2018-01-01","station":"강남구","pm10":1234,"gu_code":"11680","gu_ko":"강남구","gu_en":"Gangnam-gu"}',
    '{"date":"2018-01-01","station":"강남대로","pm10":null,"gu_code":null,"gu_ko":null,"gu_en":null}',
    '{"date":"2018-01-02","station":"종로","pm10":null,"gu_code":null,"gu_ko":null,"gu_en":null}',
    '',
  ].join('\n'));
  const stored = JSON.parse(await readFile(dir.work.meta('air-test'), 'utf8')) as SnapshotMeta;
  expect(stored).toEqual(meta);
  expect(stored.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
  expect(stored).toMatchObject({
    id: 'air-test', rows: 3, fetch: FETCH,
    columns: { date: 'date', station: 'string', pm10: 'number', gu_code: 'string', gu_ko: 'string', gu_en: 'string' },
    validation: { rowsRead: 3, valid: 3, rejected: 0, districtsUnmatched: 2, unmatchedDistrictValues: { 강남대로: 1, 종로: 1 }, status: 'ok' },
  });
  expect(stored.schemaHash).toMatch(/^[0-9a-f]{64}$/);
  expect(report.unmatchedDistrictValues).toEqual({ 강남대로: 1, 종로: 1 });
  expect(await readdir(dir.work.root + '/data')).toEqual(expect.not.arrayContaining([expect.stringMatching(/\.tmp$/)]));
});

test('district.shortKorean reads 종로 as 종로구 when a descriptor asks for it', async () => {
  const ds = descriptor({ district: { from: 'station', shortKorean: true } as { from: string } });
  const typed = typedRecords(csvTable(HEADERS, [['20180101', '종로', 1]]), ds, 'x.csv');
  const { report } = await validateRecords(typed.batches, ds, AIR_SCHEMA, { work: dir.work, effects: testEffects(), fetch: FETCH });
  expect(report.districtsUnmatched).toBe(0);
  expect((await snapshotLines())[0].gu_code).toBe('11110');
});

test('schema rules in plain language', async () => {
  const schema = { ...AIR_SCHEMA, properties: { ...AIR_SCHEMA.properties, station: { enum: ['강남구', '종로구'] } } };
  const { report } = await run([['20180101', '강남구', '6,000'], ['20180101', '마포구', 1], ['20180102', '강남구', 3], ['20180103', '강남구', 3]], {}, {
    ...schema, required: ['date', 'station', 'pm10'], properties: { ...schema.properties, pm10: { type: 'number', maximum: 5000 } },
  });
  expect(report.rejections.map((r) => r.message)).toEqual([
    'line 2, column pm10: "6,000" is above the maximum 5000',
    'line 3, column station: "마포구" is not one of "강남구", "종로구"',
  ]);
  const strict = await run([['20180101', '강남구', 1]], {}, { ...AIR_SCHEMA, properties: { date: {}, station: {}, pm10: {} } });
  expect(strict.report.rejections[0].message).toBe('line 2, column gu_code: "11680" is a column the schema does not allow');
});

test('a schema that is not valid JSON Schema fails the dataset with the schema file named', async () => {
  const { report } = await run(goodRows(3), {}, { type: 'object', properties: { pm10: { type: 'numbr' } } });
  expect(report.status).toBe('failed');
  expect(report.error).toMatch(/^schemas\/air-test\.schema\.json: not a usable JSON Schema \(2020-12\): /);
  const unknownKeyword = await run(goodRows(3), {}, { type: 'object', minimun: 3 });
  expect(unknownKeyword.report.error).toMatch(/unknown keyword: "minimun"/);
});

test('each schema is compiled once, however many datasets and runs use it', async () => {
  await run(goodRows(5));
  const count = compiledSchemaCount();
  await run(goodRows(5));
  await run(goodRows(5), { id: 'air-other' }, JSON.parse(JSON.stringify(AIR_SCHEMA)));
  expect(compiledSchemaCount()).toBe(count);
});

test('validateRows: typed rows from a derived dataset get the same checks and storage', async () => {
  const ds = descriptor({
    id: 'air-monthly', extract: undefined, from: ['air-test'], sql: 'select 1',
    columns: { month: { from: [], type: 'date' }, station: { from: [], type: 'string' }, pm10: { from: [], type: 'number' } },
    primaryKey: ['month', 'station'],
  });
  const schema = { type: 'object', properties: { month: { type: 'string' }, station: { type: 'string' }, pm10: { type: ['number', 'null'] } } };
  async function* rows(): AsyncIterable<Row> {
    yield { month: '2018-01-01', station: '강남구', pm10: 41.5 };
    yield { month: '2018-01-01T00:00', station: '중구', pm10: 30 };
    yield { month: '2018-01-01', station: '강남대로', pm10: 50 };
    yield { month: '2018-01-01', station: '강남구', pm10: 1 };
  }
  const { report, meta } = await validateRows(rows(), ds, schema, {
    work: dir.work, effects: testEffects(), fetch: { ...FETCH, source: 'derived' }, derived: { from: ['air-test'], sql: 'select 1' },
  });
  expect(report.rejections.map((r) => r.message)).toEqual([
    'row 2, column month: "2018-01-01T00:00" is not a date written yyyy-MM-dd',
    'row 4: duplicate primary key (month "2018-01-01", station "강남구"), first seen at row 1',
  ]);
  expect(report).toMatchObject({ status: 'ok', valid: 2, districtsUnmatched: 1 });
  expect(meta?.derived).toEqual({ from: ['air-test'], sql: 'select 1' });
  expect((await snapshotLines('air-monthly')).map((r) => r.gu_en)).toEqual(['Gangnam-gu', null]);
});

test('a reader error midway fails the dataset with its message, leaving no partial file', async () => {
  const ds = descriptor();
  async function* broken() {
    yield { values: ['20180101', '강남구', 1], loc: { line: 2 } };
    throw new Error('data.csv:3:7: unterminated quote');
  }
  const typed = typedRecords({ headers: HEADERS, records: broken() }, ds, 'data.csv');
  await mkdir(dir.work.root + '/data', { recursive: true });
  await writeFile(dir.work.rows('air-test'), 'previous\n');
  const { report } = await validateRecords(typed.batches, ds, AIR_SCHEMA, { work: dir.work, effects: testEffects(), fetch: FETCH });
  expect(report).toMatchObject({ status: 'failed', error: 'data.csv:3:7: unterminated quote', rowsRead: 1 });
  expect(await readFile(dir.work.rows('air-test'), 'utf8')).toBe('previous\n');
  expect(await readdir(dir.work.root + '/data')).toEqual(['air-test.ndjson']);
});

test('store: false checks without writing anything', async () => {
  const ds = descriptor();
  const typed = typedRecords(table(HEADERS, [{ values: ['20180101', '강남구', 1], loc: { sheet: 'Sheet1', row: 2 } }]), ds, 'x.xlsx');
  const { report, meta } = await validateRecords(typed.batches, ds, AIR_SCHEMA, { work: dir.work, effects: testEffects(), fetch: FETCH, store: false });
  expect(report.status).toBe('ok');
  expect(meta).toBeNull();
  await expect(readdir(dir.work.root)).rejects.toThrow(/ENOENT/);
});
