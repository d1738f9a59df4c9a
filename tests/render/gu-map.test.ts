import { GU, GU_TILE_GRID } from '../../pipeline/districts.ts';
import { guTileGrid, mergeOverTemplate } from '../../pipeline/render/gu-map.ts';
import { readBoundaries } from '../../pipeline/render/gu-topo.ts';
import { readTopo, TOPO_OBJECT } from './fixtures.ts';

type Any = Record<string, any>;

test('the tile grid is a reusable fragment: one tile per gu, inline, no URL', () => {
  const spec = guTileGrid({ dataset: 'pm', value: 'pm25', lang: 'ko' }) as Any;
  const tiles = spec.layer[0].data.values as Any[];
  expect(tiles).toHaveLength(25);
  expect(new Set(tiles.map((t) => `${t.tile_col},${t.tile_row}`)).size).toBe(25);
  for (const t of tiles) {
    expect(t.tile_col).toBeLessThan(GU_TILE_GRID.cols);
    expect(t.tile_row).toBeLessThan(GU_TILE_GRID.rows);
  }
  expect(spec.data).toEqual({ name: 'pm' });
  expect(spec.transform[0]).toMatchObject({ lookup: 'gu_code', from: { key: 'tile_code' } });
  expect(JSON.stringify(spec)).not.toMatch(/"url"/);
  const en = guTileGrid({ dataset: 'pm', value: 'pm25', lang: 'en' }) as Any;
  expect(en.layer[0].data.values.find((t: Any) => t.tile_code === '11560').tile_name).toBe('Yeongdeungpo');
});

test('the chart spec is merged over the template: its transforms first, its encoding on the coloured layer', () => {
  const base = guTileGrid({ dataset: 'pm', value: 'pm25', lang: 'ko' }) as Any;
  const merged = mergeOverTemplate(base, {
    title: '최근 한 달',
    transform: [{ filter: "datum.month == '2026-10-01'" }],
    encoding: { color: { scale: { scheme: 'oranges' } } },
    mark: 'bar',
  }) as Any;
  expect(merged.title).toBe('최근 한 달');
  expect(merged.transform[0]).toEqual({ filter: "datum.month == '2026-10-01'" });
  expect(merged.transform[1]).toMatchObject({ lookup: 'gu_code' });
  expect(merged.layer[1].encoding.color).toMatchObject({ field: 'pm25', scale: { scheme: 'oranges' } });
  expect(merged.mark).toBeUndefined();
});

test('boundary labels sit inside Seoul, one per gu, near the tile order of the map', () => {
  const b = readBoundaries(readTopo(), TOPO_OBJECT);
  expect(b.labels.size).toBe(25);
  for (const [lon, lat] of b.labels.values()) {
    expect(lon).toBeGreaterThan(126.76);
    expect(lon).toBeLessThan(127.19);
    expect(lat).toBeGreaterThan(37.42);
    expect(lat).toBeLessThan(37.71);
  }
  // west-east and north-south order agree between the tiles and the real centroids
  const at = (code: string) => b.labels.get(code)!;
  const tile = (code: string) => GU.find((g) => g.code === code)!.tile;
  expect(at('11500')[0]).toBeLessThan(at('11740')[0]); // 강서 west of 강동
  expect(tile('11500').col).toBeLessThan(tile('11740').col);
  expect(at('11320')[1]).toBeGreaterThan(at('11620')[1]); // 도봉 north of 관악
  expect(tile('11320').row).toBeLessThan(tile('11620').row);
});
