// Rasterises chart SVGs to PNG off the main thread (png-pool.ts starts it). Plain JavaScript on
// purpose: a worker thread does not inherit the TypeScript loader the CLI and the tests use.
// resvg's own PNG encoding (`asPng`) is synchronous, so in the main thread it would stall vega.
import { parentPort } from 'node:worker_threads';
import { Resvg } from '@resvg/resvg-js';

parentPort.on('message', (job) => {
  try {
    const png = new Resvg(job.svg, job.options).render().asPng();
    const bytes = new Uint8Array(png.byteLength);
    bytes.set(png);
    parentPort.postMessage({ id: job.id, png: bytes }, [bytes.buffer]);
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
});
