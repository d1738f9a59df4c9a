// Safety samples: fires by gu and month (a plain UTF-8 CSV as the fire HQ exports it,
// CRLF line ends) and CCTV cameras by gu (UTF-8 with BOM, every field quoted, the same
// header as the city's published file).
import { GU, sizeFactor } from './gu.ts';
import { months, ym } from './dates.ts';
import type { Cell } from './write.ts';
import type { Rng } from './prng.ts';

// Heating season brings more fires; spring is dry and windy.
const FIRE_SEASON = [1.35, 1.25, 1.2, 1.05, 0.9, 0.85, 0.85, 0.9, 0.8, 0.9, 1.0, 1.2];

export const FIRE_HEADER = ['발생년월', '자치구', '화재건수', '사망자수', '부상자수', '재산피해액(천원)'];

export function fireRows(rng: Rng): Cell[][] {
  const rows: Cell[][] = [];
  for (const month of months(2025, 1, 22)) {
    for (const gu of GU) {
      const mean = 16 * Math.sqrt(sizeFactor(gu)) * (FIRE_SEASON[month.getUTCMonth()] ?? 1);
      const fires = rng.poisson(mean);
      const deaths = fires > 0 && rng.next() < 0.08 ? 1 : 0;
      const injuries = rng.poisson(fires * 0.07);
      const damage = fires === 0 ? 0 : Math.round(fires * 9_000 * Math.exp(1.1 * rng.normal()));
      // The fire HQ leaves damage blank while a loss assessment is still open.
      const pending = rng.next() < 0.01;
      rows.push([ym(month), gu.ko, fires, deaths, injuries, pending ? null : damage]);
    }
  }
  return rows;
}

export const CCTV_HEADER = ['기관명', '소계', '2013년도 이전', '2014년', '2015년', '2016년'];

export function cctvRows(rng: Rng): Cell[][] {
  return [...GU]
    .sort((a, b) => a.ko.localeCompare(b.ko, 'ko'))
    .map((gu) => {
      const scale = 0.6 + 0.8 * rng.next();
      const before = Math.round(900 * scale * Math.sqrt(sizeFactor(gu)));
      const years = [0, 1, 2].map(() => Math.round(60 + 320 * rng.next()));
      const total = before + years.reduce((s, n) => s + n, 0);
      return [gu.ko, String(total), String(before), ...years.map(String)];
    });
}
