// (4) Transform: the bundled derived SQL (air quality, monthly means by gu) over the mid-size
// validated table, against DuckDB running the same SQL on the same snapshot by itself.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { nodeChild, shared, type BenchContext } from '../context.ts';
import { addRatio, throughputFigure } from '../figures.ts';
import { airCsv, ingestCatalog } from '../inputs.ts';
import { AIR_ID, MONTHLY_ID } from '../ingest-catalog.ts';
import { measure } from '../measure.ts';
import { runProc } from '../proc.ts';

/** A work dir holding the validated mid-size snapshot (left by the ingest stage, or made now). */
export function midSnapshot(ctx: BenchContext): Promise<string> {
  return shared(ctx, 'snapshot-mid', async () => {
    const work = join(ctx.tmp, 'work-snapshot-mid');
    process.stderr.write('  validating the mid-size CSV once for the transform (not measured)\n');
    await runProc(nodeChild('ingest', [await ingestCatalog(ctx), AIR_ID, await airCsv(ctx, ctx.cfg.rows.mid, 'utf-8'), work]));
    return work;
  });
}

export async function runTransform(ctx: BenchContext): Promise<void> {
  const { cfg } = ctx;
  const root = await ingestCatalog(ctx);
  const work = await midSnapshot(ctx);
  const rows = cfg.rows.mid;
  const derived = [join(work, 'data', `${MONTHLY_ID}.ndjson`), join(work, 'data', `${MONTHLY_ID}.meta.json`), join(work, 'reports', `${MONTHLY_ID}.json`)];
  const m = await measure({
    label: 'transform', maxRuns: cfg.runs, warmup: cfg.warmup, budgetSeconds: cfg.budget('transform'),
    before: async () => { for (const f of derived) await rm(f, { force: true }); },
    spec: nodeChild('transform', [root, work]),
  });
  const r0 = m.results[0] ?? {};
  const fig = throughputFigure({
    id: 'transform-monthly-by-gu', stage: 'transform',
    label: `citydash transform: bundled ${MONTHLY_ID} SQL over ${rows.toLocaleString('en-US')} validated rows (load, SQL, validate, store)`,
    counts: { derivedRows: Number(r0.rows) },
  }, m, rows, 'input rows/s');

  const descriptor = parse(await readFile(join(root, 'sources/derived', `${MONTHLY_ID}.yaml`), 'utf8')) as { sql: string };
  const sqlFile = join(ctx.tmp, `${MONTHLY_ID}.sql`);
  await writeFile(sqlFile, descriptor.sql);
  const ref = await measure({
    label: 'duckdb sql', maxRuns: cfg.runs, warmup: cfg.warmup, budgetSeconds: cfg.budget('duckdbSql'),
    spec: nodeChild('duckdb-sql', [AIR_ID, join(work, 'data', `${AIR_ID}.ndjson`), sqlFile]),
  });
  const refFig = throughputFigure({ id: 'duckdb-monthly-by-gu', stage: 'transform', label: 'DuckDB alone: read_json of the same snapshot + the same SQL' }, ref, rows, 'input rows/s');
  addRatio(fig, refFig);
  ctx.figures.push(fig, refFig);
  ctx.profiles.set(fig.id, { spec: nodeChild('transform', [root, work]), before: async () => { for (const f of derived) await rm(f, { force: true }); } });
}
