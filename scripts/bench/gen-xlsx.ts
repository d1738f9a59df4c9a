// A Seoul-shaped XLSX like the city's 2014 workbook: one sheet, the 2014 header names
// (`미세먼지(㎍/㎥)`, the mislabelled `이산화탄소농도(ppm)`), dates as the number 20140101,
// numbers as numbers, missing values as empty cells. Written with SheetJS.
import { writeFile } from 'node:fs/promises';
import * as XLSX from 'xlsx';
import { createRng } from './prng.ts';
import { STATIONS } from './seoul.ts';

const HEADERS_2014 = ['측정일시', '측정소명', '이산화질소농도(ppm)', '오존농도(ppm)', '이산화탄소농도(ppm)', '아황산가스(ppm)', '미세먼지(㎍/㎥)', '초미세먼지(㎍/㎥)'];
const DAY_MS = 86_400_000;
const START = Date.UTC(2000, 0, 1);

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export async function generateAirXlsx(path: string, rows: number, seed: number): Promise<void> {
  const rng = createRng(seed);
  const aoa: Array<Array<string | number | null>> = [HEADERS_2014];
  let date = 0;
  for (let i = 0; i < rows; i++) {
    const s = i % STATIONS.length;
    if (s === 0) {
      const d = new Date(START + (i / STATIONS.length) * DAY_MS);
      date = d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
    }
    const r = rng.next();
    const pm25 = rng.int(5, 60);
    aoa.push([
      date, STATIONS[s]!, round(0.01 + rng.next() * 0.05, 3), round(0.002 + rng.next() * 0.04, 3), round(0.2 + rng.next() * 0.9, 1),
      round(0.002 + rng.next() * 0.006, 3), r < 0.02 ? null : Math.round(pm25 * (1.4 + rng.next())), r > 0.99 ? null : pm25,
    ]);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Sheet1');
  // XLSX.writeFile needs set_fs under ESM; writing the buffer ourselves does not.
  await writeFile(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
}
