// A Seoul-shaped daily air-quality CSV of N rows, streamed to disk in UTF-8 or CP949. One row
// per station per day from 1800-01-01 on (so primary keys stay unique at 5M rows), with what the
// city's files really contain: empty cells (a station down for the day), a fully empty row, a
// quoted PM10 with a thousands separator ("1,395" during yellow dust) and the odd `-`.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import iconv from 'iconv-lite';
import { createRng } from './prng.ts';
import { AIR_HEADERS, STATIONS } from './seoul.ts';

export type CsvEncoding = 'utf-8' | 'cp949';

const DAY_MS = 86_400_000;
const START = Date.UTC(1800, 0, 1);
const FLUSH_CHARS = 512 * 1024;

function yyyymmdd(day: number): string {
  const d = new Date(START + day * DAY_MS);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

const fixed = (v: number, digits: number) => v.toFixed(digits).replace(/0+$/, '').replace(/\.$/, '');

export async function generateAirCsv(path: string, rows: number, encoding: CsvEncoding, seed: number): Promise<void> {
  const rng = createRng(seed);
  const out = createWriteStream(path);
  const encode = (s: string) => (encoding === 'cp949' ? iconv.encode(s, 'cp949') : Buffer.from(s, 'utf8'));
  let buf = `${AIR_HEADERS.join(',')}\n`;
  let date = '';
  for (let i = 0; i < rows; i++) {
    const s = i % STATIONS.length;
    if (s === 0) date = yyyymmdd(i / STATIONS.length);
    const station = STATIONS[s]!;
    const r = rng.next();
    if (r < 0.002) {
      buf += `${date},${station},,,,,,\n`; // the station reported nothing that day
    } else {
      const season = 1 + 0.6 * Math.cos((2 * Math.PI * ((i / STATIONS.length) % 365)) / 365);
      const pm25 = Math.round(season * rng.int(5, 45));
      const pm10Value = Math.round(pm25 * (1.4 + rng.next()));
      const pm10 = r < 0.02 ? '' : r > 0.9995 ? `"${(1000 + rng.int(0, 999)).toLocaleString('en-US')}"` : r > 0.999 ? '-' : String(pm10Value);
      const no2 = fixed(0.01 + rng.next() * 0.05, 3);
      const o3 = fixed(0.002 + rng.next() * 0.04, 3);
      const co = fixed(0.2 + rng.next() * 0.9, 1);
      const so2 = fixed(0.002 + rng.next() * 0.006, 3);
      buf += `${date},${station},${no2},${o3},${co},${so2},${pm10},${r > 0.98 && r < 0.99 ? '' : pm25}\n`;
    }
    if (buf.length > FLUSH_CHARS) {
      if (!out.write(encode(buf))) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(encode(buf));
  await once(out, 'close');
}
