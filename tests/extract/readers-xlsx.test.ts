import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import { readXlsx, XlsxError, type XlsxOptions } from '../../pipeline/extract/xlsx.ts';
import { readTable } from '../../pipeline/extract/read-table.ts';
import type { RawRecord, RawTable } from '../../pipeline/types.ts';
import { realData } from '../helpers/paths.ts';

async function all(table: RawTable): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of table.records) out.push(r);
  return out;
}

async function xlsxError(bytes: Uint8Array, opts: XlsxOptions = {}, file = 'book.xlsx'): Promise<XlsxError> {
  try {
    await readXlsx(bytes, file, opts);
  } catch (err) {
    if (err instanceof XlsxError) return err;
    throw err;
  }
  throw new Error('expected an XlsxError');
}

function book(sheets: Record<string, XLSX.WorkSheet>, date1904 = false): Buffer {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, ws, name);
  if (date1904) wb.Workbook = { ...wb.Workbook, WBProps: { date1904: true } };
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** Days after an epoch, as yyyy-MM-dd, computed without SheetJS. */
function isoDay(epochUtc: number, days: number): string {
  return new Date(epochUtc + days * 86_400_000).toISOString().slice(0, 10);
}

/** A minimal zip writer, so tests can build archives whose headers lie. CRCs are left 0. */
function zip(entries: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const comp = deflateRawSync(e.data, { level: 9 });
    const name = Buffer.from(e.name);
    const declared = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(comp.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, comp);
    centrals.push(central, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

describe('the real 2014 air-quality workbook', () => {
  const path = realData('seoul-air-daily-2014.xlsx');
  let records: RawRecord[];
  let headers: string[];
  beforeAll(async () => {
    const table = await readTable({ path, name: 'air-2014.xlsx' }, { format: 'xlsx' });
    headers = table.headers;
    records = await all(table);
  });

  test('headers as the department wrote them', () => {
    expect(headers).toEqual([
      '측정일시', '측정소명', '이산화질소농도(ppm)', '오존농도(ppm)', '이산화탄소농도(ppm)', '아황산가스(ppm)', '미세먼지(㎍/㎥)', '초미세먼지(㎍/㎥)',
    ]);
  });

  test('every row read: the sheet range A1:H14542 holds 14,541 records', () => {
    expect(records).toHaveLength(14541);
    expect(records[records.length - 1]!.loc).toEqual({ file: 'air-2014.xlsx', sheet: 'Sheet1', row: 14542 });
  });

  test('exact first-row values; numbers stay numbers', () => {
    expect(records[0]).toEqual({
      values: [20140101, '강남구', 0.031, 0.016, 0.5, 0.01, 117, 29],
      loc: { file: 'air-2014.xlsx', sheet: 'Sheet1', row: 2 },
    });
    expect(records[records.length - 1]!.values).toEqual([20141231, '화랑로', 0.049, 0.011, 0.8, 0.005, 38, 18]);
  });

  test('dates stored as yyyyMMdd numbers (General format) are not mistaken for serials; 365 days', () => {
    const dates = new Set(records.map((r) => r.values[0]));
    expect(dates.size).toBe(365);
    expect([...dates].every((d) => typeof d === 'number' && d >= 20140101 && d <= 20141231)).toBe(true);
  });

  test('a declared cell count over maxCells is refused before parsing, with the numbers', async () => {
    const err = await xlsxError(readFileSync(path), { maxCells: 100_000 }, 'air-2014.xlsx');
    expect(err.message).toContain('air-2014.xlsx');
    expect(err.message).toContain('maxCells 100000');
    expect(err.message).toContain('xl/worksheets/sheet1.xml A1:H14542');
    expect(err.message).toMatch(/declared cell count .* is 11633\d cells/);
  });

  test('a truncated workbook is an XlsxError naming the file', async () => {
    const bytes = readFileSync(path);
    for (const cut of [bytes.length - 10, Math.floor(bytes.length / 2), 100]) {
      const err = await xlsxError(bytes.subarray(0, cut), {}, 'air-2014.xlsx');
      expect(err.message).toMatch(/^air-2014\.xlsx: the workbook is truncated or damaged/);
    }
  });
});

describe('workbook shape', () => {
  function budgetSheet(): XLSX.WorkSheet {
    const ws = XLSX.utils.aoa_to_sheet([
      ['부서', '예산', null, '인구', '집행률', '기준일', '시각'],
      [null, '예산액', '집행액', '인구', null, null, null],
      ['기후환경본부', 1395000, 1000500.5, 10, 0.717, 45000, 0.75],
      ['교통실', 2, 3, 11, 0.5, 45000.75, 0.5],
      [null, null, null, null, null, null, null],
      ['재무국', 4, 5, 12, null, 45001, null],
      [null, '', null, null, null, null, null],
    ]);
    ws['!merges'] = [
      { s: { r: 0, c: 0 }, e: { r: 1, c: 0 } },
      { s: { r: 0, c: 1 }, e: { r: 0, c: 2 } },
      { s: { r: 0, c: 4 }, e: { r: 1, c: 4 } },
      { s: { r: 0, c: 5 }, e: { r: 1, c: 5 } },
      { s: { r: 0, c: 6 }, e: { r: 1, c: 6 } },
    ];
    for (const a of ['F3', 'F6']) ws[a]!.z = 'yyyy-mm-dd';
    ws['F4']!.z = 'yyyy-mm-dd hh:mm';
    for (const a of ['G3', 'G4']) ws[a]!.z = 'hh:mm';
    ws['H12'] = { t: 's', v: '' }; // an empty cell far below and right: empty trailing rows and column
    ws['!ref'] = 'A1:H12';
    return ws;
  }

  test('two-row merged header: one name per column; serial dates become ISO; empty rows skipped', async () => {
    const table = await readXlsx(book({ 예산: budgetSheet() }), 'budget.xlsx', { headerRows: 2 });
    expect(table.headers).toEqual(['부서', '예산 예산액', '예산 집행액', '인구', '집행률', '기준일', '시각']);
    const records = await all(table);
    const day = (n: number) => isoDay(Date.UTC(1899, 11, 30), n);
    expect(records).toEqual([
      { values: ['기후환경본부', 1395000, 1000500.5, 10, 0.717, day(45000), '18:00'], loc: { file: 'budget.xlsx', sheet: '예산', row: 3 } },
      { values: ['교통실', 2, 3, 11, 0.5, `${day(45000)}T18:00`, '12:00'], loc: { file: 'budget.xlsx', sheet: '예산', row: 4 } },
      { values: ['재무국', 4, 5, 12, null, day(45001), null], loc: { file: 'budget.xlsx', sheet: '예산', row: 6 } },
    ]);
    expect(day(45000)).toBe('2023-03-15');
  });

  test('with one header row the second header row is data', async () => {
    const table = await readXlsx(book({ 예산: budgetSheet() }), 'budget.xlsx');
    expect(table.headers).toEqual(['부서', '예산', '예산', '인구', '집행률', '기준일', '시각']);
    expect((await all(table))[0]!.values.slice(0, 4)).toEqual([null, '예산액', '집행액', '인구']);
  });

  test('1904 date system serials', async () => {
    const ws = XLSX.utils.aoa_to_sheet([['date'], [45000]]);
    ws['A2']!.z = 'yyyy-mm-dd';
    const records = await all(await readXlsx(book({ s: ws }, true), 'mac.xlsx'));
    expect(records[0]!.values).toEqual([isoDay(Date.UTC(1904, 0, 1), 45000)]);
  });

  test('leading empty rows are skipped and header cells are cleaned', async () => {
    const ws = XLSX.utils.aoa_to_sheet([[null], [' 측정\n소명 ', '값'], ['강남구', 1]]);
    const table = await readXlsx(book({ s: ws }), 'x.xlsx');
    expect(table.headers).toEqual(['측정 소명', '값']);
    expect(await all(table)).toEqual([{ values: ['강남구', 1], loc: { file: 'x.xlsx', sheet: 's', row: 3 } }]);
  });

  test('error and boolean cells; a legacy .xls (BIFF8) workbook reads the same way', async () => {
    const ws = XLSX.utils.aoa_to_sheet([['gu', 'ratio', 'ok'], ['강남구', 1, true]]);
    ws['B2'] = { t: 'e', v: 0x07 };
    expect((await all(await readXlsx(book({ s: ws }), 'x.xlsx')))[0]!.values).toEqual(['강남구', '#DIV/0!', true]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['측정소명', '값'], ['강남구', 34]]), '대기');
    const xls = XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
    const table = await readXlsx(xls, 'old.xls');
    expect(table.headers).toEqual(['측정소명', '값']);
    expect(await all(table)).toEqual([{ values: ['강남구', 34], loc: { file: 'old.xls', sheet: '대기', row: 2 } }]);
    expect((await xlsxError(xls, { maxUncompressedBytes: 100 })).message).toContain('over the limit maxUncompressedBytes 100');
  });

  test('sheet chosen by name or 0-based index; an unknown sheet lists the sheets', async () => {
    const bytes = book({ first: XLSX.utils.aoa_to_sheet([['a'], [1]]), 둘째: XLSX.utils.aoa_to_sheet([['b'], [2]]) });
    expect((await readXlsx(bytes, 'x.xlsx')).headers).toEqual(['a']);
    expect((await readXlsx(bytes, 'x.xlsx', { sheet: '둘째' })).headers).toEqual(['b']);
    const byIndex = await readXlsx(bytes, 'x.xlsx', { sheet: 1 });
    expect(await all(byIndex)).toEqual([{ values: [2], loc: { file: 'x.xlsx', sheet: '둘째', row: 2 } }]);
    const err = await xlsxError(bytes, { sheet: '셋째' });
    expect(err.message).toContain('no sheet "셋째"; the workbook has 0: "first", 1: "둘째"');
    expect((await xlsxError(bytes, { sheet: 5 })).message).toContain('no sheet at index 5');
  });

  test('skipRows ignores a title above the table; dropTotals drops 합계, 계, 총계, 소계 and Total rows wherever they are', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['2025년 자치구별 인구', null, null],
      ['(단위: 명)', null, null],
      [null, null, null],
      ['기간', '자치구', '인구'],
      ['2025.1/4', '합계', 9_386_034],
      ['2025.1/4', '종로구', 139_417],
      ['2025.1/4', '소 계', 139_417],
      ['2025.1/4', '중구', 120_000],
      ['TOTAL', null, 259_417],
      ['총계', null, 1],
      ['계', null, 2],
      ['2025.1/4', '합계 인구', 3],
    ]);
    const bytes = book({ s: ws });
    const table = await readXlsx(bytes, 'pop.xlsx', { skipRows: 3, dropTotals: true });
    expect(table.headers).toEqual(['기간', '자치구', '인구']);
    expect(await all(table)).toEqual([
      { values: ['2025.1/4', '종로구', 139_417], loc: { file: 'pop.xlsx', sheet: 's', row: 6 } },
      { values: ['2025.1/4', '중구', 120_000], loc: { file: 'pop.xlsx', sheet: 's', row: 8 } },
      // Not a totals label: the whole cell must be one.
      { values: ['2025.1/4', '합계 인구', 3], loc: { file: 'pop.xlsx', sheet: 's', row: 12 } },
    ]);
    // Without the options the title is the header and the totals are rows.
    const plain = await readXlsx(bytes, 'pop.xlsx');
    expect(plain.headers).toEqual(['2025년 자치구별 인구']);
    expect(await all(await readXlsx(bytes, 'pop.xlsx', { skipRows: 3 }))).toHaveLength(8);
    // Skipped rows that leave nothing, and a bad count, are clear errors.
    expect((await xlsxError(bytes, { skipRows: 40 })).message).toContain('no header row below the 40 skipped row(s)');
    expect((await xlsxError(bytes, { skipRows: -1 })).message).toContain('skipRows must be a whole number of at least 0');
  });

  test('an empty sheet and a bad headerRows are clear errors', async () => {
    const empty = book({ empty: XLSX.utils.aoa_to_sheet([]) });
    expect((await xlsxError(empty)).message).toContain('[empty]: the sheet is empty');
    expect((await xlsxError(book({ s: XLSX.utils.aoa_to_sheet([['a']]) }), { headerRows: 0 })).message).toContain('headerRows must be');
  });
});

describe('refused before parsing', () => {
  const contentTypes = { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') };
  const hugeSheet = Buffer.concat([Buffer.from('<worksheet><dimension ref="A1"/><sheetData>'), Buffer.alloc(16 * 1024 * 1024, 0x20)]);

  test('a zip bomb: the central directory declares more than maxUncompressedBytes', async () => {
    const bomb = zip([contentTypes, { name: 'xl/worksheets/sheet1.xml', data: hugeSheet }]);
    expect(bomb.length).toBeLessThan(100_000);
    const err = await xlsxError(bomb, { maxUncompressedBytes: 1_000_000 }, 'bomb.xlsx');
    expect(err.message).toContain('bomb.xlsx');
    expect(err.message).toContain(`is ${hugeSheet.length + contentTypes.data.length} bytes`);
    expect(err.message).toContain('over the limit maxUncompressedBytes 1000000');
  });

  test('a zip bomb whose headers lie about the size is stopped while inflating', async () => {
    const bomb = zip([contentTypes, { name: 'xl/worksheets/sheet1.xml', data: hugeSheet, declared: 1000 }]);
    const err = await xlsxError(bomb, { maxUncompressedBytes: 1_000_000 }, 'liar.xlsx');
    expect(err.message).toContain('xl/worksheets/sheet1.xml inflates past its declared size of 1000 bytes');
  });

  test('the default limit is 200 MB', async () => {
    const declaredHuge = zip([contentTypes, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), declared: 300 * 1024 * 1024 }]);
    const err = await xlsxError(declaredHuge);
    expect(err.message).toContain(`over the limit maxUncompressedBytes ${200 * 1024 * 1024}`);
  });

  test('a file that is not a zip at all', async () => {
    const err = await xlsxError(readFileSync(realData('seoul-cctv-by-gu.utf8bom.csv')), {}, 'cctv.xlsx');
    expect(err.message).toMatch(/^cctv\.xlsx: not an XLSX workbook/);
    expect((await xlsxError(new Uint8Array(0), {}, 'empty.xlsx')).message).toContain('the file is empty');
  });

  test('a zip that is not a workbook is reported by SheetJS, wrapped', async () => {
    const notBook = zip([{ name: 'hello.txt', data: Buffer.from('hi') }]);
    const err = await xlsxError(notBook, {}, 'odd.xlsx');
    expect(err.message).toMatch(/^odd\.xlsx: /);
  });
});
