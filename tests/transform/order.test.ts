import { planDerivations } from '../../pipeline/transform/order.ts';
import type { DatasetDescriptor } from '../../pipeline/types.ts';
import { sourceDataset } from './fixtures.ts';

function derived(id: string, from: string[]): DatasetDescriptor {
  return { ...sourceDataset(id, { n: 'integer' }), extract: undefined, from, sql: 'SELECT 1 AS n', file: `sources/derived/${id}.yaml` };
}

test('orders a diamond so every source comes before its dependants', () => {
  const plan = planDerivations([
    derived('top', ['left', 'right']),
    derived('left', ['base']),
    derived('right', ['base', 'raw']),
    derived('base', ['raw']),
    sourceDataset('raw', { n: 'integer' }),
  ]);
  const order = plan.order.map((d) => d.id);
  expect(order).toEqual(['base', 'left', 'right', 'top']);
  expect(plan.cycles.size).toBe(0);
});

test('finds every loop, each named from the dataset it is reported against', () => {
  const plan = planDerivations([
    derived('a', ['b']),
    derived('b', ['c', 'a']),
    derived('c', ['b']),
    derived('d', ['c']),
    derived('e', ['e']),
    derived('f', ['raw']),
  ]);
  expect(Object.fromEntries(plan.cycles)).toEqual({
    a: ['a', 'b', 'a'],
    b: ['b', 'c', 'b'],
    c: ['c', 'b', 'c'],
    e: ['e', 'e'],
  });
  // Loop members are still listed (to be reported); their dependants come after them.
  const order = plan.order.map((d) => d.id);
  expect(new Set(order)).toEqual(new Set(['a', 'b', 'c', 'd', 'e', 'f']));
  expect(order.indexOf('d')).toBeGreaterThan(order.indexOf('c'));
});
