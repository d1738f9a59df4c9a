// population-by-gu: the resident registration statistics as a CP949 CSV with a title line,
// quoted thousands ("139,400") and a 합계 row per quarter, as the city's stats portal writes.
import { GU } from './gu.ts';
import { monthEnd, utcDate, ymd } from './dates.ts';
import type { Cell } from './write.ts';
import { thousands } from './write.ts';
import type { Rng } from './prng.ts';

export const POPULATION_TITLE = '서울시 주민등록인구 (구별) 통계 - 예시 데이터(SAMPLE) - citydash scripts/make-samples.ts 생성';
export const POPULATION_HEADER = ['기준일', '자치구', '세대', '인구', '남자', '여자', '등록외국인', '65세이상고령자'];

// Quarterly change per gu: new apartment complexes grow 강동 and 서초, the rest slowly shrink.
const TREND: Record<string, number> = { 강동구: 0.006, 서초구: 0.003, 강남구: 0.001, 송파구: 0.0 };

export function populationRows(rng: Rng): Cell[][] {
  const rows: Cell[][] = [];
  for (let q = 0; q < 7; q++) {
    const end = monthEnd(utcDate(2025, 3 + q * 3, 1));
    const stepsFromLatest = q - 6;
    const perGu = GU.map((gu) => {
      const trend = TREND[gu.ko] ?? -0.0025;
      const residents = Math.round(gu.residents * (1 + trend) ** stepsFromLatest * (1 + 0.0005 * rng.normal()));
      const male = Math.round(residents * (0.478 + 0.01 * rng.next()));
      const households = Math.round(residents / gu.householdSize);
      const foreigners = Math.round(gu.foreigners * (1 + 0.01 * rng.normal()));
      const elderly = Math.round(residents * (gu.elderlyPct + 0.12 * stepsFromLatest) / 100);
      return [gu.ko, households, residents, male, residents - male, foreigners, elderly] as const;
    });
    const sum = (i: 1 | 2 | 3 | 4 | 5 | 6): number => perGu.reduce((s, r) => s + r[i], 0);
    const fmt = (values: readonly (string | number)[]): Cell[] =>
      [ymd(end), ...values.map((v) => (typeof v === 'number' ? thousands(v) : v))];
    rows.push(fmt(['합계', sum(1), sum(2), sum(3), sum(4), sum(5), sum(6)]));
    for (const r of perGu) rows.push(fmt(r));
  }
  return rows;
}
