// (1) Ingest of the mid-size (1M-row) CSV in CP949 and UTF-8 against papaparse's bare
// streaming parse, Miller (group-by) and DuckDB read_csv of the same file.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeChild, type BenchContext } from '../context.ts';
import { addRatio, memoryCounts, notMeasured, throughputFigure } from '../figures.ts';
import type { CsvEncoding } from '../gen-csv.ts';
import { airCsv, ingestCatalog, warmPageCache } from '../inputs.ts';
import { AIR_ID } from '../ingest-catalog.ts';
import { measure, type Measured } from '../measure.ts';
import { runProc, type ProcSpec } from '../proc.ts';
import { AIR_HEADERS } from '../seoul.ts';

const PM10 = AIR_HEADERS[6];
const STATION = AIR_HEADERS[1];
const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** citydash's ingest of `file`, warmed up on a smaller file of the same shape (a warm-up on the big one would cost as much as a run). */
export async function measureIngest(ctx: BenchContext, label: string, file: string, warmFile: string, budgetSeconds: number, work: string): Promise<Measured> {
  const root = await ingestCatalog(ctx);
  return measure({
    label, maxRuns: ctx.cfg.runs, warmup: ctx.cfg.warmup, budgetSeconds,
    warmupSpec: nodeChild('ingest', [root, AIR_ID, warmFile, work]),
    before: async ({ warm, i }) => {
      await rm(work, { recursive: true, force: true });
      if (!warm && i === 0) await warmPageCache(file);
    },
    spec: nodeChild('ingest', [root, AIR_ID, file, work]),
  });
}

async function hasMiller(): Promise<boolean> {
  return runProc({ cmd: 'mlr', args: ['--version'] }).then(() => true, () => false);
}

export function millerSpec(file: string, encoding: CsvEncoding): ProcSpec {
  const mlr = `mlr --icsv --ojson stats1 -a count,mean -f ${sh(PM10)} -g ${sh(STATION)}`;
  // Miller reads UTF-8 only: a CP949 file goes through iconv first, as a Miller user would do.
  return { cmd: encoding === 'cp949' ? `iconv -f CP949 -t UTF-8 ${sh(file)} | ${mlr}` : `${mlr} ${sh(file)}`, args: [], shell: true };
}

export async function runIngest(ctx: BenchContext): Promise<void> {
  const { cfg } = ctx;
  const rows = cfg.rows.mid;
  const utf8 = await airCsv(ctx, rows, 'utf-8');
  for (const encoding of cfg.encodings) {
    const file = await airCsv(ctx, rows, encoding);
    const warmFile = await airCsv(ctx, cfg.rows.small, encoding);
    const n = rows.toLocaleString('en-US');
    const tag = encoding === 'cp949' ? 'cp949' : 'utf8';
    const work = join(ctx.tmp, `work-ingest-${tag}`);
    const ingest = await measureIngest(ctx, `ingest ${encoding}`, file, warmFile, cfg.budget('ingest'), work);
    // The last run's snapshot is what the transform stage reads (the rows are the same in both encodings).
    ctx.shared.set('snapshot-mid', Promise.resolve(work));
    const r0 = ingest.results[0] ?? {};
    const citydash = throughputFigure({
      id: `ingest-${tag}`, stage: 'ingest', label: `citydash ingest, ${n}-row ${encoding.toUpperCase()} CSV (decode, parse, map, coerce, conform gu, validate, store)`,
      counts: { rowsRead: Number(r0.rows), valid: Number(r0.valid), rejected: Number(r0.rejected), guUnmatched: Number(r0.unmatched), ...memoryCounts(r0) },
    }, ingest, rows, 'rows/s');

    const papa = await measure({ label: `papaparse ${encoding}`, maxRuns: cfg.runs, warmup: cfg.warmup, budgetSeconds: cfg.budget('papaparse'), spec: nodeChild('papaparse', [file, encoding]) });
    const papaFig = throughputFigure({
      id: `papaparse-${tag}`, stage: 'ingest',
      label: `papaparse streaming parse alone, same file${encoding === 'cp949' ? ' (iconv-lite decodeStream first)' : ''}`,
    }, papa, rows, 'rows/s');

    const mlrFig = !(await hasMiller()) ? notMeasured(`miller-${tag}`, 'ingest', 'Miller stats1 group-by', 'mlr is not installed: apt-get install -y miller') : throughputFigure({
      id: `miller-${tag}`, stage: 'ingest',
      label: encoding === 'cp949' ? 'Miller stats1 group-by (PM10 count/mean by station), `iconv -f CP949 | mlr`' : 'Miller stats1 group-by (PM10 count/mean by station)',
      note: encoding === 'cp949' ? 'Miller does not decode CP949: iconv converts to UTF-8 in a pipe, counted in the time' : undefined,
    }, await measure({ label: `miller ${encoding}`, maxRuns: cfg.runs, warmup: cfg.warmup, budgetSeconds: cfg.budget('miller'), spec: millerSpec(file, encoding) }), rows, 'rows/s');

    const duck = await measure({ label: `duckdb ${encoding}`, maxRuns: cfg.runs, warmup: cfg.warmup, budgetSeconds: cfg.budget('duckdb'), spec: nodeChild('duckdb-csv', [utf8]) });
    const duckFig = throughputFigure({
      id: `duckdb-${tag}`, stage: 'ingest',
      label: 'DuckDB read_csv + the same group-by (in a fresh node process)',
      note: encoding === 'cp949' ? 'DuckDB bundles no CP949 decoder: measured on the UTF-8 file of the same rows' : undefined,
    }, duck, rows, 'rows/s');

    for (const ref of [papaFig, mlrFig, duckFig]) addRatio(citydash, ref);
    ctx.profiles.set(citydash.id, {
      spec: nodeChild('ingest', [await ingestCatalog(ctx), AIR_ID, warmFile, work]),
      before: () => rm(work, { recursive: true, force: true }),
      note: `the same ingest on the ${cfg.rows.small.toLocaleString('en-US')}-row file of the same shape (same per-row path, shorter run)`,
    });
    ctx.figures.push(citydash, papaFig, mlrFig, duckFig);
  }
}
