import iconv from 'iconv-lite';
import { JsonError, readJsonRecords } from '../../pipeline/extract/json-records.ts';
import { readTable } from '../../pipeline/extract/read-table.ts';
import type { RawRecord, RawTable } from '../../pipeline/types.ts';

async function all(table: RawTable): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of table.records) out.push(r);
  return out;
}

function jsonError(text: string, records?: string): JsonError {
  try {
    readJsonRecords(text, 'body.json', { records });
  } catch (err) {
    if (err instanceof JsonError) return err;
    throw err;
  }
  throw new Error('expected a JsonError');
}

/** The Seoul Open API wire format (DailyAverageAirQuality), values as the API sends them. */
const seoul = {
  DailyAverageAirQuality: {
    list_total_count: 2,
    RESULT: { CODE: 'INFO-000', MESSAGE: '정상 처리되었습니다' },
    row: [
      { MSRDT_DE: '20240101', MSRSTE_NM: '강남구', PM10: 34, PM25: 22.5, NO2: 0.034 },
      { MSRDT_DE: '20240101', MSRSTE_NM: '강남대로', PM10: null, PM25: 17, EXTRA: { a: [1, 2] }, FLAG: true },
    ],
  },
};

test('records at a dot path; headers in order of first appearance; values kept as they are', async () => {
  const table = readJsonRecords(JSON.stringify(seoul), 'air.json', { records: 'DailyAverageAirQuality.row' });
  expect(table.headers).toEqual(['MSRDT_DE', 'MSRSTE_NM', 'PM10', 'PM25', 'NO2', 'EXTRA', 'FLAG']);
  expect(await all(table)).toEqual([
    { values: ['20240101', '강남구', 34, 22.5, 0.034, null, null], loc: { file: 'air.json', index: 0 } },
    { values: ['20240101', '강남대로', null, 17, null, '{"a":[1,2]}', true], loc: { file: 'air.json', index: 1 } },
  ]);
});

test('a top-level array needs no path; numeric segments index arrays', async () => {
  const list = [{ gu: '종로구', n: 1 }, { n: 2, gu: '중구' }];
  const table = readJsonRecords(JSON.stringify(list), 'list.json');
  expect(table.headers).toEqual(['gu', 'n']);
  expect((await all(table)).map((r) => r.values)).toEqual([['종로구', 1], ['중구', 2]]);
  const nested = readJsonRecords(JSON.stringify({ pages: [{ rows: list }] }), 'n.json', { records: 'pages.0.rows' });
  expect((await all(nested)).length).toBe(2);
});

test('an object body without a path suggests where the records are', () => {
  const err = jsonError(JSON.stringify(seoul));
  expect(err.message).toContain('not an array of records');
  expect(err.message).toContain('set json.records to "DailyAverageAirQuality.row"');
});

test('a wrong path says which segment is missing and what keys exist', () => {
  const err = jsonError(JSON.stringify(seoul), 'DailyAverageAirQuality.rows');
  expect(err.message).toContain('records path "DailyAverageAirQuality.rows": no "rows" in DailyAverageAirQuality');
  expect(err.message).toContain('"list_total_count", "RESULT", "row"');
  expect(jsonError(JSON.stringify(seoul), 'DailyAverageAirQuality.RESULT').message).toContain('leads to an object, not an array');
  expect(jsonError('[1, 2]').message).toContain('record 0 is a number, not an object');
});

test('truncated JSON fails with the file and the position where it ends', () => {
  const text = JSON.stringify(seoul, null, 2);
  const cut = text.slice(0, 200);
  const err = jsonError(cut);
  const lines = cut.split('\n');
  expect(err.message).toContain(`body.json:${lines.length}:${lines[lines.length - 1]!.length + 1}`);
  expect(err.message).toContain('ends early at character 200');
});

test('invalid JSON fails with line, column and the unexpected text', () => {
  const err = jsonError('{\n  "row": [\n    {"a": 1,}\n  ]\n}');
  expect(err.message).toContain('body.json:3:13');
  expect(err.message).toContain('unexpected "}');
  expect(jsonError('[{"a": 1}] trailing').message).toContain('body.json:1:12');
});

test('readTable decodes a JSON body (CP949 included) from bytes or a path', async () => {
  const bytes = iconv.encode(JSON.stringify([{ 측정소명: '강남구', 값: 1 }]), 'cp949');
  const table = await readTable({ bytes, name: 'api.json' }, { format: 'json', encoding: 'auto' });
  expect(table.headers).toEqual(['측정소명', '값']);
  expect((await all(table))[0]).toEqual({ values: ['강남구', 1], loc: { file: 'api.json', index: 0 } });
  await expect(readTable({ path: '/nonexistent/api.json' }, { format: 'json' })).rejects.toThrow('file not found');
});
