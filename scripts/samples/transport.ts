// Transport samples: `CardSubwayStatsNew` (ridership by station and day, three weekdays
// a month for a year) and `bikeList` (a Ttareungyi station snapshot; every value a string,
// as that service sends them, under the root key `rentBikeStatus`).
import { addDays, isWeekend, months, utcDate, ymdCompact } from './dates.ts';
import type { Rng } from './prng.ts';

// [line, station, typical weekday boardings]
const STATIONS: readonly [string, string, number][] = [
  ['1호선', '서울역', 52_000], ['1호선', '종각', 38_000], ['1호선', '청량리(서울시립대입구)', 27_000],
  ['1호선', '영등포', 31_000], ['2호선', '강남', 88_000], ['2호선', '잠실(송파구청)', 74_000],
  ['2호선', '홍대입구', 71_000], ['2호선', '신림', 62_000], ['2호선', '구로디지털단지', 58_000],
  ['2호선', '삼성(무역센터)', 55_000], ['2호선', '선릉', 52_000], ['2호선', '역삼', 47_000],
  ['2호선', '서울대입구(관악구청)', 49_000], ['2호선', '신도림', 44_000], ['2호선', '을지로입구', 43_000],
  ['2호선', '건대입구', 39_000], ['2호선', '사당', 37_000], ['3호선', '고속터미널', 33_000],
  ['3호선', '양재(서초구청)', 30_000], ['3호선', '연신내', 26_000], ['4호선', '명동', 29_000],
  ['4호선', '혜화', 27_000], ['4호선', '수유(강북구청)', 30_000], ['4호선', '노원', 24_000],
  ['5호선', '광화문(세종문화회관)', 31_000], ['5호선', '여의도', 28_000], ['5호선', '까치산', 23_000],
  ['7호선', '가산디지털단지', 34_000], ['7호선', '건대입구', 21_000], ['9호선', '고속터미널', 25_000],
];

// Ridership dips in the holiday months (설날 in February, summer in August).
const MONTH_FACTOR = [0.97, 0.9, 1.02, 1.03, 1.02, 1.0, 0.98, 0.94, 1.0, 1.03, 1.02, 0.99];

export function subwayRows(rng: Rng): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const first of months(2025, 11, 12)) {
    for (const dayOfMonth of [1, 10, 20]) {
      // Weekdays only, so the months compare: a weekend day moves to the Monday after.
      let date = utcDate(first.getUTCFullYear(), first.getUTCMonth() + 1, dayOfMonth);
      while (isWeekend(date)) date = addDays(date, 1);
      const factor = MONTH_FACTOR[date.getUTCMonth()] ?? 1;
      for (const [line, station, base] of STATIONS) {
        const on = Math.round(base * factor * (1 + 0.05 * rng.normal()));
        const off = Math.round(on * (0.94 + 0.12 * rng.next()));
        rows.push({
          USE_YMD: ymdCompact(date),
          SBWY_ROUT_LN_NM: line,
          SBWY_STNS_NM: station,
          GTON_TNOPE: on,
          GTOFF_TNOPE: off,
          REG_YMD: ymdCompact(addDays(date, 3)),
        });
      }
    }
  }
  return rows;
}

// Station names as the bike service spells them: "<number>. <landmark>".
const LANDMARKS: readonly [string, number, number][] = [
  ['망원역 1번출구 앞', 37.5556, 126.9106], ['망원역 2번출구 앞', 37.5554, 126.9104],
  ['합정역 1번출구 앞', 37.5506, 126.9149], ['합정역 5번출구 앞', 37.5501, 126.9145],
  ['상수역 2번출구 앞', 37.5478, 126.9231], ['홍대입구역 2번출구 앞', 37.5573, 126.9245],
  ['신촌역(2호선) 7번출구 앞', 37.5552, 126.9368], ['이대역 4번 출구 앞', 37.5567, 126.9465],
  ['아현역 4번출구 앞', 37.5573, 126.9563], ['충정로역 7번출구 아래', 37.5600, 126.9634],
  ['서대문역 8번출구 앞', 37.5658, 126.9667], ['광화문역 2번출구 앞', 37.5714, 126.9763],
  ['종각역 4번출구 앞', 37.5702, 126.9831], ['을지로입구역 4번출구 앞', 37.5660, 126.9827],
  ['시청역 1번출구 뒤', 37.5657, 126.9769], ['서울역 10번출구 앞', 37.5547, 126.9706],
  ['용산역 광장', 37.5298, 126.9648], ['이촌역 4번출구', 37.5223, 126.9745],
  ['여의나루역 1번출구 앞', 37.5271, 126.9329], ['여의도역 4번출구 옆', 37.5213, 126.9245],
  ['국회의사당역 5번출구 옆', 37.5283, 126.9178], ['영등포구청역 3번출구', 37.5247, 126.8961],
  ['당산역 10번출구 앞', 37.5343, 126.9020], ['문래역 4번출구 앞', 37.5180, 126.8947],
  ['신도림역 1번 출구 앞', 37.5088, 126.8912], ['구로디지털단지역 앞', 37.4851, 126.9015],
  ['가산디지털단지역 7번출구 앞', 37.4812, 126.8828], ['신림역 3번출구 앞', 37.4842, 126.9297],
  ['서울대입구역 5번출구 앞', 37.4812, 126.9527], ['사당역 1번출구 앞', 37.4766, 126.9816],
  ['교대역 1번출구 앞', 37.4934, 127.0140], ['강남역 10번출구 앞', 37.4979, 127.0276],
  ['역삼역 4번출구 앞', 37.5006, 127.0364], ['선릉역 1번출구 앞', 37.5045, 127.0490],
  ['삼성역 6번출구 앞', 37.5088, 127.0631], ['잠실역 7번출구 앞', 37.5133, 127.1001],
  ['석촌호수 서호사거리', 37.5066, 127.1002], ['올림픽공원역 3번출구', 37.5162, 127.1309],
  ['천호역 4번출구 앞', 37.5386, 127.1235], ['건대입구역 사거리', 37.5404, 127.0692],
  ['뚝섬유원지역 1번출구 앞', 37.5316, 127.0667], ['성수역 3번출구 뒤', 37.5445, 127.0558],
  ['왕십리역 11번 출구 앞', 37.5612, 127.0371], ['청량리역 4번출구 앞', 37.5802, 127.0471],
  ['회기역 1번출구 앞', 37.5898, 127.0578], ['성신여대입구역 1번출구', 37.5926, 127.0164],
  ['수유역 3번출구', 37.6380, 127.0257], ['창동역 2번출구', 37.6530, 127.0477],
  ['노원역 9번 출구', 37.6551, 127.0613], ['연신내역 4번출구 앞', 37.6191, 126.9210],
  ['불광역 2번출구 앞', 37.6103, 126.9298], ['목동역 7번출구', 37.5260, 126.8645],
  ['발산역 1번출구 앞', 37.5585, 126.8379], ['마곡나루역 2번 출구', 37.5669, 126.8274],
  ['양재역 12번출구 앞', 37.4842, 127.0346], ['고속터미널역 8-1번 출구', 37.5049, 127.0049],
  ['혜화역 1번출구 앞', 37.5822, 127.0018], ['동대문역사문화공원역 1번출구', 37.5651, 127.0079],
  ['남산서울타워 하단', 37.5532, 126.9873], ['노량진역 1번출구', 37.5131, 126.9425],
];

export function bikeRows(rng: Rng): Record<string, unknown>[] {
  return LANDMARKS.map(([landmark, lat, lon], i) => {
    const number = 102 + i * 7 + rng.int(0, 5);
    const racks = rng.pick([5, 8, 10, 10, 12, 15, 15, 20, 25]);
    // Mornings empty the residential stations and fill the business districts.
    const empty = rng.next() < 0.08;
    const bikes = empty ? 0 : Math.max(0, Math.round(racks * (0.1 + 1.3 * rng.next()) - 1));
    return {
      rackTotCnt: String(racks),
      stationName: `${number}. ${landmark}`,
      parkingBikeTotCnt: String(bikes),
      shared: String(Math.round((bikes / racks) * 100)),
      stationLatitude: (lat + rng.normal() * 0.0003).toFixed(8),
      stationLongitude: (lon + rng.normal() * 0.0003).toFixed(8),
      stationId: `ST-${number * 3 + 1}`,
    };
  });
}
