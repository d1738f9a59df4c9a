// `--shard K/N`: a stable partition of the catalog's datasets over N fetch jobs.
import { loadCatalog } from '../../pipeline/catalog/index.ts';
import { parseShard, selectShard, shardOf } from '../../pipeline/shard.ts';
import { repoRoot } from '../helpers/paths.ts';

let ids: string[];
beforeAll(async () => {
  ids = (await loadCatalog(repoRoot)).catalog.datasets.map((d) => d.id);
});

test.each([1, 2, 3, 4, 7])('shards 1..%i partition the bundled catalog: every id in exactly one', (n) => {
  const shards = Array.from({ length: n }, (_, i) => selectShard(ids, `${i + 1}/${n}`));
  expect(shards.flat().sort()).toEqual([...ids].sort());
  expect(new Set(shards.flat()).size).toBe(ids.length);
  for (const [i, shard] of shards.entries()) for (const id of shard) expect(shardOf(id, n)).toBe(i + 1);
});

test('stable: fixed values, independent of order and of other ids', () => {
  // FNV-1a 32-bit: pinned so a change of hash (which would move datasets between runners) is noticed.
  expect([shardOf('air-quality-daily', 4), shardOf('cctv-by-gu', 4), shardOf('population-by-gu', 4)]).toEqual([4, 1, 4]);
  expect(shardOf('a', 1000)).toBe((0xe40c292c % 1000) + 1);
  expect(selectShard([...ids].reverse(), '2/3').sort()).toEqual(selectShard(ids, '2/3').sort());
  expect(selectShard([...ids, 'a-new-dataset'], '2/3').filter((id) => id !== 'a-new-dataset')).toEqual(selectShard(ids, '2/3'));
  // Spread: with 4 shards no shard takes more than half of the catalog.
  for (let k = 1; k <= 4; k++) expect(selectShard(ids, `${k}/4`).length).toBeLessThanOrEqual(Math.ceil(ids.length / 2));
});

test('K/N is validated', () => {
  expect(parseShard(' 2 / 4 ')).toEqual({ k: 2, n: 4 });
  for (const bad of ['0/4', '5/4', '1/0', 'a/b', '1', '1/300', '-1/2']) expect(() => parseShard(bad)).toThrow(/--shard ".*": .*expected K\/N/);
  expect(() => shardOf('x', 0)).toThrow(RangeError);
});
