// air-quality-daily: the Seoul Open API `DailyAverageAirQuality` answer for 88 days at the
// 25 gu stations and four roadside stations (which belong to no gu).
import { GU } from './gu.ts';
import { addDays, utcDate, ymdCompact } from './dates.ts';
import type { Rng } from './prng.ts';
import { round } from './prng.ts';

const ROADSIDE = ['강남대로', '강변북로', '도산대로', '청계천로'] as const;
// 1 September to 27 November: whole months for the monthly means, and the latest month so far.
export const AIR_DAYS = 88;
export const AIR_FIRST_DAY = utcDate(2026, 9, 1);

export function airQualityRows(rng: Rng): Record<string, unknown>[] {
  const stations: { name: string; roadside: boolean; offset: number }[] = [
    ...GU.map((g) => ({ name: g.ko, roadside: false, offset: 0.85 + rng.next() * 0.3 })),
    ...ROADSIDE.map((name) => ({ name, roadside: true, offset: 1.05 + rng.next() * 0.2 })),
  ].sort((a, b) => a.name.localeCompare(b.name, 'ko'));

  // One weather signal for the whole city: stagnant days are bad everywhere at once.
  let weather = 0;
  const rows: Record<string, unknown>[] = [];
  for (let day = 0; day < AIR_DAYS; day++) {
    const date = addDays(AIR_FIRST_DAY, day);
    weather = 0.7 * weather + 0.3 * rng.normal() * 1.6;
    const season = day / AIR_DAYS; // late summer (clean) -> late autumn (dustier)
    const pm25City = Math.max(4, (11 + 14 * season) * Math.exp(0.35 * weather));
    for (const st of stations) {
      // A roadside analyser out of service for a week: the API then sends empty strings.
      const outage = st.name === '도산대로' && day >= 40 && day < 47;
      const pm25 = Math.max(1, pm25City * st.offset * (1 + 0.12 * rng.normal()));
      const pm10 = Math.max(2, pm25 * (1.55 + 0.25 * rng.next()) + 4 * rng.normal());
      const no2 = Math.max(0.003, (0.014 + 0.016 * season) * st.offset * (st.roadside ? 1.5 : 1) * (1 + 0.2 * rng.normal()));
      const o3 = Math.max(0.002, (0.034 - 0.02 * season) * (st.roadside ? 0.75 : 1) * (1 + 0.2 * rng.normal()));
      const co = Math.max(0.1, (0.35 + 0.2 * season) * (st.roadside ? 1.3 : 1) * (1 + 0.15 * rng.normal()));
      const so2 = Math.max(0.001, 0.0028 * (1 + 0.25 * rng.normal()));
      const dropPm25 = !outage && rng.next() < 0.004; // the odd missing hourly series
      rows.push({
        MSRDT_DE: ymdCompact(date),
        MSRSTE_NM: st.name,
        NO2: outage ? '' : round(no2, 3),
        O3: outage ? '' : round(o3, 3),
        CO: outage ? '' : round(co, 1),
        SO2: outage ? '' : round(so2, 3),
        PM10: outage ? '' : Math.round(pm10),
        PM25: outage || dropPm25 ? '' : Math.round(pm25),
      });
    }
  }
  return rows;
}
