// Downloads are written before any page, so every page links to files that already exist.
// Datasets: one pass over the validated rows feeds both the CSV and the JSON.
// Charts: SVG, PNG and both specs per language, straight from the renderer.
import { join } from 'node:path';
import { AtomicFile, writeFileAtomic } from '../atomic-write.ts';
import type { Row } from '../types.ts';
import { CSV_BOM, csvLine } from './csv.ts';
import type { SiteChart, SiteDataset } from './model-types.ts';
import { findRendered, type RenderedChart } from './rendered.ts';
import { readRows } from './rows.ts';
import { CitydashError } from '../errors.ts';

export class DownloadWriteError extends CitydashError {
  constructor(what: string, file: string, cause: Error) {
    super(what, `writing ${file}: ${cause.message}`, { cause });
    this.name = 'DownloadWriteError';
  }
}

function ordered(row: Row, names: string[]): Row {
  const out: Row = {};
  for (const n of names) out[n] = row[n] ?? null;
  return out;
}

/** Writes data/<id>.<hash>.csv and .json; returns the site paths written. */
export async function writeDatasetDownloads(outDir: string, ds: SiteDataset, rowsFile: string): Promise<string[]> {
  if (!ds.downloads) return [];
  const names = ds.columns.map((c) => c.name);
  const csv = await AtomicFile.open(join(outDir, ds.downloads.csv.path));
  const json = await AtomicFile.open(join(outDir, ds.downloads.json.path));
  try {
    await csv.write(CSV_BOM + csvLine(names));
    await json.write('[');
    let first = true;
    for await (const row of readRows(rowsFile)) {
      await csv.write(csvLine(names.map((n) => row[n])));
      await json.write(`${first ? '\n' : ',\n'}${JSON.stringify(ordered(row, names))}`);
      first = false;
    }
    await json.write(first ? ']\n' : '\n]\n');
    await csv.commit();
    await json.commit();
  } catch (err) {
    await csv.abort();
    await json.abort();
    throw new DownloadWriteError(`dataset ${ds.id}`, rowsFile, err as Error);
  }
  return [ds.downloads.csv.path, ds.downloads.json.path];
}

/** Writes charts/<id>.<lang>.<hash>.{svg,png,vl.json,vega.json}; returns the site paths written. */
export async function writeChartFiles(outDir: string, chart: SiteChart, rendered: readonly RenderedChart[]): Promise<string[]> {
  const written: string[] = [];
  for (const lang of ['ko', 'en'] as const) {
    const files = chart.render[lang]?.files;
    const r = findRendered(rendered, chart.id, lang);
    if (!files || !r) continue;
    const outputs: Array<[string, string | Uint8Array]> = [
      [files.svg.path, r.download ?? r.svg],
      [files.png.path, r.png],
      [files.vegaLite.path, `${JSON.stringify(r.vegaLite)}\n`],
      [files.vega.path, `${JSON.stringify(r.vega)}\n`],
    ];
    if (files.vegaNarrow && r.narrow) outputs.push([files.vegaNarrow.path, `${JSON.stringify(r.narrow.vega)}\n`]);
    for (const [path, data] of outputs) {
      try {
        await writeFileAtomic(join(outDir, path), data);
      } catch (err) {
        throw new DownloadWriteError(`chart ${chart.id} (${lang})`, path, err as Error);
      }
      written.push(path);
    }
  }
  return written;
}
