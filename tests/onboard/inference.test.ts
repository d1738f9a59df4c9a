// The pieces `new dataset --from` decides with, on small inputs: names, units, layout, keys,
// cadence; and the command's refusals, each naming what is wrong.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { guessCadence } from '../../pipeline/onboard/cadence-guess.ts';
import { nameHeaders, slug } from '../../pipeline/onboard/column-names.ts';
import { csvLayout } from '../../pipeline/onboard/csv-layout.ts';
import { proposeKey, type KeyColumn } from '../../pipeline/onboard/primary-key.ts';
import { romanize } from '../../pipeline/onboard/romanize.ts';
import { findTableHead } from '../../pipeline/onboard/table-head.ts';
import { splitUnit, unitInTitle } from '../../pipeline/onboard/units.ts';
import { tempCatalog, type TempCatalog } from '../check/helpers.ts';
import { citydash, descriptor } from './helpers.ts';

test('Hangul romanized syllable by syllable; slugs are valid column names', () => {
  expect(romanize('집행률')).toBe('jiphaengryul');
  expect(romanize('평균처리일수 (일)')).toBe('pyeonggyuncheoriilsu (il)');
  expect(slug('2013년도 이전')).toBe('y2013_ijeon');
  expect(slug('2014년')).toBe('y2014');
  expect(slug('stationLatitude')).toBe('station_latitude');
  expect(slug('3개월 평균')).toBe('c3gaewol_pyeonggyun');
  expect(slug('※')).toBe('column');
  expect(slug('가'.repeat(100))).toMatch(/^(ga){32}$/);
});

test('known Seoul headers get their usual names; repeats and reserved names stay unique', () => {
  const named = nameHeaders(['측정일시', '측정소명', '미세먼지 농도(㎍/㎥)', '승차총승객수', 'MSRSTE_NM', '예산(백만원) 본예산', '자치구코드', 'gu_code', '수질']);
  expect(named.map((n) => [n.name, n.unit ?? '', n.slug])).toEqual([
    ['date', '', false], ['station', '', false], ['pm10', '㎍/㎥', false], ['boardings', '', false], ['station_2', '', false],
    ['budget_original', '백만원', false], ['district_code', '', false], ['gu_code_raw', '', true], ['sujil', '', true],
  ]);
});

test('units: known units and 단위 said outright; other brackets stay in the name', () => {
  expect(splitUnit('인구(명)')).toEqual({ base: '인구', unit: '명' });
  expect(splitUnit('가격(원)')).toEqual({ base: '가격', unit: '원' });
  expect(splitUnit('아황산가스(ppm)')).toEqual({ base: '아황산가스', unit: 'ppm' });
  expect(splitUnit('예산액 [단위: 천원]')).toEqual({ base: '예산액', unit: '천원' });
  expect(splitUnit('인구(내국인)')).toEqual({ base: '인구(내국인)' });
  expect(unitInTitle('2025년 예산 현황 (단위: 백만원)')).toBe('백만원');
  expect(unitInTitle('2025년 예산 현황')).toBeUndefined();
});

test('the header is the first row filling half the table; the rows above are titles', () => {
  expect(findTableHead([['제목'], [], ['(단위: 명)', null], ['a', 'b', 'c', 'd'], ['1', '2', '3', '4']])).toEqual({ header: 3, titles: ['제목', '(단위: 명)'], width: 4 });
  expect(findTableHead([['a', 'b'], ['1', '']])).toEqual({ header: 0, titles: [], width: 2 });
  expect(findTableHead([[], [null]])).toBeUndefined();
});

test('CSV layout: encoding, delimiter and title lines from the first bytes', async () => {
  const cp949 = iconv.encode('서울시 통계\r\n\r\n구분|값\r\n종로구|1\r\n중구|2\r\n', 'cp949');
  expect(await csvLayout(cp949, 'x.csv', true)).toMatchObject({
    encoding: 'auto', detected: 'cp949', bom: false, delimiter: '|', writeDelimiter: true, skipRows: 2, headerLine: 3, titles: ['서울시 통계'], lineEndings: { crlf: 5, lf: 0, cr: 0 },
  });
  const plain = Buffer.from('a,b\n1,2\r3,4\n');
  expect(await csvLayout(plain, 'x.csv', true)).toMatchObject({ encoding: 'auto', detected: 'utf-8', delimiter: ',', writeDelimiter: false, skipRows: 0, lineEndings: { crlf: 0, lf: 2, cr: 1 } });
  // UTF-16 without a byte-order mark whose first character is Hangul: auto cannot tell, so it is named.
  const utf16 = Buffer.from('구분\t값\r\n종로구\t1\r\n', 'utf16le');
  expect(await csvLayout(utf16, 'x.txt', true)).toMatchObject({ encoding: 'utf-16le', detected: 'utf-16le', delimiter: '\t' });
});

test('primary key: fewest columns, names before counts, a row number last', () => {
  const col = (index: number, ids: number[], rank: number): KeyColumn => ({ index, ids: Int32Array.from(ids), distinct: new Set(ids).size, rank });
  const date = col(0, [0, 0, 1, 1], 0);
  const gu = col(1, [0, 1, 0, 1], 1);
  const count = col(2, [5, 6, 7, 8], 5);
  const rowNumber = col(3, [0, 1, 2, 3], 9);
  expect(proposeKey([date, gu, count, rowNumber], 4)).toEqual({ columns: [0, 1], unique: true, duplicates: 0 });
  expect(proposeKey([date, count], 4)).toEqual({ columns: [2], unique: true, duplicates: 0 });
  expect(proposeKey([date, col(1, [0, 0, 0, 0], 1)], 4)).toEqual({ columns: [0, 1], unique: false, duplicates: 2 });
  expect(proposeKey([], 4)).toBeUndefined();
});

test('cadence from the spacing of time values', () => {
  expect(guessCadence(['2025-01-01T01:00', '2025-01-01T02:00'])?.every).toBe('hourly');
  expect(guessCadence(['2025-01-01', '2025-01-02', '2025-01-02'])?.every).toBe('daily');
  expect(guessCadence(['2025-01-01', '2025-01-08'])?.every).toBe('weekly');
  expect(guessCadence(['2025-01-01', '2025-02-01', '2025-03-01'])?.every).toBe('monthly');
  expect(guessCadence(['2025-01-01', '2025-04-01'])?.every).toBe('quarterly');
  expect(guessCadence(['2023-01-01', '2024-01-01'])?.every).toBe('yearly');
  expect(guessCadence(['2025-01-01'])).toBeUndefined();
});

describe('the command', () => {
  let cat: TempCatalog;
  let dir: string;
  beforeAll(async () => {
    cat = await tempCatalog();
    dir = await mkdtemp(join(tmpdir(), 'citydash-onboard-cli-'));
  });
  afterAll(async () => {
    await cat?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const run = (args: string[]) => citydash(['new', 'dataset', ...args, '--catalog', cat.root], { cwd: dir });

  test('without --department the files go to sources/unassigned/, marked for review', async () => {
    await writeFile(join(dir, 'Noise Complaints 2025.csv'), '접수일자,자치구,건수\n2025-01-01,종로구,3\n2025-01-02,종로구,4\n');
    const made = await run(['--from', 'Noise Complaints 2025.csv']);
    expect(made.error).toBeUndefined();
    const d = await descriptor(cat.root, 'unassigned', 'noise-complaints-2025');
    expect(d.value.department).toEqual({ id: 'unassigned', ko: '부서 이름', en: 'Department name' });
    expect(d.text).toMatch(/department: .* # check: no --department given/);
    expect(d.value.columns.received_on).toMatchObject({ type: 'date', format: 'yyyy-MM-dd' });
  });

  test('a known department keeps its names; --sheet reads the sheet asked for', async () => {
    const XLSX = await import('xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['자치구', '값'], ...Array.from({ length: 30 }, (_, i) => [`구${i}`, i])]), '큰표');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['연도', '금액(원)'], [2024, 10], [2025, 20]]), '작은표');
    await writeFile(join(dir, 'two.xlsx'), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const made = await run(['--from', 'two.xlsx', '--sheet', '작은표', '--department', 'climate-environment']);
    expect(made.error).toBeUndefined();
    const d = await descriptor(cat.root, 'climate-environment', 'two');
    expect(d.value.department).toEqual({ id: 'climate-environment', ko: '기후환경본부', en: 'Climate and Environment HQ' });
    expect(d.value.extract.xlsx).toEqual({ sheet: '작은표' });
    expect(d.value.columns).toMatchObject({ year: { type: 'integer' }, amount: { type: 'integer', unit: '원' } });
    expect(d.value.update).toEqual({ every: 'yearly' });
    expect((await run(['--from', 'two.xlsx', '--id', 'two-b', '--sheet', '없음'])).error?.message).toMatch(/no sheet "없음"; the workbook has "큰표", "작은표"/);
  });

  test('refusals name the problem and write nothing', async () => {
    await writeFile(join(dir, 'header-only.csv'), '자치구,값\n');
    await writeFile(join(dir, 'garbage.csv'), Buffer.from([0x41, 0x2c, 0x42, 0x0a, 0xff, 0xfe, 0xfd, 0x80, 0x0a]));
    const err = async (args: string[]) => (await run(args)).error?.message ?? '';
    expect(await err(['--from', 'missing.csv'])).toMatch(/--from ".*missing.csv": no such file/);
    expect(await err(['--from', 'header-only.csv'])).toMatch(/header-only.csv: no data rows below the header \(line 1\)/);
    expect(await err(['--from', 'garbage.csv', '--id', 'garbage'])).toMatch(/garbage.csv:2 \(byte 4\): neither UTF-8 nor CP949/);
    expect(await err(['--from', 'ftp://example.org/x.csv'])).toMatch(/only http:, https: and seoul-openapi: sources/);
    expect(await err(['--from', 'seoul-openapi:bad service'])).toMatch(/is not a Seoul Open API service name/);
    // A key in the URL would be published in the descriptor: refused, its value never repeated.
    const keyed = await err(['--from', 'https://apis.data.go.kr/1360000/x?serviceKey=SECRET-VALUE-123&numOfRows=10']);
    expect(keyed).toMatch(/the URL's "serviceKey" looks like a key, which would be written into the descriptor/);
    expect(keyed).not.toContain('SECRET-VALUE-123');
    expect(await err(['--from', 'https://user:pw-SECRET@example.org/x.csv'])).toMatch(/carries a user name or password/);
    expect(await err(['--from', 'header-only.csv', '--id', 'air-daily'])).toMatch(/a dataset with id "air-daily" already exists/);
    expect(await err(['--id', 'x'])).toMatch(/new dataset --id needs --department/);
    expect(await err([])).toMatch(/new dataset needs --from FILE/);
    await expect(readFile(join(cat.root, 'sources/unassigned/header-only.yaml'))).rejects.toThrow();
    await expect(readFile(join(cat.root, 'sources/unassigned/garbage.yaml'))).rejects.toThrow();
  });
});
