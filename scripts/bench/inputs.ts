// Generated inputs, made once per run and shared by the stages that need them (lazily, so a
// run limited with --only generates only what it uses).
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { shared, type BenchContext } from './context.ts';
import { generateAirCsv, type CsvEncoding } from './gen-csv.ts';
import { generateAirXlsx } from './gen-xlsx.ts';
import { writeIngestCatalog } from './ingest-catalog.ts';
import { SEED } from './prng.ts';

async function timed<T>(what: string, make: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await make();
  process.stderr.write(`  generated ${what} in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  return out;
}

/** A Seoul-shaped air-quality CSV of `rows` rows (same seed: the first rows agree across sizes). */
export function airCsv(ctx: BenchContext, rows: number, encoding: CsvEncoding): Promise<string> {
  return shared(ctx, `csv:${rows}:${encoding}`, async () => {
    await mkdir(join(ctx.tmp, 'inputs'), { recursive: true });
    const path = join(ctx.tmp, 'inputs', `air-${rows}.${encoding}.csv`);
    await timed(`${rows.toLocaleString('en-US')}-row ${encoding} CSV`, () => generateAirCsv(path, rows, encoding, SEED));
    return path;
  });
}

export function airXlsx(ctx: BenchContext, rows: number): Promise<string> {
  return shared(ctx, `xlsx:${rows}`, async () => {
    await mkdir(join(ctx.tmp, 'inputs'), { recursive: true });
    const path = join(ctx.tmp, 'inputs', `air-${rows}.xlsx`);
    await timed(`${rows.toLocaleString('en-US')}-row XLSX`, () => generateAirXlsx(path, rows, SEED));
    return path;
  });
}

/** The air-quality catalog every ingest-shaped figure runs on. */
export function ingestCatalog(ctx: BenchContext): Promise<string> {
  return shared(ctx, 'ingest-catalog', async () => {
    const root = join(ctx.tmp, 'ingest-catalog');
    await writeIngestCatalog(ctx.repo, root);
    return root;
  });
}

/** Reads a file once so the measured runs start from the page cache, as every warm run does. */
export async function warmPageCache(path: string): Promise<void> {
  for await (const _chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    // read and dropped: only the page cache is wanted
  }
}
