import { linearRegExp } from '../../pipeline/catalog/linear-regexp.ts';

test('remembered answers agree with RegExp: repeated values, past the memo size, long values', () => {
  const pattern = '^11[0-9]{3}$|^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
  const re = linearRegExp(pattern, 'u');
  const js = new RegExp(pattern, 'u');
  const values = [
    ...Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? `11${String(i % 1000).padStart(3, '0')}` : i % 3 === 1 ? `20${String(i % 100).padStart(2, '0')}-01-0${i % 10}` : `x${i}`)),
    `11${'0'.repeat(300)}`, `${'1'.repeat(300)}`, '', '11680', '2018-01-01',
  ];
  for (let round = 0; round < 3; round++) {
    const got = values.map((v) => re.test(v));
    expect(got).toEqual(values.map((v) => js.test(v)));
  }
  expect(re.test('11680')).toBe(true);
  expect(re.test('11680 ')).toBe(false);
});
