import { makeCoercer } from '../../pipeline/validate/coerce.ts';
import { compileDateFormat, DateFormatError } from '../../pipeline/validate/date-format.ts';
import { parseNumber } from '../../pipeline/validate/parse-number.ts';
import type { ColumnSpec, RawValue } from '../../pipeline/types.ts';

const coerce = (spec: Pick<ColumnSpec, 'type' | 'format'>, raw: RawValue) => makeCoercer(spec)(raw);
const ok = (spec: Pick<ColumnSpec, 'type' | 'format'>, raw: RawValue) => {
  const c = coerce(spec, raw);
  if (!c.ok) throw new Error(`${JSON.stringify(raw)} rejected: ${c.message}`);
  return c.value;
};
const why = (spec: Pick<ColumnSpec, 'type' | 'format'>, raw: RawValue) => {
  const c = coerce(spec, raw);
  return c.ok ? `accepted ${JSON.stringify(c.value)}` : c.message;
};

describe('number', () => {
  test.each<[RawValue, number | null]>([
    ['34', 34], ['0.034', 0.034], [' 12.5 ', 12.5], ['1,395', 1395], ['12,345,678.9', 12345678.9], ['-3', -3], ['+7', 7],
    ['.5', 0.5], ['1e-3', 0.001], [17, 17], [0, 0], ['', null], ['-', null], ['…', null], ['...', null], [null, null], ['  ', null],
  ])('%p -> %p', (raw, value) => expect(ok({ type: 'number' }, raw)).toBe(value));

  test.each<RawValue>(['12a', 'a12', '1,2,3', '12,34', '1,2345', '１２', '12%', '1 234', 'NaN', 'Infinity', '--1', '0x10', true, Number.NaN])(
    '%p is not a number', (raw) => expect(why({ type: 'number' }, raw)).toBe('is not a number'),
  );

  test('a thousand-digit string is refused without work', () => {
    expect(parseNumber('9'.repeat(1000))).toEqual({ ok: false });
  });
});

describe('integer', () => {
  test.each<[RawValue, number | null]>([['1,395', 1395], ['42', 42], ['12.0', 12], [7, 7], ['-', null], ['', null]])(
    '%p -> %p', (raw, value) => expect(ok({ type: 'integer' }, raw)).toBe(value),
  );
  test.each<RawValue>(['12.5', 12.5, '12a', '1e30'])('%p is not a whole number', (raw) => {
    expect(why({ type: 'integer' }, raw)).toBe('is not a whole number');
  });
});

describe('date and datetime', () => {
  test.each<[string, RawValue, string]>([
    ['yyyyMMdd', '20180101', '2018-01-01'],
    ['yyyyMMdd', 20140101, '2014-01-01'],
    ['yyyy-MM-dd', '2018-12-31', '2018-12-31'],
    ['yyyy.MM.dd', '2018.02.28', '2018-02-28'],
    ['yyyyMM', '201803', '2018-03-01'],
    ['yyyyMM', 201803, '2018-03-01'],
    ['yyyy-MM', '2018-03', '2018-03-01'],
    ['yyyy', '2018', '2018-01-01'],
    ['yyyyMMdd', '2016-02-29', '2016-02-29'],
    ['yyyy.M.d', '2018.3.7', '2018-03-07'],
    ['yyyy-MM-dd HH:mm', '2018-12-31 24:00', '2019-01-01'],
  ])('date %s %p -> %s', (format, raw, value) => expect(ok({ type: 'date', format }, raw)).toBe(value));

  test.each<[string, RawValue, string]>([
    ['yyyy-MM-dd HH:mm', '2018-01-01 13:05', '2018-01-01T13:05'],
    ['yyyy-MM-dd HH:mm', '2018-01-01 24:00', '2018-01-02T00:00'],
    ['yyyy-MM-dd HH:mm', '2018-12-31 24:00', '2019-01-01T00:00'],
    ['yyyy-MM-dd HH:mm', '2016-02-28 24:00', '2016-02-29T00:00'],
    ['yyyyMMddHHmm', '201801010100', '2018-01-01T01:00'],
    ['yyyyMMddHHmm', 201801012400, '2018-01-02T00:00'],
    ['yyyyMMddHH', '2018010124', '2018-01-02T00:00'],
    ['yyyyMMdd', '20180101', '2018-01-01T00:00'],
    ['yyyy-MM-dd HH:mm', '2018-01-01T09:30:00', '2018-01-01T09:30'],
    ['yyyy-MM-dd HH:mm:ss', '2018-01-01 09:30:59', '2018-01-01T09:30'],
  ])('datetime %s %p -> %s', (format, raw, value) => expect(ok({ type: 'datetime', format }, raw)).toBe(value));

  test('values already ISO (XLSX date cells) are accepted whatever the declared format', () => {
    expect(ok({ type: 'date', format: 'yyyyMMdd' }, '2014-01-01')).toBe('2014-01-01');
    expect(ok({ type: 'date', format: 'yyyy.MM.dd' }, '2014-01-01T00:00:00')).toBe('2014-01-01');
    expect(ok({ type: 'datetime', format: 'yyyyMMddHHmm' }, '2014-01-01T07:15')).toBe('2014-01-01T07:15');
    expect(ok({ type: 'date' }, '2014-05-05')).toBe('2014-05-05');
  });

  test.each<[string, RawValue, string]>([
    ['yyyyMMdd', '2018-13-01', 'is not a real date'],
    ['yyyyMMdd', '20180230', 'is not a real date'],
    ['yyyyMMdd', '20170229', 'is not a real date'],
    ['yyyyMMdd', '2018011', 'is not a date in the format yyyyMMdd'],
    ['yyyyMMdd', '01/02/2018', 'is not a date in the format yyyyMMdd'],
    ['yyyyMMdd', 41640, 'is not a date in the format yyyyMMdd'],
    ['yyyy-MM-dd HH:mm', '2018-01-01 24:30', 'is not a real date'],
    ['yyyy-MM-dd HH:mm', '2018-01-01 25:00', 'is not a real date'],
  ])('date %s %p: %s', (format, raw, message) => expect(why({ type: 'date', format }, raw)).toBe(message));

  test('datetime messages name the pattern', () => {
    expect(why({ type: 'datetime', format: 'yyyy-MM-dd HH:mm' }, '2018/01/01 10:00')).toBe('is not a date and time in the format yyyy-MM-dd HH:mm');
    expect(why({ type: 'datetime', format: 'yyyy-MM-dd HH:mm' }, '2018-01-01 10:60')).toBe('is not a real date and time');
  });

  test('empty is null, not an error', () => {
    expect(ok({ type: 'date', format: 'yyyyMMdd' }, '')).toBeNull();
    expect(ok({ type: 'datetime', format: 'yyyyMMddHHmm' }, null)).toBeNull();
  });

  test('a bad pattern is refused when the column is set up, naming the letters', () => {
    expect(() => compileDateFormat('yyyy-MM-DD')).toThrow(DateFormatError);
    expect(() => compileDateFormat('yyyy-MM-DD')).toThrow(/unknown pattern letter\(s\) "DD"/);
    expect(() => compileDateFormat('MMdd')).toThrow(/no year/);
    expect(() => compileDateFormat('yyyy-MM-dd MM')).toThrow(/MM appears twice/);
    expect(() => makeCoercer({ type: 'date', format: 'yyyy-MM-dd hh:mm' })).toThrow(DateFormatError);
    // Hangul and quoted text are literal separators.
    expect(ok({ type: 'date', format: 'yyyy년 MM월' }, '2018년 03월')).toBe('2018-03-01');
    expect(ok({ type: 'datetime', format: "yyyy-MM-dd'T'HH:mm" }, '2018-03-01T07:00')).toBe('2018-03-01T07:00');
  });
});

describe('boolean and string', () => {
  test.each<[RawValue, boolean | null]>([
    ['true', true], ['Y', true], ['yes', true], ['1', true], [1, true], ['예', true], [true, true],
    ['false', false], ['N', false], ['no', false], ['0', false], [0, false], ['아니오', false], [false, false], ['', null], [null, null],
  ])('%p -> %p', (raw, value) => expect(ok({ type: 'boolean' }, raw)).toBe(value));

  test('maybe is not a yes/no value', () => {
    expect(why({ type: 'boolean' }, 'maybe')).toMatch(/^is not a yes\/no value/);
  });

  test('strings are trimmed, empty is null, numbers become their text', () => {
    expect(ok({ type: 'string' }, ' 강남구 ')).toBe('강남구');
    expect(ok({ type: 'string' }, '')).toBeNull();
    expect(ok({ type: 'string' }, '-')).toBe('-');
    expect(ok({ type: 'string' }, 11110)).toBe('11110');
  });
});

describe('the plain-number scan', () => {
  // What it replaces: the anchored pattern for plain numbers (no grouping, no surrounding space).
  const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
  test('agrees with the pattern on edge cases and on every short string over its alphabet', async () => {
    const { isPlain } = await import('../../pipeline/validate/parse-number.ts');
    const edge = ['1', '-1', '+1.5', '.5', '5.', '1e3', '1E-3', '1e', '.', '', '+', '-.5', '1.2.3', ' 1', '1 ', 'e5', '0x10', '1,000', '00012', '1.5e+10', 'Infinity', '1_000', '.e1', '1.e1', '+e1', '1e+', '1e+-1', '١٢'];
    for (const s of edge) expect([s, isPlain(s)]).toEqual([s, PLAIN.test(s)]);
    const alphabet = ['1', '.', 'e', '+', '-', ' '];
    const all = (n: number): string[] => (n === 0 ? [''] : all(n - 1).flatMap((p) => alphabet.map((c) => p + c)));
    for (let n = 1; n <= 5; n++) for (const s of all(n)) expect([s, isPlain(s)]).toEqual([s, PLAIN.test(s)]);
  });
});
