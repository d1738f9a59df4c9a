// Regenerates every bundled sample under sources/<department>/samples/ from seeded
// generators, so the offline cycle has realistic data in every format the readers take:
//   CSV UTF-8 (fire, CRLF), CSV UTF-8 with BOM and every field quoted (CCTV),
//   CSV CP949 with a title line, quoted thousands and totals rows (population),
//   XLSX with a merged two-row header (budget), Seoul Open API JSON pages (air, subway,
//   bikes, prices) and a plain JSON export (complaints).
// The figures are invented; every descriptor says so. Run:
//   node --import tsx scripts/make-samples.ts [catalog-root]
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from './samples/prng.ts';
import { airQualityRows } from './samples/air.ts';
import { bikeRows, subwayRows } from './samples/transport.ts';
import { CCTV_HEADER, FIRE_HEADER, cctvRows, fireRows } from './samples/safety.ts';
import { priceRows } from './samples/economy.ts';
import { BUDGET_ROWS, budgetXlsxBytes } from './samples/finance.ts';
import { POPULATION_HEADER, POPULATION_TITLE, populationRows } from './samples/population.ts';
import { complaintRecords } from './samples/civic.ts';
import { UTF8_BOM, encodeCp949, seoulApiPage, toCsv, writeBytes } from './samples/write.ts';

const root = resolve(process.argv[2] ?? resolve(fileURLToPath(import.meta.url), '..', '..'));
const sample = (department: string, file: string): string => resolve(root, 'sources', department, 'samples', file);

// One seed per dataset: changing one generator never reshuffles the others.
const written: [string, number][] = [];
function note(path: string, rows: number): void {
  written.push([path.slice(root.length + 1), rows]);
}

const air = airQualityRows(createRng(2218));
writeBytes(sample('climate-environment', 'air-quality-daily.json'), seoulApiPage('DailyAverageAirQuality', air));
note(sample('climate-environment', 'air-quality-daily.json'), air.length);

const subway = subwayRows(createRng(12914));
writeBytes(sample('transportation', 'subway-ridership-daily.json'), seoulApiPage('CardSubwayStatsNew', subway));
note(sample('transportation', 'subway-ridership-daily.json'), subway.length);

// bikeList answers under a different root key than its service name.
const bikes = bikeRows(createRng(15493));
writeBytes(sample('transportation', 'public-bike-stations.json'), seoulApiPage('rentBikeStatus', bikes));
note(sample('transportation', 'public-bike-stations.json'), bikes.length);

const fires = fireRows(createRng(119));
writeBytes(sample('fire-disaster', 'fire-incidents-monthly.csv'), toCsv(FIRE_HEADER, fires, { eol: '\r\n' }));
note(sample('fire-disaster', 'fire-incidents-monthly.csv'), fires.length);

const cctv = cctvRows(createRng(112));
writeBytes(sample('safety', 'cctv-by-gu.csv'), UTF8_BOM + toCsv(CCTV_HEADER, cctv, { quoteAll: true }));
note(sample('safety', 'cctv-by-gu.csv'), cctv.length);

const prices = priceRows(createRng(1170));
writeBytes(sample('economic-policy', 'necessities-prices.json'), seoulApiPage('ListNecessariesPricesService', prices));
note(sample('economic-policy', 'necessities-prices.json'), prices.length);

writeBytes(sample('finance', 'budget-execution.xlsx'), budgetXlsxBytes(createRng(2025)));
note(sample('finance', 'budget-execution.xlsx'), BUDGET_ROWS);

const population = populationRows(createRng(10043));
const populationCsv = toCsv(POPULATION_HEADER, population, { preamble: [POPULATION_TITLE] });
writeBytes(sample('administration', 'population-by-gu.csv'), encodeCp949(populationCsv));
note(sample('administration', 'population-by-gu.csv'), population.length);

const complaints = complaintRecords(createRng(120));
const complaintsJson =
  '{"_note":"예시 데이터(SAMPLE): citydash scripts/make-samples.ts가 만든 가상의 수치입니다. Sample data, not official figures.",\n"data":[\n' +
  complaints.map((r) => JSON.stringify(r)).join(',\n') +
  '\n]}\n';
writeBytes(sample('citizen-communication', 'civil-complaints-monthly.json'), complaintsJson);
note(sample('citizen-communication', 'civil-complaints-monthly.json'), complaints.length);

for (const [path, rows] of written) process.stderr.write(`${String(rows).padStart(6)} rows  ${path}\n`);
process.stderr.write(`${String(written.reduce((s, [, n]) => s + n, 0)).padStart(6)} rows in total\n`);
