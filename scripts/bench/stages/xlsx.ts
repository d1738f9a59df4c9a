// (3) XLSX ingest (a 200k-row workbook shaped like the city's 2014 file) against SheetJS
// reading the same workbook to rows and nothing else.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeChild, type BenchContext } from '../context.ts';
import { addRatio, memoryCounts, throughputFigure } from '../figures.ts';
import { airXlsx, ingestCatalog } from '../inputs.ts';
import { AIR_XLSX_ID } from '../ingest-catalog.ts';
import { measure } from '../measure.ts';

export async function runXlsx(ctx: BenchContext): Promise<void> {
  const { cfg } = ctx;
  const rows = cfg.xlsxRows;
  const file = await airXlsx(ctx, rows);
  const root = await ingestCatalog(ctx);
  const work = join(ctx.tmp, 'work-xlsx');
  const n = rows.toLocaleString('en-US');
  const m = await measure({
    label: 'ingest xlsx', maxRuns: cfg.runs, warmup: cfg.warmup, budgetSeconds: cfg.budget('xlsx'),
    before: () => rm(work, { recursive: true, force: true }),
    spec: nodeChild('ingest', [root, AIR_XLSX_ID, file, work]),
  });
  const r0 = m.results[0] ?? {};
  const fig = throughputFigure({
    id: 'ingest-xlsx', stage: 'xlsx', label: `citydash ingest, ${n}-row XLSX (2014 headers)`,
    counts: { rowsRead: Number(r0.rows), valid: Number(r0.valid), rejected: Number(r0.rejected), ...memoryCounts(r0) },
  }, m, rows, 'rows/s');
  const ref = await measure({ label: 'sheetjs xlsx', maxRuns: cfg.runs, warmup: cfg.warmup, budgetSeconds: cfg.budget('sheetjs'), spec: nodeChild('sheetjs', [file]) });
  const refFig = throughputFigure({ id: 'sheetjs-xlsx', stage: 'xlsx', label: 'SheetJS read + sheet_to_json alone, same workbook' }, ref, rows, 'rows/s');
  addRatio(fig, refFig);
  ctx.figures.push(fig, refFig);
  ctx.profiles.set(fig.id, { spec: nodeChild('ingest', [root, AIR_XLSX_ID, file, work]), before: () => rm(work, { recursive: true, force: true }) });
}
