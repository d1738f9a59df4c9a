// A chart render process (render-pool.ts starts one per core with a heap limit): compiles and
// draws one chart at a time with render-job and answers over IPC. A process, not a worker thread:
// a V8 heap OOM in a worker can still abort the whole process, in a child it ends only the child.
// Plain JavaScript on purpose: in a checkout (where render-job.ts is, as bin/citydash.js decides)
// it loads the TypeScript sources through tsx's scoped import, in the installed package the
// compiled render-job.js beside it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('./render-job.ts', import.meta.url);
let job;
if (existsSync(fileURLToPath(source))) {
  const { tsImport } = await import('tsx/esm/api');
  job = await tsImport(source.href, import.meta.url);
} else {
  job = await import(new URL('./render-job.js', import.meta.url).href);
}

// the parent is gone (it exited or was killed): nothing is waiting for a chart
process.on('disconnect', () => process.exit(0));
process.on('message', async (msg) => {
  try {
    process.send({ id: msg.id, result: await job.runRenderJob(msg.job) });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    process.send({ id: msg.id, error: { message: e.message, part: typeof e.part === 'string' ? e.part : undefined } });
  }
});
process.send({ ready: true });
