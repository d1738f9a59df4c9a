import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { CsvError, readCsv, type CsvOptions } from '../../pipeline/extract/csv.ts';
import { decodeStream } from '../../pipeline/extract/decode.ts';
import { readTable, SourceFileError } from '../../pipeline/extract/read-table.ts';
import type { RawRecord, RawTable } from '../../pipeline/types.ts';
import { realData } from '../helpers/paths.ts';

async function all(table: RawTable): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of table.records) out.push(r);
  return out;
}

/** Read CSV text fed in chunks of `size` bytes (small sizes cut records and characters). */
async function csv(text: string, opts: CsvOptions = {}, size = 1 << 16): Promise<{ headers: string[]; records: RawRecord[] }> {
  const bytes = Buffer.from(text);
  function* chunks() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  const table = await readCsv(decodeStream(chunks(), 'auto', 'test.csv'), 'test.csv', opts);
  return { headers: table.headers, records: await all(table) };
}

async function csvError(text: string, opts: CsvOptions = {}, size?: number): Promise<CsvError> {
  try {
    await csv(text, opts, size);
  } catch (err) {
    if (err instanceof CsvError) return err;
    throw err;
  }
  throw new Error('expected a CsvError');
}

const values = (records: RawRecord[]) => records.map((r) => r.values);
const lines = (records: RawRecord[]) => records.map((r) => r.loc.line);

describe('real Seoul files', () => {
  test('2018 daily air quality, CP949 (auto-detected), streamed from disk', async () => {
    const path = realData('seoul-air-daily-2018.cp949.csv');
    // Independent count: decode the whole file with iconv-lite and count non-empty lines minus the header.
    const expected = iconv.decode(readFileSync(path), 'cp949').split(/\r?\n/).filter((l) => l.trim() !== '').length - 1;
    const table = await readTable({ path, name: 'air-2018.csv' }, { format: 'csv' });
    expect(table.headers).toEqual([
      '측정일시', '측정소명', '이산화질소농도(ppm)', '오존농도(ppm)', '일산화탄소농도(ppm)', '아황산가스농도(ppm)', '미세먼지농도(㎍/㎥)', '초미세먼지농도(㎍/㎥)',
    ]);
    const records = await all(table);
    expect(records).toHaveLength(expected);
    expect(records).toHaveLength(14637);
    expect(records[0]).toEqual({ values: ['20180101', '강남구', '0.034', '0.009', '0.6', '0.006', '34', '22'], loc: { file: 'air-2018.csv', line: 2 } });
    // A roadside station with a missing PM10 value (empty cell stays an empty string).
    expect(records[1]).toEqual({ values: ['20180101', '강남대로', '0.04', '0.007', '0.9', '0.006', '', '17'], loc: { file: 'air-2018.csv', line: 3 } });
    const last = records[records.length - 1]!;
    expect(last.values.slice(0, 2)).toEqual(['20181231', '화랑로']);
    expect(last.loc.line).toBe(14638);
    expect(new Set(records.map((r) => r.values[1])).has('강변북로')).toBe(true);
  });

  test('CCTV by gu, UTF-8 with BOM and every field quoted', async () => {
    const table = await readTable({ path: realData('seoul-cctv-by-gu.utf8bom.csv') }, { format: 'csv', encoding: 'auto' });
    expect(table.headers).toEqual(['기관명', '소계', '2013년도 이전', '2014년', '2015년', '2016년']);
    expect(table.headers[0]!.charCodeAt(0)).not.toBe(0xfeff);
    const records = await all(table);
    expect(records).toHaveLength(25);
    expect(records[0]!.values).toEqual(['강남구', '2780', '1292', '430', '584', '932']);
    expect(records[24]!.values).toEqual(['중랑구', '660', '509', '121', '177', '109']);
    expect(records[24]!.loc.line).toBe(26);
  });

  test('the same bytes given in memory read the same', async () => {
    const path = realData('seoul-cctv-by-gu.utf8bom.csv');
    const fromBytes = await readTable({ bytes: readFileSync(path), name: 'cctv.csv' }, { format: 'csv' });
    const records = await all(fromBytes);
    expect(records).toHaveLength(25);
    expect(records[3]).toEqual({ values: ['강서구', '884', '388', '258', '184', '81'], loc: { file: 'cctv.csv', line: 5 } });
  });
});

describe('newlines and quoting', () => {
  const rows = [['구분', '값'], ['강남구', '1'], ['서초구', '2'], ['송파구', '3']];
  test.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('%s newlines', async (_, nl) => {
    const { headers, records } = await csv(rows.map((r) => r.join(',')).join(nl) + nl);
    expect(headers).toEqual(['구분', '값']);
    expect(values(records)).toEqual(rows.slice(1));
    expect(lines(records)).toEqual([2, 3, 4]);
  });

  test('mixed newlines in one file, at every chunk size', async () => {
    const text = '구분,값\r\n강남구,1\n서초구,"2"\r\n송파구,3\r강동구,4';
    for (const size of [1, 2, 3, 5, 1 << 16]) {
      const { records } = await csv(text, {}, size);
      expect(values(records)).toEqual([['강남구', '1'], ['서초구', '2'], ['송파구', '3'], ['강동구', '4']]);
      expect(lines(records)).toEqual([2, 3, 4, 5]);
    }
  });

  test('newlines inside quotes: the value keeps them and later records keep their physical line', async () => {
    const text = 'id,note,n\r\n1,"첫 줄\r\n둘째 줄\r\n셋째 줄",10\r\n2,"a ""quoted"" word",20\r\n3,plain,30\r\n';
    for (const size of [1, 4, 1 << 16]) {
      const { records } = await csv(text, {}, size);
      expect(values(records)).toEqual([
        ['1', '첫 줄\n둘째 줄\n셋째 줄', '10'],
        ['2', 'a "quoted" word', '20'],
        ['3', 'plain', '30'],
      ]);
      expect(lines(records)).toEqual([2, 5, 6]);
    }
  });

  test('thousands separators in quotes stay raw strings', async () => {
    const { records } = await csv('gu,budget,rate\n강남구,"1,395","12.5"\n');
    expect(records[0]!.values).toEqual(['강남구', '1,395', '12.5']);
  });

  test('an unterminated quote fails with the file and the line where the quote opens', async () => {
    const text = 'a,b\n1,2\n3,"never closed\n4,5\n6,7\n';
    for (const size of [3, 1 << 16]) {
      const err = await csvError(text, {}, size);
      expect(err.line).toBe(3);
      expect(err.message).toContain('test.csv:3');
      expect(err.message).toContain('unterminated quoted field');
    }
  });

  test('a malformed closing quote fails with its line', async () => {
    const err = await csvError('a,b\n1,2\n"x"y,3\n');
    expect(err.line).toBe(3);
    expect(err.message).toContain('malformed quoted field');
  });
});

describe('table shape', () => {
  test('trailing empty header cells are dropped; rows with extra empty cells are fine', async () => {
    const { headers, records } = await csv('구분,2015,2016,,\n강남구,1,2,,\n서초구,3,4\n송파구,5,6,,,,\n');
    expect(headers).toEqual(['구분', '2015', '2016']);
    expect(values(records)).toEqual([['강남구', '1', '2'], ['서초구', '3', '4'], ['송파구', '5', '6']]);
  });

  test('short rows are padded with null', async () => {
    const { records } = await csv('a,b,c\n1\n');
    expect(records[0]!.values).toEqual(['1', null, null]);
  });

  test('a value beyond the header (an unquoted comma) fails with the line and the value', async () => {
    const err = await csvError('gu,budget\n강남구,1395\n서초구,1,395\n');
    expect(err.line).toBe(3);
    expect(err.message).toContain('3 values but the header has 2 columns');
    expect(err.message).toContain('"395"');
  });

  test('header cells are trimmed and a BOM inside the header is removed', async () => {
    const { headers } = await csv('\uFEFF\uFEFF 측정일시 ,"측정\n소명", 값\n1,2,3\n');
    expect(headers).toEqual(['측정일시', '측정 소명', '값']);
  });

  test('skipRows drops title lines before the header; line numbers stay physical', async () => {
    const text = '2016년 서울시 CCTV 현황\n(단위: 대)\n기관명,소계\n강남구,2780\n';
    const { headers, records } = await csv(text, { skipRows: 2 }, 3);
    expect(headers).toEqual(['기관명', '소계']);
    expect(records).toEqual([{ values: ['강남구', '2780'], loc: { file: 'test.csv', line: 4 } }]);
  });

  test('blank lines and delimiter-only lines are skipped', async () => {
    const { headers, records } = await csv('\n\na,b\n\n1,2\n,\n  ,\n3,4\n\n');
    expect(headers).toEqual(['a', 'b']);
    expect(values(records)).toEqual([['1', '2'], ['3', '4']]);
    expect(lines(records)).toEqual([5, 8]);
  });

  const withTotals = '구분,소계\n강남구,2780\n합계,3553\n 합 계 ,1\n계,2\n총계,3\n소계,4\nTotal,5\n,TOTAL\n강동구,773\n';
  test('totals rows are kept by default', async () => {
    const { records } = await csv(withTotals);
    expect(records.map((r) => r.values[0])).toEqual(['강남구', '합계', ' 합 계 ', '계', '총계', '소계', 'Total', '', '강동구']);
  });

  test('totals rows are dropped with dropTotals', async () => {
    const { headers, records } = await csv(withTotals, { dropTotals: true });
    expect(headers).toEqual(['구분', '소계']); // a header named 소계 is not a totals row
    expect(records).toEqual([
      { values: ['강남구', '2780'], loc: { file: 'test.csv', line: 2 } },
      { values: ['강동구', '773'], loc: { file: 'test.csv', line: 10 } },
    ]);
  });

  test('a totals label after a period column is found (the city\'s population files)', async () => {
    const { records } = await csv('기간,자치구,인구\n2026.3/4,합계,"9,386,034"\n2026.3/4,종로구,"139,417"\n', { dropTotals: true });
    expect(values(records)).toEqual([['2026.3/4', '종로구', '139,417']]);
  });

  test('explicit delimiters, and tab or semicolon guessed when not given', async () => {
    expect(values((await csv('a;b\n1,5;2\n', { delimiter: ';' })).records)).toEqual([['1,5', '2']]);
    expect(values((await csv('a\tb\n1\t2\n', { delimiter: 'tab' })).records)).toEqual([['1', '2']]);
    expect((await csv('a\tb\tc\n1\t2\t3\n4\t5\t6\n')).headers).toEqual(['a', 'b', 'c']);
    expect((await csv('a;b;c\n1;2;3\n4;5;6\n')).headers).toEqual(['a', 'b', 'c']);
    expect((await csv('"a,1";b\n"1,5";2\n"2,5";3\n', { delimiter: 'auto' })).records[0]!.values).toEqual(['1,5', '2']);
  });

  test('an empty file, or one with only skipped lines, has no header', async () => {
    expect((await csvError('')).message).toContain('no header row');
    expect((await csvError('title\n', { skipRows: 3 })).message).toContain('no header row after skipping 3 lines');
  });

  test('a missing file is a SourceFileError naming it', async () => {
    await expect(readTable({ path: '/nonexistent/air.csv' }, { format: 'csv' })).rejects.toThrow(SourceFileError);
    await expect(readTable({ path: '/nonexistent/air.csv' }, { format: 'csv' })).rejects.toThrow('/nonexistent/air.csv: file not found');
  });

  test('a CP949 file declared utf-8 fails through readTable with the hint', async () => {
    const path = realData('seoul-air-daily-2018.cp949.csv');
    await expect(readTable({ path }, { format: 'csv', encoding: 'utf-8' })).rejects.toThrow('this looks like CP949; set encoding: cp949 or auto');
  });

  test('breaking out of the records early releases the file', async () => {
    const table = await readTable({ path: realData('seoul-air-daily-2018.cp949.csv') }, { format: 'csv', encoding: 'cp949' });
    let n = 0;
    for await (const r of table.records) {
      expect(r.values).toHaveLength(8);
      if (++n === 3) break;
    }
    expect(n).toBe(3);
  });
});

describe('the two tokenizing paths agree', () => {
  // Text without quotes is cut directly at newlines and delimiters; text with quotes goes through
  // papaparse. Both must give papaparse's own records, wherever the chunks happen to be cut.
  function generated(seed: number, quoteShare: number): string {
    let s = seed;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const cell = () => {
      const r = next();
      if (r < 0.1) return '';
      if (r < 0.15) return ' ';
      if (r < 0.5) return String(Math.floor(next() * 1e6) / 100);
      if (next() < quoteShare) return next() < 0.5 ? '"a,b ""c""\nd"' : 'x"y';
      return ['강남구', '중구', 'Jung-gu', '합계', '-', '…'][Math.floor(next() * 6)]!;
    };
    const lines = ['a,b,c,d'];
    for (let i = 0; i < 1500; i++) {
      const r = next();
      const width = r < 0.05 ? 2 : r < 0.08 ? 0 : 4;
      lines.push(Array.from({ length: width }, cell).join(','));
    }
    const nl = ['\n', '\r\n', '\r'];
    return lines.map((l) => l + nl[Math.floor(next() * 3)]).join('').slice(0, next() < 0.5 ? undefined : -1);
  }

  test.each([[1, 0], [2, 0], [3, 0.0005], [4, 0.002], [5, 0.1]])('seed %i (share of cells with a quote: %s), at every chunk size', async (seed, share) => {
    const text = generated(seed, share);
    const expectedLines: number[] = [];
    let line = 1;
    const expected: (string | null)[][] = [];
    Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), {
      delimiter: ',', newline: '\n',
      step: (res) => {
        const row = res.data;
        if (line > 1 && row.some((c) => c.trim() !== '')) {
          expected.push([...row.slice(0, 4), ...Array(Math.max(0, 4 - row.length)).fill(null)]);
          expectedLines.push(line);
        }
        line += row.join(',').split('\n').length; // the record's lines, quoted newlines included
      },
    });
    expect(expected.length).toBeGreaterThan(1200);
    for (const size of [13, 1000, 1 << 16]) {
      const { records } = await csv(text, { delimiter: ',' }, size);
      expect(values(records)).toEqual(expected);
      // Quoted values may span lines: a record's line is where it starts.
      expect(lines(records)).toEqual(expectedLines);
    }
  });

  test('quote-free records keep their physical lines, blank lines counted', async () => {
    const { records } = await csv('a,b\n\n1,2\r\n\r\n,\n3,4\n', {}, 3);
    expect(values(records)).toEqual([['1', '2'], ['3', '4']]);
    expect(lines(records)).toEqual([3, 6]);
  });

  test('batches hold the same records as the record stream, located the same', async () => {
    const text = generated(6, 0.001);
    const { records } = await csv(text, { delimiter: ',' }, 100);
    const table = await readCsv(decodeStream([Buffer.from(text)], 'auto', 'test.csv'), 'test.csv', { delimiter: ',' });
    const fromBatches: RawRecord[] = [];
    for await (const batch of table.batches!) for (let i = 0; i < batch.length; i++) fromBatches.push({ values: batch.values(i), loc: batch.loc(i) });
    expect(fromBatches).toEqual(records);
  });

  test('quote errors far into quote-free text name their line', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `${i},x`);
    const at = (i: number, bad: string) => ['a,b', ...rows.slice(0, i), bad, ...rows.slice(i)].join('\n');
    for (const size of [100, 1 << 16]) {
      expect((await csvError(at(1500, '1,"open'), {}, size)).message).toMatch(/^test\.csv:1502: unterminated quoted field/);
      expect((await csvError(at(1500, '1,"x"y'), {}, size)).message).toMatch(/^test\.csv:1502: malformed quoted field/);
      const { records } = await csv(at(1500, '1,"a\nb"'), {}, size);
      expect(records[1500]).toEqual({ values: ['1', 'a\nb'], loc: { file: 'test.csv', line: 1502 } });
      expect(records[1501]!.loc.line).toBe(1504);
    }
  });

  test('a value beyond the header fails after the records before it were read', async () => {
    const table = await readCsv(decodeStream([Buffer.from('a,b\n1,2\n3,4\n5,6,7\n8,9\n')], 'auto', 'test.csv'), 'test.csv');
    const seen: unknown[] = [];
    await expect((async () => { for await (const r of table.records) seen.push(r.values); })()).rejects.toThrow('test.csv:4: 3 values but the header has 2 columns (extra value "7")');
    expect(seen).toEqual([['1', '2'], ['3', '4']]);
  });
});
