// `new dataset --from` on the real Seoul files, then `validate` with no edits: every row is
// read, and row counts and column sums equal an independent reading of the same bytes
// (iconv-lite and string splitting for the CSVs, SheetJS's own sheet_to_json for the workbook).
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import * as XLSX from 'xlsx';
import { GU } from '../../pipeline/districts.ts';
import { tempCatalog, type TempCatalog } from '../check/helpers.ts';
import { realData } from '../helpers/paths.ts';
import { citydash, descriptor, fetchAndValidate, report, snapshot, sum } from './helpers.ts';

let cat: TempCatalog;
beforeAll(async () => {
  cat = await tempCatalog();
});
afterAll(async () => {
  await cat?.cleanup();
});

const AIR_COLUMNS = ['no2', 'o3', 'co', 'so2', 'pm10', 'pm25'];
const GU_NAMES = new Set(GU.map((g) => g.ko));

/** Column sums of raw text rows: empty cells skipped, everything else read with Number(). */
function rawSums(rows: string[][], from: number, to: number): number[] {
  const sums: number[] = [];
  for (let c = from; c <= to; c++) sums.push(rows.reduce((s, r) => s + (r[c] === '' || r[c] === undefined ? 0 : Number(r[c])), 0));
  return sums;
}

async function onboardAndValidate(path: string, id: string) {
  const made = await citydash(['new', 'dataset', '--from', path, '--id', id, '--department', 'climate-environment', '--catalog', cat.root]);
  expect(made.error).toBeUndefined();
  const validated = await fetchAndValidate(cat.root, id);
  expect(validated.exit).toBe(0);
  return { made, d: await descriptor(cat.root, 'climate-environment', id), rows: await snapshot(cat.root, id), report: await report(cat.root, id) };
}

test('2018 daily air quality: CP949 CSV, yyyyMMdd dates, gu stations among roadside ones', async () => {
  const path = realData('seoul-air-daily-2018.cp949.csv');
  const lines = iconv.decode(readFileSync(path), 'cp949').split('\n').filter((l) => l.trim() !== '').slice(1).map((l) => l.split(','));
  const { d, rows, report: rep, made } = await onboardAndValidate(path, 'air-2018');

  expect(d.value.extract).toEqual({ kind: 'file', path: 'data/air-2018.csv', format: 'csv', encoding: 'auto' });
  expect(d.text).toMatch(/# detected CP949, no byte-order mark; LF line endings/);
  expect(d.value.columns.date).toEqual({ from: ['측정일시'], type: 'date', format: 'yyyyMMdd', title: { ko: '측정일시', en: 'Date' } });
  // English pages show the gu stations in English; the roadside ones need a table, and the comment says so.
  expect(d.value.columns.station).toMatchObject({ from: ['측정소명'], type: 'string', labels: 'gu' });
  expect(d.text).toMatch(/# check: \d+ value\(s\) in Korean \("강남대로", "강변북로", .*\) stay Korean on English pages until a table beside gu/);
  for (const c of AIR_COLUMNS) expect(d.value.columns[c]).toMatchObject({ type: 'number' });
  expect(d.value.columns.no2.unit).toBe('ppm');
  expect(d.value.columns.pm10).toMatchObject({ from: ['미세먼지농도(㎍/㎥)'], unit: '㎍/㎥' });
  expect(d.value.district).toEqual({ from: 'station' });
  expect(d.value.primaryKey).toEqual(['date', 'station']);
  expect(d.value.update).toEqual({ every: 'daily' });

  // Every row, with the values the file holds.
  expect(rep).toMatchObject({ status: 'ok', rowsRead: lines.length, valid: lines.length, rejected: 0 });
  expect(rows).toHaveLength(14_637);
  const expected = rawSums(lines, 2, 7);
  AIR_COLUMNS.forEach((c, i) => expect(sum(rows, c)).toBeCloseTo(expected[i]!, 6));
  AIR_COLUMNS.forEach((c, i) => expect(rows.filter((r) => r[c] === null).length).toBe(lines.filter((l) => l[i + 2] === '').length));
  expect(rows[0]).toMatchObject({ date: '2018-01-01', station: '강남구', no2: 0.034, pm10: 34, gu_code: '11680' });
  expect(new Set(rows.map((r) => r.date)).size).toBe(365);
  // Roadside stations (강남대로, 강변북로, …) name no gu: counted, kept, reported.
  const roadside = lines.filter((l) => !GU_NAMES.has(l[1]!));
  expect(rep.districtsUnmatched).toBe(roadside.length);
  expect(rows.filter((r) => r.gu_code === null)).toHaveLength(roadside.length);
  expect(d.text).toMatch(new RegExp(`check: ${(lines.length - roadside.length).toLocaleString('en-US')} of 14,637 rows .* name a gu; ${roadside.length.toLocaleString('en-US')} do not and get gu_code null: 강남대로 ×365`));
  expect(made.log.join('\n')).toMatch(/primary key: date, station — unique over all 14,637 rows/);
});

test('2014 daily air quality: the workbook, its other header names, the same checks', async () => {
  const path = realData('seoul-air-daily-2014.xlsx');
  const wb = XLSX.read(readFileSync(path), { type: 'buffer' });
  const aoa = XLSX.utils.sheet_to_json<(string | number | null)[]>(wb.Sheets.Sheet1!, { header: 1, raw: true, defval: null }).slice(1);
  const { d, rows, report: rep } = await onboardAndValidate(path, 'air-2014');

  // Sheet2 and Sheet3 are empty: the first sheet is read and named.
  expect(d.value.extract).toEqual({ kind: 'file', path: 'data/air-2014.xlsx', format: 'xlsx', xlsx: { sheet: 'Sheet1' } });
  expect(d.text).toMatch(/# sheet "Sheet1": the sheet with the most data; empty: "Sheet2", "Sheet3"/);
  expect(d.value.columns.co2).toMatchObject({ from: ['이산화탄소농도(ppm)'], type: 'number', unit: 'ppm' });
  expect(d.value.columns.pm10).toMatchObject({ from: ['미세먼지(㎍/㎥)'], type: 'number', unit: '㎍/㎥' });
  expect(d.value.primaryKey).toEqual(['date', 'station']);

  expect(rep).toMatchObject({ status: 'ok', rowsRead: aoa.length, valid: aoa.length, rejected: 0 });
  expect(rows).toHaveLength(14_541);
  ['no2', 'o3', 'co2', 'so2', 'pm10', 'pm25'].forEach((c, i) => {
    expect(sum(rows, c)).toBeCloseTo(aoa.reduce((s, r) => s + (typeof r[i + 2] === 'number' ? (r[i + 2] as number) : 0), 0), 6);
  });
  expect(rows.map((r) => r.date)).toEqual(aoa.map((r) => String(r[0]).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3')));
});

test('CCTV by gu: UTF-8 with BOM, every field quoted, the gu named in an "agency" column', async () => {
  const path = realData('seoul-cctv-by-gu.utf8bom.csv');
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split('\n').filter((l) => l.trim() !== '').slice(1).map((l) => [...l.matchAll(/"([^"]*)"/g)].map((m) => m[1]!));
  const { d, rows, report: rep } = await onboardAndValidate(path, 'cctv');

  expect(d.text).toMatch(/# detected UTF-8, with a byte-order mark/);
  expect(d.value.columns.gu).toMatchObject({ from: ['기관명'], type: 'string' });
  expect(d.text).toMatch(/check: named gu: its values are gu, though the header says "기관명"/);
  expect(Object.keys(d.value.columns)).toEqual(['gu', 'subtotal', 'y2013_ijeon', 'y2014', 'y2015', 'y2016']);
  expect(d.value.district).toEqual({ from: 'gu' });
  expect(d.value.primaryKey).toEqual(['gu']);

  expect(rep).toMatchObject({ status: 'ok', rowsRead: 25, valid: 25, districtsUnmatched: 0 });
  const expected = rawSums(lines, 1, 5);
  ['subtotal', 'y2013_ijeon', 'y2014', 'y2015', 'y2016'].forEach((c, i) => expect(sum(rows, c)).toBe(expected[i]));
  expect(new Set(rows.map((r) => r.gu_code)).size).toBe(25);
});

test('the real files onboarded pass check with no edits', async () => {
  const run = await citydash(['check', '--catalog', cat.root]);
  expect(run.out).toMatch(/^check passed/m);
});
