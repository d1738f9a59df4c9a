import { PrimaryKeys } from '../../pipeline/validate/primary-keys.ts';
import { LocationCodec } from '../../pipeline/validate/location.ts';

test('200,000 distinct keys: no false duplicates; every repeat names its first location', () => {
  const keys = new PrimaryKeys(['date', 'station']);
  const stations = ['강남구', '강남대로', '종로', '종로구', 'Jung-gu', ''];
  const n = 200_000;
  const falseDuplicates: number[] = [];
  for (let i = 0; i < n; i++) {
    if (keys.check({ date: `d${Math.floor(i / stations.length)}`, station: stations[i % stations.length] }, { file: 'a.csv', line: i + 2 }) !== undefined) falseDuplicates.push(i);
  }
  expect(falseDuplicates).toEqual([]);
  for (const i of [0, 1, 77_777, n - 1]) {
    expect(keys.check({ date: `d${Math.floor(i / stations.length)}`, station: stations[i % stations.length] }, { line: 1 })).toEqual({ file: 'a.csv', line: i + 2 });
  }
});

test('values of different types or split differently are different keys', () => {
  const keys = new PrimaryKeys(['a', 'b']);
  expect(keys.check({ a: '1', b: 'x' }, { line: 2 })).toBeUndefined();
  expect(keys.check({ a: 1, b: 'x' }, { line: 3 })).toBeUndefined();
  expect(keys.check({ a: '1x', b: '' }, { line: 4 })).toBeUndefined();
  expect(keys.check({ a: null, b: 'x' }, { line: 5 })).toBeUndefined();
  expect(keys.check({ a: '', b: 'x' }, { line: 6 })).toBeUndefined();
  expect(keys.check({ a: true, b: 'x' }, { line: 7 })).toBeUndefined();
  expect(keys.check({ a: 1, b: 'x' }, { line: 8 })).toEqual({ line: 3 });
  expect(new PrimaryKeys([]).check({ a: 1 }, { line: 2 })).toBeUndefined();
});

test('locations pack into one number and back: CSV, XLSX, API, derived', () => {
  const codec = new LocationCodec();
  for (const loc of [{ file: 'x.csv', line: 1_000_001 }, { file: 'y.xlsx', sheet: '2014', row: 14542 }, { page: 15, index: 999 }, { row: 7 }, { sheet: 'Sheet1', row: 3 }]) {
    expect(codec.decode(codec.encode(loc))).toEqual(loc);
  }
  expect(() => codec.encode({ line: 2 ** 31 })).toThrow(RangeError);
});
