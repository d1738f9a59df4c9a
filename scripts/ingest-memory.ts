// Ingest streams: generate a Seoul-shaped CSV (CP949, the air-quality headers, 25 gu and 15
// roadside stations, empty cells, thousands separators, a few bad values) in a temp folder,
// then fetch + validate it through the real pipeline (catalog, reader, validate, snapshot)
// and print rows/s and the peak resident memory of this process.
//
//   node --import tsx scripts/ingest-memory.ts [rows]        (default 1,000,000)
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { loadCatalog } from '../pipeline/catalog/index.ts';
import { fetchDataset } from '../pipeline/extract/index.ts';
import { createLogger } from '../pipeline/log.ts';
import type { Effects } from '../pipeline/types.ts';
import { validate } from '../pipeline/validate/index.ts';
import { workDir } from '../pipeline/workdir.ts';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const GU = ['종로구', '중구', '용산구', '성동구', '광진구', '동대문구', '중랑구', '성북구', '강북구', '도봉구', '노원구', '은평구', '서대문구',
  '마포구', '양천구', '강서구', '구로구', '금천구', '영등포구', '동작구', '관악구', '서초구', '강남구', '송파구', '강동구'];
const ROADSIDE = ['강남대로', '강변북로', '공항대로', '도산대로', '동작대로', '신촌로', '영등포로', '정릉로', '종로', '천호대로', '청계천로',
  '한강대로', '홍릉로', '화랑로', '시흥대로'];
const STATIONS = [...GU, ...ROADSIDE];
const HEADER = '측정일시,측정소명,이산화질소농도(ppm),오존농도(ppm),일산화탄소농도(ppm),아황산가스농도(ppm),미세먼지농도(㎍/㎥),초미세먼지농도(㎍/㎥)';

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

async function generate(path: string): Promise<void> {
  const out = createWriteStream(path);
  let chunk = `${HEADER}\n`;
  const day0 = Date.UTC(1950, 0, 1);
  for (let i = 0; i < ROWS; i++) {
    const d = new Date(day0 + Math.floor(i / STATIONS.length) * 86_400_000).toISOString();
    const date = `${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}`;
    // Every 997th PM10 missing, every 1009th with a thousands separator, every 100,003rd not a number.
    const pm10 = i % 997 === 0 ? '' : i % 1009 === 0 ? '"1,0' + String(i % 90).padStart(2, '0') + '"' : i % 100_003 === 0 ? '12a' : String(20 + (i % 80));
    chunk += `${date},${STATIONS[i % STATIONS.length]},0.0${30 + (i % 20)},0.0${10 + (i % 9)},0.${4 + (i % 5)},0.00${3 + (i % 6)},${pm10},${10 + (i % 40)}\n`;
    if (chunk.length > 256 * 1024) {
      if (!out.write(iconv.encode(chunk, 'cp949'))) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(iconv.encode(chunk, 'cp949'));
  await once(out, 'close');
}

async function writeCatalog(root: string): Promise<void> {
  await mkdir(join(root, 'sources/climate-environment'), { recursive: true });
  await mkdir(join(root, 'schemas'), { recursive: true });
  await writeFile(join(root, 'citydash.yaml'), 'siteTitle: {ko: 메모리 측정, en: Memory check}\nareas: {environment: {ko: 환경, en: Environment}}\n');
  await writeFile(join(root, 'sources/climate-environment/air-quality-big.yaml'), `id: air-quality-big
title: {ko: 일별 대기오염도(대용량), en: Daily air pollution (large)}
description: {ko: 메모리 측정용 생성 데이터, en: Generated data for the memory check}
department: {id: climate-environment, ko: 기후환경본부, en: Climate and Environment HQ}
licence: KOGL-1
update: {every: daily}
extract: {kind: file, path: air-big.csv, format: csv, encoding: cp949}
columns:
  date: {from: [측정일시], type: date, format: yyyyMMdd}
  station: {from: [측정소명], type: string}
  no2: {from: ["이산화질소농도(ppm)"], type: number}
  o3: {from: ["오존농도(ppm)"], type: number}
  co: {from: ["일산화탄소농도(ppm)"], type: number}
  so2: {from: ["아황산가스농도(ppm)"], type: number}
  pm10: {from: ["미세먼지농도(㎍/㎥)"], type: number}
  pm25: {from: ["초미세먼지농도(㎍/㎥)"], type: number}
district: {from: station}
schema: schemas/air-quality-big.schema.json
primaryKey: [date, station]
onInvalid: {action: drop-row, maxRatio: 0.01}
`);
  const num = { type: ['number', 'null'], minimum: 0, maximum: 5000 };
  await writeFile(join(root, 'schemas/air-quality-big.schema.json'), JSON.stringify({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['date', 'station'],
    properties: {
      date: { type: 'string', maxLength: 10 }, station: { type: 'string', maxLength: 40 },
      no2: num, o3: num, co: num, so2: num, pm10: num, pm25: num,
      gu_code: { type: ['string', 'null'], maxLength: 5 }, gu_ko: { type: ['string', 'null'], maxLength: 10 }, gu_en: { type: ['string', 'null'], maxLength: 20 },
    },
  }));
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'citydash-ingest-memory-'));
  try {
    await writeCatalog(root);
    const csv = join(root, 'sources/climate-environment/air-big.csv');
    let t = performance.now();
    await generate(csv);
    const size = (await stat(csv)).size;
    process.stderr.write(`generated ${ROWS.toLocaleString('en-US')} rows, ${(size / 1e6).toFixed(0)} MB CP949, in ${((performance.now() - t) / 1000).toFixed(1)} s; peak RSS so far ${mb(process.resourceUsage().maxRSS)}\n`);

    const { catalog, problems } = await loadCatalog(root);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new Error(`catalog: ${errors.map((p) => p.message).join('; ')}`);
    const ds = catalog.datasets[0];
    const effects: Effects = { fetch: globalThis.fetch, now: () => new Date(), log: createLogger({ quiet: true }), env: {} };
    const ctx = { catalogRoot: root, work: workDir(join(root, '.citydash')), offline: true, effects };
    const usage = process.resourceUsage();
    const before = usage.maxRSS;
    const cpuBefore = usage.userCPUTime + usage.systemCPUTime;
    t = performance.now();
    const fetched = await fetchDataset(ds, ctx, { force: true });
    if (fetched.state === 'failed') throw new Error(fetched.fetch.error);
    const { report, meta } = await validate({ from: 'stored', dataset: ds, catalog }, { work: ctx.work }, ctx.effects);
    const seconds = (performance.now() - t) / 1000;
    const after = process.resourceUsage();
    const peak = after.maxRSS;
    // CPU time too: wall time on a shared CI machine says more about the neighbours.
    const cpuSeconds = (after.userCPUTime + after.systemCPUTime - cpuBefore) / 1e6;
    const snapshot = (await stat(ctx.work.rows(ds.id))).size;
    console.log(JSON.stringify({
      rows: report.rowsRead, valid: report.valid, rejected: report.rejected, districtsUnmatched: report.districtsUnmatched,
      status: report.status, snapshotMB: +(snapshot / 1e6).toFixed(1), hash: meta?.hash.slice(0, 12),
      seconds: +seconds.toFixed(1), rowsPerSecond: Math.round(report.rowsRead / seconds),
      cpuSeconds: +cpuSeconds.toFixed(1), rowsPerCpuSecond: Math.round(report.rowsRead / cpuSeconds),
      peakRssMB: Math.round(peak / 1024), peakRssBeforeValidateMB: Math.round(before / 1024),
    }, null, 2));
    if (report.status !== 'ok') process.exitCode = 1;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
