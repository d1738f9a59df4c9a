// The 25 autonomous districts (gu) of Seoul: a built-in dimension every dataset can conform to.
// Codes are the 5-digit SIG_CD of the national district code (JUSO), as in the boundary files.

export interface Gu {
  /** 5-digit district code, "11110".."11740". */
  readonly code: string;
  readonly ko: string;
  readonly en: string;
  /** Short names without the 구/-gu suffix (tile labels, aliases). */
  readonly short: { readonly ko: string; readonly en: string };
  /** Position on the tile-grid cartogram: column 0 is the west edge, row 0 the north edge. */
  readonly tile: { readonly col: number; readonly row: number };
}

/** The cartogram is this many tiles wide and high; every gu has one tile, some tiles are empty. */
export const GU_TILE_GRID = { cols: 7, rows: 7 } as const;

function gu(code: string, ko: string, en: string, col: number, row: number): Gu {
  return { code, ko, en, short: { ko: ko.slice(0, -1), en: en.replace(/-gu$/, '') }, tile: { col, row } };
}

// Tiles keep each gu's neighbours in the right compass direction (checked against the
// boundary centroids in tests): north of the Han river in rows 0-3, south of it in rows 4-6.
export const GU: readonly Gu[] = Object.freeze([
  gu('11110', '종로구', 'Jongno-gu', 3, 2),
  gu('11140', '중구', 'Jung-gu', 3, 3),
  gu('11170', '용산구', 'Yongsan-gu', 3, 4),
  gu('11200', '성동구', 'Seongdong-gu', 4, 3),
  gu('11215', '광진구', 'Gwangjin-gu', 5, 3),
  gu('11230', '동대문구', 'Dongdaemun-gu', 5, 2),
  gu('11260', '중랑구', 'Jungnang-gu', 6, 2),
  gu('11290', '성북구', 'Seongbuk-gu', 4, 2),
  gu('11305', '강북구', 'Gangbuk-gu', 4, 1),
  gu('11320', '도봉구', 'Dobong-gu', 4, 0),
  gu('11350', '노원구', 'Nowon-gu', 5, 1),
  gu('11380', '은평구', 'Eunpyeong-gu', 2, 1),
  gu('11410', '서대문구', 'Seodaemun-gu', 2, 2),
  gu('11440', '마포구', 'Mapo-gu', 2, 3),
  gu('11470', '양천구', 'Yangcheon-gu', 1, 4),
  gu('11500', '강서구', 'Gangseo-gu', 0, 3),
  gu('11530', '구로구', 'Guro-gu', 1, 5),
  gu('11545', '금천구', 'Geumcheon-gu', 2, 6),
  gu('11560', '영등포구', 'Yeongdeungpo-gu', 2, 4),
  gu('11590', '동작구', 'Dongjak-gu', 3, 5),
  gu('11620', '관악구', 'Gwanak-gu', 3, 6),
  gu('11650', '서초구', 'Seocho-gu', 4, 4),
  gu('11680', '강남구', 'Gangnam-gu', 5, 4),
  gu('11710', '송파구', 'Songpa-gu', 6, 4),
  gu('11740', '강동구', 'Gangdong-gu', 6, 3),
]);

export interface ConformOptions {
  /**
   * Accept the Korean name without 구 (`종로`). Off for dataset columns unless the descriptor
   * asks: Seoul's roadside air station `종로` sits beside the gu station `종로구`, and reading
   * it as the gu would silently mix roadside readings into the district average.
   */
  shortKorean?: boolean;
}

const BY_KEY = new Map<string, Gu>();
const BY_SHORT_KO = new Map<string, Gu>();
for (const g of GU) {
  BY_KEY.set(g.code, g);
  BY_KEY.set(`${g.code}00000`, g);
  BY_KEY.set(g.ko, g);
  BY_KEY.set(latinKey(g.en), g);
  BY_SHORT_KO.set(g.short.ko, g);
}

// "서울특별시 종로구", "서울시 종로구", "서울 종로구", "Jongno-gu, Seoul", "Seoul Jongno-gu".
const CITY_PREFIX = /^(?:서울특별시|서울시|서울|seoul(?:-si|\s+city|\s+metropolitan\s+city)?)[\s,]*/i;
const CITY_SUFFIX = /[\s,]*(?:seoul|서울특별시|서울)$/i;

/** Romanized names compare without case, spaces, hyphens or the `gu` suffix. */
function latinKey(s: string): string {
  return s.toLowerCase().replace(/[\s\-_.]/g, '').replace(/gu$/, '');
}

/** The gu a value names (code, 10-digit code, Korean or English name, usual aliases), or null. */
export function conformDistrict(value: unknown, options: ConformOptions = {}): Gu | null {
  if (typeof value === 'number' && Number.isInteger(value)) value = String(value);
  if (typeof value !== 'string') return null;
  const s = value.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (s === '' || s.length > 60) return null;
  const bare = s.replace(CITY_PREFIX, '').replace(CITY_SUFFIX, '').trim();
  for (const candidate of bare === s ? [s] : [bare, s]) {
    const found = BY_KEY.get(candidate) ?? BY_KEY.get(candidate.replace(/\s/g, ''))
      ?? (/^[a-z][a-z\s\-_.]*$/i.test(candidate) ? BY_KEY.get(latinKey(candidate)) : undefined);
    if (found) return found;
  }
  if (options.shortKorean ?? true) return BY_SHORT_KO.get(bare.replace(/\s/g, '')) ?? null;
  return null;
}

/** The three columns district conforming adds to a row (all null when no gu matched). */
export function districtColumns(g: Gu | null): { gu_code: string | null; gu_ko: string | null; gu_en: string | null } {
  return g ? { gu_code: g.code, gu_ko: g.ko, gu_en: g.en } : { gu_code: null, gu_ko: null, gu_en: null };
}

export function guByCode(code: string): Gu | undefined {
  return GU.find((g) => g.code === code);
}
