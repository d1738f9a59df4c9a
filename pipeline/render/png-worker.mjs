// Rasterises chart SVGs to PNG off the main thread (png-pool.ts starts it). Plain JavaScript on
// purpose: a worker thread does not inherit the TypeScript loader the CLI and the tests use.
// resvg's own PNG encoding (`asPng`) is synchronous, so in the main thread it would stall vega.
// The fonts resvg is given are first cut to the SVG's characters (font-subset.mjs), written to
// the pool's temporary folder under this thread's name: resvg-js only reads fonts from files.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { Resvg } from '@resvg/resvg-js';
import { subsetFont, svgCodePoints } from './font-subset.mjs';

function withSubsetFonts(svg, options) {
  const files = options.font?.fontFiles;
  if (!workerData?.dir || !files?.length) return options;
  const points = svgCodePoints(svg);
  try {
    const fontFiles = files.map((file, i) => {
      const path = join(workerData.dir, `${threadId}-${i}.otf`);
      writeFileSync(path, subsetFont(file, points));
      return path;
    });
    return { ...options, font: { ...options.font, fontFiles } };
  } catch {
    // the whole fonts draw the same image, only slower: a subset that fails costs time, not the PNG
    return options;
  }
}

parentPort.on('message', (job) => {
  try {
    const png = new Resvg(job.svg, withSubsetFonts(job.svg, job.options)).render().asPng();
    const bytes = new Uint8Array(png.byteLength);
    bytes.set(png);
    parentPort.postMessage({ id: job.id, png: bytes }, [bytes.buffer]);
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
});
