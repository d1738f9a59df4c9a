// PNGs are drawn by resvg in worker threads (png-worker.mjs), one per core: a chart's PNG costs
// 100-300 ms of CPU, twice what its vega SVG costs, and resvg's PNG encoding runs in the calling
// thread, so in the main thread it would hold up the next chart's vega. Same library, same
// options, same bytes. Workers start on the first PNG (a cycle with every chart cached starts
// none) and stop once idle. Should a worker fail to start, PNGs are drawn in-process instead.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';

interface Job {
  id: number;
  svg: string;
  options: ResvgRenderOptions;
  resolve(png: Uint8Array): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

const WORKER_URL = new URL('./png-worker.mjs', import.meta.url);
const IDLE_MS = 1000;

async function inProcess(svg: string, options: ResvgRenderOptions): Promise<Uint8Array> {
  return new Uint8Array((await renderAsync(svg, options)).asPng());
}

class PngPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private next = 0;
  private broken = false;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Where the workers write each chart's font subsets; made with the first worker, removed with the last. */
  private fontDir: string | undefined;
  /** Font folders not yet removed; a process that ends while workers are busy removes them on exit. */
  private readonly fontDirs = new Set<string>();
  private readonly removeFontDir = (dir: string) => {
    rmSync(dir, { recursive: true, force: true });
    this.fontDirs.delete(dir);
  };

  constructor(private readonly size: number) {
    process.once('exit', () => [...this.fontDirs].forEach(this.removeFontDir));
  }

  render(svg: string, options: ResvgRenderOptions): Promise<Uint8Array> {
    if (this.broken || this.size < 1) return inProcess(svg, options);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.next++, svg, options, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    clearTimeout(this.idleTimer);
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.start();
      if (!slot) break;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, svg: job.svg, options: job.options });
    }
    if (this.slots.every((s) => !s.job)) {
      this.idleTimer = setTimeout(() => this.stopAll(), IDLE_MS);
      this.idleTimer.unref();
    }
  }

  private start(): Slot {
    if (!this.fontDir) {
      this.fontDir = mkdtempSync(join(tmpdir(), 'citydash-png-'));
      this.fontDirs.add(this.fontDir);
    }
    const slot: Slot = { worker: new Worker(WORKER_URL, { workerData: { dir: this.fontDir } }), job: null };
    slot.worker.on('message', (msg: { id: number; png?: Uint8Array; error?: string }) => {
      const job = slot.job;
      if (!job || job.id !== msg.id) return;
      slot.job = null;
      slot.worker.unref();
      if (msg.png) job.resolve(msg.png);
      else job.reject(new Error(msg.error ?? 'resvg failed'));
      this.dispatch();
    });
    const lost = () => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      // A worker that cannot run (e.g. the addon refuses to load in it) is not retried: every
      // PNG from here on, including the one it held, is drawn in this thread.
      this.broken = true;
      const pending = [...(slot.job ? [slot.job] : []), ...this.queue.splice(0)];
      slot.job = null;
      for (const job of pending) inProcess(job.svg, job.options).then(job.resolve, job.reject);
    };
    slot.worker.on('error', lost);
    slot.worker.on('exit', () => lost());
    this.slots.push(slot);
    return slot;
  }

  state(): { workers: number; inProcess: boolean; fontDirs: string[] } {
    return { workers: this.slots.length, inProcess: this.broken, fontDirs: [...this.fontDirs] };
  }

  private stopAll(): void {
    const stopped = this.slots.splice(0).map((slot) => {
      slot.worker.removeAllListeners('exit');
      slot.worker.removeAllListeners('error');
      return slot.worker.terminate();
    });
    // the next worker (should a PNG come before these have stopped) gets a folder of its own
    const dir = this.fontDir;
    this.fontDir = undefined;
    if (dir) void Promise.allSettled(stopped).then(() => this.removeFontDir(dir));
  }
}

let pool: PngPool | undefined;

/** resvg's render + asPng for one SVG, in a worker thread when one can run. */
export function rasterize(svg: string, options: ResvgRenderOptions): Promise<Uint8Array> {
  pool ??= new PngPool(pngParallelism());
  return pool.render(svg, options);
}

/** How many PNGs can be drawn at once (renderers keep that many charts in flight). */
export function pngParallelism(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Running workers, whether PNGs fell back to this thread, and the font folders not yet removed (lets tests prove the pool works). */
export function pngPoolState(): { workers: number; inProcess: boolean; fontDirs: string[] } {
  return pool?.state() ?? { workers: 0, inProcess: false, fontDirs: [] };
}
