// civil-complaints-monthly: complaints received through 응답소 and the 120 Dasan call centre
// by month, gu and field, as a JSON export (`data` holds the records). Complaints about
// city-wide matters are filed against 서울시 본청, which is no gu.
import { GU, sizeFactor } from './gu.ts';
import { months, ym } from './dates.ts';
import type { Rng } from './prng.ts';
import { round } from './prng.ts';

// [field, monthly complaints in an average gu, typical days to resolve]
const FIELDS: readonly [string, number, number][] = [
  ['교통', 420, 6.5], ['주택·건축', 260, 9.8], ['환경·위생', 310, 5.2],
  ['도로·시설물', 280, 7.4], ['복지·보건', 150, 4.1], ['안전', 120, 3.6],
];
// Snow and heating in winter, noise and pests in summer.
const SEASON = [1.15, 1.05, 0.95, 0.95, 1.0, 1.05, 1.12, 1.1, 0.98, 0.95, 0.97, 1.08];

export function complaintRecords(rng: Rng): Record<string, unknown>[] {
  const places = [...GU.map((g) => ({ name: g.ko, size: sizeFactor(g) })), { name: '서울시 본청', size: 1.6 }];
  const records: Record<string, unknown>[] = [];
  for (const month of months(2025, 11, 12)) {
    for (const place of places) {
      for (const [field, base, days] of FIELDS) {
        const received = rng.poisson(base * place.size * (SEASON[month.getUTCMonth()] ?? 1));
        const resolved = Math.min(received, Math.round(received * (0.9 + 0.09 * rng.next())));
        // The last month's handling times are still open in some gu: left blank.
        const open = ym(month) === '2026-10' && rng.next() < 0.05;
        records.push({
          접수월: ym(month),
          자치구: place.name,
          민원분야: field,
          접수건수: received,
          처리건수: resolved,
          평균처리일수: open ? null : round(Math.max(0.5, days * (1 + 0.15 * rng.normal())), 1),
        });
      }
    }
  }
  return records;
}
