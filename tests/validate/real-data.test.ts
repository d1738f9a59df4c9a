// Done-when: the real 2018 CP949 CSV and the real 2014 XLSX validate through a descriptor like
// the bundled air-quality one (tests/validate/fixtures/air-catalog). Expected counts are
// computed here independently of the pipeline (iconv-lite + line split; SheetJS directly).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import * as XLSX from 'xlsx';
import { loadCatalog } from '../../pipeline/catalog/index.ts';
import type { Catalog, Row } from '../../pipeline/types.ts';
import { fetchIfMissing } from '../../pipeline/extract/index.ts';
import { validate } from '../../pipeline/validate/index.ts';
import { realData } from '../helpers/paths.ts';
import { airCatalog } from './air-catalog.ts';
import { tempDir, testEffects } from './helpers.ts';

/** station -> number of rows, straight from the file. */
function csvStationCounts(): { rows: number; byStation: Map<string, number> } {
  const lines = iconv.decode(readFileSync(realData('seoul-air-daily-2018.cp949.csv')), 'cp949').split('\n').filter((l) => l !== '');
  const byStation = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const station = line.split(',')[1];
    byStation.set(station, (byStation.get(station) ?? 0) + 1);
  }
  return { rows: lines.length - 1, byStation };
}

function xlsxStationCounts(): { rows: number; byStation: Map<string, number>; emptyNo2: number; emptyPm10: number } {
  const wb = XLSX.read(readFileSync(realData('seoul-air-daily-2014.xlsx')), { dense: true, cellFormula: false, cellHTML: false, cellText: false });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Sheet1, { header: 1 }).slice(1);
  const byStation = new Map<string, number>();
  for (const r of rows) byStation.set(String(r[1]), (byStation.get(String(r[1])) ?? 0) + 1);
  const empty = (i: number) => rows.filter((r) => r[i] === undefined || r[i] === null || r[i] === '').length;
  return { rows: rows.length, byStation, emptyNo2: empty(2), emptyPm10: empty(6) };
}

const notAGu = (byStation: Map<string, number>) => Object.fromEntries([...byStation].filter(([s]) => !s.endsWith('구')).sort());

let catalog: Catalog;
let dir: Awaited<ReturnType<typeof tempDir>> | undefined;
let air: Awaited<ReturnType<typeof airCatalog>> | undefined;
beforeAll(async () => {
  air = await airCatalog();
  const loaded = await loadCatalog(air.root);
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  catalog = loaded.catalog;
  dir = await tempDir();
});
afterAll(async () => { await dir?.cleanup(); await air?.cleanup(); });

async function validateYear(id: string) {
  const ds = catalog.datasets.find((d) => d.id === id)!;
  const ctx = { catalogRoot: catalog.root, work: dir!.work, offline: true, effects: testEffects() };
  await fetchIfMissing(ds, ctx);
  const result = await validate({ from: 'stored', dataset: ds, catalog }, { work: ctx.work }, ctx.effects);
  const lines = (await readFile(dir!.work.rows(id), 'utf8')).trimEnd().split('\n');
  return { ...result, rows: lines.map((l) => JSON.parse(l) as Row) };
}

test('2018 CP949 CSV: every row read, gu stations conformed, roadside stations counted as unmatched', async () => {
  const expected = csvStationCounts();
  expect(expected.rows).toBe(14637);
  const { report, meta, rows } = await validateYear('air-quality-2018');
  expect(report).toMatchObject({ status: 'ok', rowsRead: expected.rows, valid: expected.rows, rejected: 0, duplicates: 0 });
  expect(rows).toHaveLength(expected.rows);
  expect(meta).toMatchObject({ rows: expected.rows, fetch: { outcome: 'fresh', sample: false } });

  expect(report.unmatchedDistrictValues).toEqual(notAGu(expected.byStation));
  expect(report.unmatchedDistrictValues).toEqual({
    강남대로: 365, 강변북로: 365, 공항대로: 365, 관악산: 61, 궁동: 61, 남산: 61, 도산대로: 365, 동작대로: 365, 북한산: 61, 세곡: 61,
    시흥대로: 36, 신촌로: 365, 영등포로: 365, 정릉로: 365, 종로: 365, 천호대로: 365, 청계천로: 365, 한강대로: 365, 행주: 61, 홍릉로: 365, 화랑로: 365,
  });
  expect(report.districtsUnmatched).toBe(5512);
  // 25 gu stations, 365 days each, all conformed.
  const conformed = rows.filter((r) => r.gu_code !== null);
  expect(conformed).toHaveLength(25 * 365);
  expect(new Set(conformed.map((r) => r.gu_code)).size).toBe(25);
  expect(conformed.every((r) => r.station === r.gu_ko)).toBe(true);

  // First and last lines of the file, and a missing PM10 (empty cell -> null).
  expect(rows[0]).toEqual({ date: '2018-01-01', station: '강남구', no2: 0.034, o3: 0.009, co: 0.6, so2: 0.006, pm10: 34, pm25: 22, gu_code: '11680', gu_ko: '강남구', gu_en: 'Gangnam-gu' });
  expect(rows[1]).toEqual({ date: '2018-01-01', station: '강남대로', no2: 0.04, o3: 0.007, co: 0.9, so2: 0.006, pm10: null, pm25: 17, gu_code: null, gu_ko: null, gu_en: null });
  expect(rows.at(-1)).toEqual({ date: '2018-12-31', station: '화랑로', no2: 0.032, o3: 0.005, co: 0.8, so2: 0.005, pm10: 47, pm25: 31, gu_code: null, gu_ko: null, gu_en: null });
  const jongno = rows.filter((r) => r.station === '종로구');
  expect(jongno).toHaveLength(365);
  expect(jongno[0]).toMatchObject({ gu_code: '11110', gu_ko: '종로구', gu_en: 'Jongno-gu' });
});

test('2014 XLSX (different headers, numeric dates): every row read, same canonical columns', async () => {
  const expected = xlsxStationCounts();
  expect(expected.rows).toBe(14541);
  const { report, meta, rows } = await validateYear('air-quality-2014');
  expect(report).toMatchObject({ status: 'ok', rowsRead: expected.rows, valid: expected.rows, rejected: 0, duplicates: 0 });
  expect(meta?.rows).toBe(expected.rows);
  expect(report.unmatchedDistrictValues).toEqual(notAGu(expected.byStation));
  expect(report.unmatchedDistrictValues).toEqual({
    강남대로: 360, 강변북로: 365, 공항대로: 347, 도산대로: 365, 동작대로: 365, 신촌로: 365, 영등포로: 365, 정릉로: 334,
    종로: 365, 천호대로: 365, 청계천로: 365, 한강대로: 365, 홍릉로: 365, 홍지문: 365, 화랑로: 365,
  });
  expect(report.districtsUnmatched).toBe(5421);
  const conformed = rows.filter((r) => r.gu_code !== null);
  expect(conformed).toHaveLength(expected.rows - 5421);
  expect(new Set(conformed.map((r) => r.gu_code)).size).toBe(25);
  expect(rows.filter((r) => r.gu_ko === '영등포구')).toHaveLength(362);

  expect(Object.keys(rows[0])).toEqual(['date', 'station', 'no2', 'o3', 'co', 'so2', 'pm10', 'pm25', 'gu_code', 'gu_ko', 'gu_en']);
  expect(rows[0]).toEqual({ date: '2014-01-01', station: '강남구', no2: 0.031, o3: 0.016, co: 0.5, so2: 0.01, pm10: 117, pm25: 29, gu_code: '11680', gu_ko: '강남구', gu_en: 'Gangnam-gu' });
  expect(rows[99]).toEqual({ date: '2014-01-03', station: '서초구', no2: 0.051, o3: 0.003, co: 0.9, so2: 0.007, pm10: 64, pm25: 25, gu_code: '11650', gu_ko: '서초구', gu_en: 'Seocho-gu' });
  expect(rows.at(-2)).toMatchObject({ date: '2014-12-31', station: '홍지문', pm10: 32, gu_code: null });
  // Empty cells are null, never 0: as many nulls per column as empty cells in the sheet.
  expect(expected.emptyNo2).toBeGreaterThan(0);
  expect(rows.filter((r) => r.no2 === null)).toHaveLength(expected.emptyNo2);
  expect(rows.filter((r) => r.pm10 === null)).toHaveLength(expected.emptyPm10);
  expect(rows.filter((r) => r.no2 === 0)).toHaveLength(0);
});
