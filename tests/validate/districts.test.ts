import { readFileSync } from 'node:fs';
import { conformDistrict, districtColumns, GU, GU_TILE_GRID, guByCode } from '../../pipeline/districts.ts';
import { realData } from '../helpers/paths.ts';

interface Topo {
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: { seoul_municipalities_geo: { geometries: { arcs: number[][]; properties: Record<string, string> }[] } };
}
const topo = JSON.parse(readFileSync(realData('seoul-gu-boundaries.topo.json'), 'utf8')) as Topo;
const geometries = topo.objects.seoul_municipalities_geo.geometries;

/** Mean of a gu's boundary points (delta-decoded TopoJSON arcs): good enough for compass directions. */
function centroid(code: string): [number, number] {
  const g = geometries.find((x) => x.properties.SIG_CD === code)!;
  const { scale, translate } = topo.transform;
  let sx = 0, sy = 0, n = 0;
  for (const ring of g.arcs) for (const i of ring) {
    let x = 0, y = 0;
    for (const [dx, dy] of topo.arcs[i < 0 ? ~i : i]) {
      x += dx; y += dy;
      sx += x * scale[0] + translate[0]; sy += y * scale[1] + translate[1]; n++;
    }
  }
  return [sx / n, sy / n];
}

test('the built-in table matches SIG_CD / SIG_KOR_NM / SIG_ENG_NM of the real boundary file', () => {
  const fromFile = geometries.map((g) => [g.properties.SIG_CD, g.properties.SIG_KOR_NM, g.properties.SIG_ENG_NM]).sort();
  const builtIn = GU.map((g) => [g.code, g.ko, g.en]).sort();
  expect(builtIn).toEqual(fromFile);
  expect(GU).toHaveLength(25);
  expect(GU[0]).toMatchObject({ code: '11110', ko: '종로구', en: 'Jongno-gu', short: { ko: '종로', en: 'Jongno' } });
  expect(GU.map((g) => g.code)).toEqual([...GU.map((g) => g.code)].sort());
});

test.each(['종로구', '종로', 'Jongno-gu', 'Jongno', 'jongno-gu', 'JONGNO GU', '11110', 11110, '1111000000', '서울특별시 종로구', '서울 종로구', ' 종로구 ', 'Jongno-gu, Seoul'])(
  'alias %p conforms to 종로구', (alias) => {
    expect(conformDistrict(alias)?.code).toBe('11110');
  },
);

test('every gu conforms from its code, 10-digit code, Korean, English and short names', () => {
  for (const g of GU) {
    for (const v of [g.code, `${g.code}00000`, g.ko, g.en, g.en.toLowerCase(), g.short.en, g.short.ko, `서울특별시 ${g.ko}`]) {
      expect(conformDistrict(v)).toBe(g);
    }
  }
  expect(conformDistrict('Jung-gu')?.code).toBe('11140');
  expect(conformDistrict('Jungnang-gu')?.code).toBe('11260');
});

test('values that name no gu stay unmatched', () => {
  for (const v of ['강남대로', '강변북로', '관악산', '종로2가', '11111', '1111010100', '11', '', '   ', null, undefined, 3.5, true, '서울', '구', '경기도 성남시', 'Gangnam-daero']) {
    expect(conformDistrict(v)).toBeNull();
  }
});

test('Korean short names can be switched off (roadside station 종로 beside gu station 종로구)', () => {
  expect(conformDistrict('종로', { shortKorean: false })).toBeNull();
  expect(conformDistrict('중', { shortKorean: false })).toBeNull();
  expect(conformDistrict('종로구', { shortKorean: false })?.code).toBe('11110');
  expect(conformDistrict('Jongno', { shortKorean: false })?.code).toBe('11110');
});

test('districtColumns and guByCode', () => {
  expect(districtColumns(conformDistrict('강남구'))).toEqual({ gu_code: '11680', gu_ko: '강남구', gu_en: 'Gangnam-gu' });
  expect(districtColumns(null)).toEqual({ gu_code: null, gu_ko: null, gu_en: null });
  expect(guByCode('11740')?.ko).toBe('강동구');
  expect(guByCode('강동구')).toBeUndefined();
});

test('tile grid: one tile per gu, inside the grid, neighbours in the right compass direction', () => {
  const at = new Map(GU.map((g) => [`${g.tile.col},${g.tile.row}`, g]));
  expect(at.size).toBe(25);
  for (const g of GU) {
    expect(g.tile.col).toBeGreaterThanOrEqual(0);
    expect(g.tile.col).toBeLessThan(GU_TILE_GRID.cols);
    expect(g.tile.row).toBeGreaterThanOrEqual(0);
    expect(g.tile.row).toBeLessThan(GU_TILE_GRID.rows);
  }
  let pairs = 0;
  for (const g of GU) {
    const [x, y] = centroid(g.code);
    const east = at.get(`${g.tile.col + 1},${g.tile.row}`);
    const south = at.get(`${g.tile.col},${g.tile.row + 1}`);
    if (east) { pairs++; expect([g.en, east.en, centroid(east.code)[0] > x]).toEqual([g.en, east.en, true]); }
    if (south) { pairs++; expect([g.en, south.en, centroid(south.code)[1] < y]).toEqual([g.en, south.en, true]); }
  }
  expect(pairs).toBeGreaterThanOrEqual(30);
});
