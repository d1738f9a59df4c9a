// `new dataset --from` on generated files, one per quirk of departmental files, followed by
// `validate` with no edits: every row is read with the right values (compared with the rows
// the generator wrote), and the descriptor says what was inferred.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempCatalog, type TempCatalog } from '../check/helpers.ts';
import * as gen from './generate.ts';
import { citydash, descriptor, fetchAndValidate, pick, report, snapshot, sum } from './helpers.ts';

let cat: TempCatalog;
let outside: string;
beforeAll(async () => {
  cat = await tempCatalog();
  outside = await mkdtemp(join(tmpdir(), 'citydash-onboard-files-'));
});
afterAll(async () => {
  await cat?.cleanup();
  if (outside) await rm(outside, { recursive: true, force: true });
});

/** Write the file outside the catalog, onboard it, validate it; returns the descriptor and stored rows. */
async function onboard(file: gen.Generated, id: string, department = 'test-department', extra: string[] = []) {
  const path = join(outside, file.name);
  await writeFile(path, file.bytes);
  const made = await citydash(['new', 'dataset', '--from', path, '--id', id, '--department', department, '--catalog', cat.root, ...extra]);
  expect(made.error).toBeUndefined();
  const validated = await fetchAndValidate(cat.root, id);
  expect(validated.error).toBeUndefined();
  expect(validated.exit).toBe(0);
  const rep = await report(cat.root, id);
  expect(rep).toMatchObject({ status: 'ok', rejected: 0, duplicates: 0, rowsRead: file.rows.length, valid: file.rows.length });
  return { made, d: await descriptor(cat.root, department, id), rows: await snapshot(cat.root, id), report: rep };
}

test('CP949 with title lines, a unit line, quoted thousands and a totals row', async () => {
  const file = gen.cp949Population();
  const { d, rows, made } = await onboard(file, 'population-2025');
  const x = d.value.extract;
  expect(x).toEqual({ kind: 'file', path: 'data/population-2025.csv', format: 'csv', encoding: 'auto', csv: { skipRows: 3, dropTotals: true } });
  expect(d.text).toMatch(/encoding: auto # detected CP949, no byte-order mark; CRLF line endings/);
  expect(d.text).toMatch(/# 1 totals row\(s\) dropped: line 5 "합계"/);
  expect(d.value.columns.population).toMatchObject({ from: ['인구'], type: 'integer', unit: '명' });
  expect(d.text).toMatch(/check: unit 명 taken from the title above the table/);
  expect(d.value.district).toEqual({ from: 'gu' });
  expect(d.value.columns.gu).toMatchObject({ type: 'string', labels: 'gu' });
  expect(d.value.primaryKey).toEqual(['gu']);
  // Copied in byte for byte, and real data is never labelled sample data.
  expect(x.sample).toBeUndefined();
  expect(Buffer.compare(await readFile(join(cat.root, 'sources/test-department/data/population-2025.csv')), Buffer.from(file.bytes))).toBe(0);
  expect(made.log.join('\n')).toMatch(/25 rows read from .*; 1 totals row\(s\) dropped/);

  expect(pick(rows, ['gu', 'population', 'households'])).toEqual(file.rows);
  expect(sum(rows, 'population')).toBe(sum(file.rows, 'population'));
  expect(rows.every((r) => typeof r.gu_code === 'string')).toBe(true);
});

test('UTF-8 with BOM, mixed line endings, a trailing empty column, yyyy.MM.dd dates, Y/N and "-" for missing', async () => {
  const file = gen.bomMixed();
  const { d, rows, made } = await onboard(file, 'water-quality');
  expect(d.text).toMatch(/detected UTF-8, with a byte-order mark; mixed line endings \(CRLF, LF\), all read alike/);
  expect(Object.keys(d.value.columns)).toEqual(['checked_on', 'name', 'open', 'sujil']);
  expect(d.value.columns.checked_on).toMatchObject({ type: 'date', format: 'yyyy.MM.dd' });
  expect(d.value.columns.open).toMatchObject({ type: 'boolean' });
  expect(d.value.columns.sujil).toMatchObject({ from: ['수질(ppm)'], type: 'number', unit: 'ppm' });
  expect(d.text).toMatch(/check: name and English title made from the header "수질"/);
  expect(d.value.primaryKey).toEqual(['checked_on', 'name']);
  expect(d.value.update).toEqual({ every: 'daily' });
  expect(d.value.district).toBeUndefined();
  const schema = JSON.parse(await readFile(join(cat.root, 'schemas/water-quality.schema.json'), 'utf8'));
  expect(schema.properties.sujil.type).toEqual(['number', 'null']);
  expect(schema.properties.open.type).toBe('boolean');
  const nulls = file.rows.filter((r) => r.quality === null).length;
  expect(made.log.some((l) => new RegExp(`sujil .* ppm +${nulls}$`).test(l))).toBe(true);

  expect(rows.map((r) => [r.checked_on, r.name, r.open, r.sujil])).toEqual(file.rows.map((r) => [r.checked_on, r.name, r.open, r.quality]));
  expect(sum(rows, 'sujil')).toBeCloseTo(sum(file.rows, 'quality'), 9);
});

test('UTF-16 with tabs (Excel "Unicode text")', async () => {
  const file = gen.utf16Tabs();
  const { d, rows } = await onboard(file, 'facilities');
  expect(d.value.extract).toMatchObject({ format: 'csv', encoding: 'auto', csv: { delimiter: '\t' } });
  expect(d.text).toMatch(/detected UTF-16LE, with a byte-order mark/);
  expect(d.value.columns.rate).toMatchObject({ type: 'number', unit: '%' });
  expect(d.value.columns.facilities).toMatchObject({ type: 'integer' });
  expect(pick(rows, ['gu', 'facilities', 'rate'])).toEqual(file.rows);
});

test('hourly readings ending at 24:00, gu given by code', async () => {
  const file = gen.hourly();
  const { d, rows, report: rep } = await onboard(file, 'pm25-hourly');
  expect(d.value.columns.datetime).toMatchObject({ from: ['측정일시'], type: 'datetime', format: 'yyyy-MM-dd HH:mm' });
  expect(d.value.columns.district_code).toMatchObject({ type: 'string' });
  expect(d.value.columns.district_code.labels).toBeUndefined();
  expect(d.text).toMatch(/# check: 5 value\(s\) in Korean \("종로측정소", .*\) stay Korean on English pages until labels: a table or \{Korean: English\}/);
  expect(d.value.columns.pm25).toMatchObject({ type: 'number', unit: '㎍/㎥' });
  expect(d.value.district).toEqual({ from: 'district_code' });
  expect(d.value.primaryKey).toEqual(['datetime', 'district_code']);
  expect(d.value.update).toEqual({ every: 'hourly' });
  expect(rep.districtsUnmatched).toBe(0);
  expect(pick(rows, ['datetime', 'district_code', 'station', 'pm25', 'gu_code'])).toEqual(file.rows);
  expect(rows.filter((r) => String(r.datetime).endsWith('T00:00'))).toHaveLength(3 * 5);
});

test('semicolons, a title line, yyyyMM months and codes with leading zeros', async () => {
  const file = gen.semicolonMonthly();
  const { d, rows } = await onboard(file, 'bike-monthly');
  expect(d.value.extract.csv).toEqual({ delimiter: ';', skipRows: 1 });
  expect(d.value.columns.month).toMatchObject({ from: ['기준년월'], type: 'date', format: 'yyyyMM' });
  expect(d.value.columns.station_id).toMatchObject({ from: ['대여소번호'], type: 'string' });
  expect(d.value.columns.users).toMatchObject({ from: ['이용자(명)'], type: 'integer', unit: '명' });
  expect(d.value.columns.iyonggeumaek).toMatchObject({ from: ['이용금액(원)'], type: 'integer', unit: '원' });
  expect(d.value.primaryKey).toEqual(['month', 'station_id']);
  expect(d.value.update).toEqual({ every: 'monthly' });
  expect(rows.map((r) => [r.month, r.station_id, r.rentals, r.returns, r.users, r.iyonggeumaek]))
    .toEqual(file.rows.map((r) => [r.month, r.station_no, r.rentals, r.returns, r.users, r.paid]));
  for (const c of ['rentals', 'returns', 'users'] as const) expect(sum(rows, c)).toBe(sum(file.rows, c));
});

test('a workbook: the data sheet chosen and named, a title above, two stacked header rows, units, a totals row', async () => {
  const file = gen.stackedWorkbook();
  const { d, rows, made } = await onboard(file, 'budget-2025', 'finance');
  expect(d.value.department).toEqual({ id: 'finance', ko: '부서 이름', en: 'Department name' });
  expect(d.value.extract).toEqual({
    kind: 'file', path: 'data/budget-2025.xlsx', format: 'xlsx', xlsx: { sheet: '집행현황', headerRows: 2, skipRows: 2, dropTotals: true },
  });
  expect(d.text).toMatch(/# header at row 3: the 2 row\(s\) above it skipped \("2025년 부서별 예산 집행 현황"\)/);
  expect(d.text).toMatch(/# 1 totals row\(s\) dropped: sheet 집행현황, row 13 "합계"/);
  expect(d.value.columns).toMatchObject({
    category: { from: ['구분'], type: 'string' },
    budget_original: { from: ['예산(백만원) 본예산'], type: 'integer', unit: '백만원' },
    budget_final: { from: ['예산(백만원) 최종예산'], type: 'integer', unit: '백만원' },
    spent: { from: ['집행(백만원) 집행액'], type: 'integer', unit: '백만원' },
    execution_rate: { from: ['집행(백만원) 집행률(%)'], type: 'number', unit: '%' },
  });
  expect(d.value.primaryKey).toEqual(['category']);
  expect(made.log.join('\n')).toMatch(/other sheets hold data too \("안내"/);
  expect(rows.map((r) => [r.category, r.budget_original, r.budget_final, r.spent, r.execution_rate]))
    .toEqual(file.rows.map((r) => [r.department, r.budget_original, r.budget_final, r.spent, r.execution_rate]));
  for (const c of ['budget_original', 'budget_final', 'spent'] as const) expect(sum(rows, c)).toBe(sum(file.rows, c));
});

test('a file already inside the catalog is pointed at, not copied; --json reports the same', async () => {
  const file = gen.utf16Tabs();
  await mkdir(join(cat.root, 'incoming'), { recursive: true });
  await writeFile(join(cat.root, 'incoming', 'facilities-b.txt'), file.bytes);
  const made = await citydash(['new', 'dataset', '--from', 'incoming/facilities-b.txt', '--department', 'test-department', '--catalog', cat.root, '--json'], { cwd: cat.root });
  expect(made.error).toBeUndefined();
  const json = JSON.parse(made.out);
  expect(json).toMatchObject({
    ok: true, dataset: 'facilities-b', rowsRead: 12, totalsDropped: 0, rejected: 0,
    source: { kind: 'file', name: 'incoming/facilities-b.txt', format: 'csv', encoding: 'utf-16le', bom: true, delimiter: '\t' },
    primaryKey: { columns: ['gu'], unique: true, duplicates: 0 },
    district: { column: 'gu', matched: 12, unmatched: 0, rate: 1 },
    written: ['sources/test-department/facilities-b.yaml', 'schemas/facilities-b.schema.json'],
  });
  expect(json.columns).toEqual([
    { name: 'gu', header: '자치구', type: 'string', nulls: 0 },
    { name: 'facilities', header: '시설수', type: 'integer', nulls: 0 },
    { name: 'rate', header: '비율(%)', type: 'number', unit: '%', nulls: 0 },
  ]);
  const d = await descriptor(cat.root, 'test-department', 'facilities-b');
  expect(d.value.extract.path).toBe('../../incoming/facilities-b.txt');
  expect(await fetchAndValidate(cat.root, 'facilities-b')).toMatchObject({ exit: 0 });
  expect(await report(cat.root, 'facilities-b')).toMatchObject({ status: 'ok', valid: 12, rejected: 0 });
});

test('everything written passes check with no edits', async () => {
  const run = await citydash(['check', '--catalog', cat.root]);
  expect(run.out).toMatch(/^check passed/m);
  expect(run.exit).toBe(0);
});
