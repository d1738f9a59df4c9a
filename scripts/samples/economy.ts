// necessities-prices: `ListNecessariesPricesService` as the city sends it: sequence numbers
// as floats (1660111.0 arrives as 1660111), prices as strings, one check a month per
// market and item. Traditional markets (001) and large marts (002) are both surveyed.
import { guByName } from './gu.ts';
import { months, utcDate, ym, ymd } from './dates.ts';
import type { Rng } from './prng.ts';

const MARKETS: readonly [string, string, '001' | '002'][] = [
  ['통인시장', '종로구', '001'], ['남대문시장', '중구', '001'], ['용문시장', '용산구', '001'],
  ['뚝도시장', '성동구', '001'], ['자양골목시장', '광진구', '001'], ['경동시장', '동대문구', '001'],
  ['동원골목시장', '중랑구', '001'], ['돈암제일시장', '성북구', '001'], ['수유재래시장', '강북구', '001'],
  ['방학동도깨비시장', '도봉구', '001'], ['공릉동도깨비시장', '노원구', '001'], ['대조시장', '은평구', '001'],
  ['영천시장', '서대문구', '001'], ['망원시장', '마포구', '001'], ['목3동시장', '양천구', '001'],
  ['화곡본동시장', '강서구', '001'], ['남구로시장', '구로구', '001'], ['남문시장', '금천구', '001'],
  ['영등포전통시장', '영등포구', '001'], ['남성역골목시장', '동작구', '001'], ['신원시장', '관악구', '001'],
  ['방배종합시장', '서초구', '001'], ['영동전통시장', '강남구', '001'], ['새마을전통시장', '송파구', '001'],
  ['암사종합시장', '강동구', '001'],
  ['이마트 용산점', '용산구', '002'], ['롯데마트 서울역점', '중구', '002'], ['홈플러스 동대문점', '동대문구', '002'],
  ['이마트 미아점', '성북구', '002'], ['이마트 은평점', '은평구', '002'], ['홈플러스 월드컵점', '마포구', '002'],
  ['이마트 목동점', '양천구', '002'], ['홈플러스 영등포점', '영등포구', '002'], ['이마트 양재점', '서초구', '002'],
  ['롯데마트 잠실점', '송파구', '002'],
];

// [A_SEQ, A_NAME, A_UNIT, price in May 2026 (won), monthly drift, origin note]
const ITEMS: readonly [number, string, string, number, number, string][] = [
  [305, '사과(부사, 300g)', '1개', 2_600, 0.02, '국내산'],
  [12, '배추(2.5~3kg)', '1포기', 4_200, 0.05, '국내산'],
  [13, '무(1kg)', '1개', 2_300, 0.03, '국내산'],
  [16, '양파(1.5kg망)', '1망', 3_900, -0.01, '국내산'],
  [22, '돼지고기(생삼겹살)', '600g', 16_500, 0.01, '국내산'],
  [23, '쇠고기(한우 불고기)', '600g', 29_800, 0.0, '국내산'],
  [24, '닭고기', '1kg', 7_300, 0.005, '국내산'],
  [27, '달걀(일반란, 30구)', '1판', 7_100, 0.012, '국내산'],
  [31, '고등어(생물, 국산)', '1마리', 4_400, -0.005, ''],
  [41, '쌀(20kg)', '1포', 58_000, 0.008, '국내산'],
];

export function priceRows(rng: Rng): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  let seq = 1_980_000;
  for (const [mi, month] of months(2026, 5, 6).entries()) {
    MARKETS.forEach(([name, guName, type], m) => {
      const gu = guByName(guName);
      const checkDay = 8 + ((m + mi) % 4) * 3; // surveyors visit on different days
      const marketLevel = (type === '002' ? 1.06 : 0.97) * (1 + 0.04 * rng.normal());
      for (const [aSeq, item, unit, base, drift, origin] of ITEMS) {
        if (rng.next() < 0.02) continue; // sold out or not stocked that day: no row
        const price = base * (1 + drift) ** mi * marketLevel * (1 + 0.06 * rng.normal());
        const rounded = Math.round(price / 100) * 100;
        const unpriced = rng.next() < 0.004; // surveyor left the price blank
        seq += 1;
        rows.push({
          P_SEQ: seq,
          M_SEQ: m + 1,
          M_NAME: name,
          A_SEQ: aSeq,
          A_NAME: item,
          A_UNIT: unit,
          A_PRICE: unpriced ? '' : String(rounded),
          P_YEAR_MONTH: ym(month),
          ADD_COL: origin,
          P_DATE: ymd(utcDate(month.getUTCFullYear(), month.getUTCMonth() + 1, checkDay)),
          M_TYPE_CODE: type,
          M_TYPE_NAME: type === '001' ? '전통시장' : '대형마트',
          M_GU_CODE: `${gu.code.slice(2)}000`,
          M_GU_NAME: gu.ko,
        });
      }
    });
  }
  // The service lists the newest survey first.
  return rows.reverse();
}
