// Measures the change-log diff on a large dataset: 1,000,000 rows, then a copy with 1% of
// the rows revised, 0.1% removed and 0.1% added. Prints the diff time and the peak RSS.
//   node --import tsx scripts/diff-bench.ts [rows]
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { diffSnapshots, type DiffInput } from '../pipeline/cycle/diff.ts';
import { GU } from '../pipeline/districts.ts';
import type { ColumnType, Row, SnapshotMeta } from '../pipeline/types.ts';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const STATIONS = [...GU.map((g) => g.ko), '강남대로', '강변북로', '공항대로', '도산대로', '동작대로', '신촌로', '영등포로', '정릉로', '종로', '천호대로', '청계천로', '한강대로', '홍릉로', '화랑로', '시흥대로'];
const COLUMNS: Record<string, ColumnType> = { date: 'date', station: 'string', gu_code: 'string', no2: 'number', pm10: 'integer', pm25: 'integer', note: 'string' };
const DAY_MS = 86_400_000;
const START = Date.UTC(1950, 0, 1);

const GU_CODE = new Map(GU.map((g) => [g.ko, g.code]));
const dates: string[] = [];
function dateOf(day: number): string {
  return (dates[day] ??= new Date(START + day * DAY_MS).toISOString().slice(0, 10));
}

function row(i: number): Row {
  const station = STATIONS[i % STATIONS.length]!;
  return {
    date: dateOf(Math.floor(i / STATIONS.length)),
    station,
    gu_code: GU_CODE.get(station) ?? null,
    no2: Math.round(((i * 7919) % 1000) / 10) / 1000,
    pm10: (i * 31) % 180,
    pm25: i % 97 === 0 ? null : (i * 17) % 90,
    note: null,
  };
}

/** Streams rows to NDJSON, hashing as it goes, and returns the snapshot for the diff. */
async function write(path: string, id: string, rows: Iterable<Row>): Promise<DiffInput> {
  const out = createWriteStream(path);
  const hash = createHash('sha256');
  let n = 0;
  let buf = '';
  for (const r of rows) {
    buf += `${JSON.stringify(r)}\n`;
    n++;
    if (buf.length > 1 << 20) {
      hash.update(buf);
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  hash.update(buf);
  out.end(buf);
  await once(out, 'close');
  const meta: SnapshotMeta = {
    id,
    rows: n,
    hash: hash.digest('hex'),
    schemaHash: 'bench',
    columns: COLUMNS,
    validation: { dataset: id, rowsRead: n, valid: n, rejected: 0, duplicates: 0, districtsUnmatched: 0, unmatchedDistrictValues: {}, status: 'ok' },
    fetch: { outcome: 'fresh', source: 'bench', fetchedAt: new Date().toISOString(), sample: false },
  };
  return { rows: path, meta };
}

function* original(): Generator<Row> {
  for (let i = 0; i < ROWS; i++) yield row(i);
}

// Every 100th row revised (1%); every 1000th row (offset 7) removed; 0.1% new rows appended.
const isRevised = (i: number) => i % 100 === 0;
const isRemoved = (i: number) => i % 1000 === 7;
const ADDED = Math.floor(ROWS / 1000);

function* changed(): Generator<Row> {
  for (let i = 0; i < ROWS; i++) {
    if (isRemoved(i)) continue;
    const r = row(i);
    if (isRevised(i)) r.pm10 = (r.pm10 as number) + 1;
    yield r;
  }
  for (let j = 0; j < ADDED; j++) yield row(ROWS + j);
}

const dir = await mkdtemp(join(tmpdir(), 'citydash-diff-bench-'));
try {
  let t = performance.now();
  const before = await write(join(dir, 'before.ndjson'), 'bench', original());
  const after = await write(join(dir, 'after.ndjson'), 'bench', changed());
  const genMs = performance.now() - t;
  const rssBefore = process.memoryUsage().rss;

  t = performance.now();
  const cpu = process.cpuUsage();
  const diff = await diffSnapshots(before, after, ['date', 'station'], { sampleSize: 20 });
  const diffMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;

  const expected = { added: ADDED, removed: Math.floor((ROWS - 8) / 1000) + 1, revised: Math.ceil(ROWS / 100) };
  const ok = diff.rows.added === expected.added && diff.rows.removed === expected.removed && diff.rows.revised === expected.revised;
  console.log(`rows before ${diff.rows.before.toLocaleString('en-US')}, after ${diff.rows.after.toLocaleString('en-US')}`);
  console.log(`added ${diff.rows.added}, removed ${diff.rows.removed}, revised ${diff.rows.revised} (expected ${JSON.stringify(expected)}: ${ok ? 'exact' : 'MISMATCH'})`);
  console.log(`revised by column ${JSON.stringify(diff.revisedByColumn)}; sample of ${diff.sample.revised.length} revised rows`);
  console.log(`generate ${(genMs / 1000).toFixed(2)} s; diff ${(diffMs / 1000).toFixed(2)} s wall, ${(cpuMs / 1000).toFixed(2)} s CPU (all threads)`);
  console.log(`RSS before diff ${(rssBefore / 2 ** 20).toFixed(0)} MB; peak RSS ${peakMb.toFixed(0)} MB`);
  // Other work on the machine slows DuckDB's threads; say how busy it was.
  console.log(`${availableParallelism()} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (!ok) process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
