// Charts are compiled and drawn in child processes (render-child.mjs), one per core, because a
// chart spec comes from a pull request and vega runs its expressions: `sequence(0, 1e8)` or a
// backtracking regexp would otherwise take the whole build down (a V8 heap OOM aborts the
// process, a busy loop stalls it). Worker threads with resourceLimits were tried first: a large
// allocation past the limit still aborted the parent. Each child has a heap limit
// (budgets.chartMemoryMb) and each chart a clock (budgets.chartSeconds): a chart over either has
// its process killed and fails alone, with a message saying which budget; the next chart gets a
// fresh process. Children start on the first chart that is not cached and stop once idle; they
// get no secrets (a small allowlisted environment). There is no in-process fallback on purpose:
// a child that cannot start fails the charts, it never runs them unbounded.
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { megabytes, type Budgets } from '../budgets.ts';
import { CitydashError } from '../errors.ts';
import type { RenderJob, RenderJobResult } from './render-job.ts';

export type RenderBudget = Pick<Budgets, 'chartMemoryMb' | 'chartSeconds'>;

/** A chart's render failed in its process; `part` is vega-lite, vega, budget or render. */
export class RenderJobFailure extends CitydashError {
  constructor(
    readonly part: string,
    message: string,
  ) {
    super(undefined, message);
    this.name = 'RenderJobFailure';
  }
}

interface Pending {
  id: number;
  job: RenderJob;
  resolve(result: RenderJobResult): void;
  reject(err: Error): void;
}

interface Slot {
  child: ChildProcess;
  ready: boolean;
  current: Pending | null;
  timer?: NodeJS.Timeout;
  /** The end of the child's stderr: V8 says "heap out of memory" there before it aborts. */
  stderr: string;
}

type Reply = { ready: true } | { id: number; result?: RenderJobResult; error?: { message: string; part?: string } };

const CHILD = fileURLToPath(new URL('./render-child.mjs', import.meta.url));
// Long enough that a chart's PNG and the next chart's data, on a busy machine, never cost a restart
// (about a second of CPU); idle children never keep the process alive.
const IDLE_MS = 10_000;
/** Loading vega and vega-lite (through tsx in a checkout) on a busy machine; not the chart's time. */
const STARTUP_MS = 180_000;
/** What a render process may see of the environment: no tokens or keys, only locale and temp. */
const ENV_ALLOWED = ['PATH', 'TMPDIR', 'TEMP', 'TMP', 'TZ', 'LANG', 'LC_ALL', 'LC_CTYPE', 'SYSTEMROOT'];

/** How many charts render at once: one process per core, at most 4 (each may hold its heap budget). */
export function renderParallelism(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ENV_ALLOWED) if (process.env[key] !== undefined) env[key] = process.env[key];
  return env;
}

export class RenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private next = 0;
  private broken: string | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly budget: RenderBudget,
    private readonly size = renderParallelism(),
  ) {}

  run(job: RenderJob): Promise<RenderJobResult> {
    if (this.broken) return Promise.reject(new RenderJobFailure('render', this.broken));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.next++, job, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    clearTimeout(this.idleTimer);
    while (this.queue.length) {
      const slot = this.slots.find((s) => s.ready && !s.current);
      if (!slot) {
        // as many processes as there are charts waiting, up to the pool's size
        while (this.slots.length < this.size && this.slots.filter((s) => !s.ready).length < this.queue.length) this.start();
        break;
      }
      const pending = this.queue.shift()!;
      slot.current = pending;
      this.hold(slot, true);
      slot.timer = setTimeout(() => this.overTime(slot), this.budget.chartSeconds * 1000);
      slot.child.send({ id: pending.id, job: pending.job });
    }
    if (this.queue.length === 0 && this.slots.every((s) => !s.current)) {
      // idle children must not keep the process alive; they are stopped soon after
      for (const s of this.slots) if (s.ready) this.hold(s, false);
      this.idleTimer = setTimeout(() => this.stopAll(), IDLE_MS);
      this.idleTimer.unref();
    }
  }

  private hold(slot: Slot, on: boolean): void {
    const channel = slot.child.channel as { ref?(): void; unref?(): void } | undefined;
    if (on) {
      slot.child.ref();
      channel?.ref?.();
    } else {
      slot.child.unref();
      channel?.unref?.();
    }
  }

  private start(): void {
    const child = fork(CHILD, [], {
      // no eval or new Function in the process that runs catalog expressions (vega-interpreter needs neither)
      execArgv: [`--max-old-space-size=${this.budget.chartMemoryMb}`, '--disallow-code-generation-from-strings'],
      env: childEnv(),
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const slot: Slot = { child, ready: false, current: null, stderr: '' };
    this.slots.push(slot);
    slot.timer = setTimeout(() => this.lost(slot, `the chart render process did not start within ${STARTUP_MS / 1000} s`), STARTUP_MS);
    slot.timer.unref();
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      slot.stderr = (slot.stderr + text).slice(-4000);
    });
    child.on('message', (msg: Reply) => {
      if ('ready' in msg) {
        clearTimeout(slot.timer);
        slot.ready = true;
        this.dispatch();
        return;
      }
      const pending = slot.current;
      if (!pending || pending.id !== msg.id) return;
      clearTimeout(slot.timer);
      slot.current = null;
      if (msg.result) pending.resolve(msg.result);
      else pending.reject(new RenderJobFailure(msg.error?.part ?? 'render', msg.error?.message ?? 'the chart did not render'));
      this.dispatch();
    });
    child.on('error', (err) => this.lost(slot, err.message));
    // 'close', not 'exit': by then the child's last stderr (V8's out-of-memory line) has been read
    child.on('close', (code, signal) => this.lost(slot, `the chart render process stopped (${signal ?? `exit code ${code}`})`));
  }

  /** The chart's clock ran out: its process is killed mid-chart and replaced. */
  private overTime(slot: Slot): void {
    const pending = slot.current;
    this.remove(slot);
    pending?.reject(new RenderJobFailure('budget', `took longer than ${this.budget.chartSeconds} s to render (budgets.chartSeconds in citydash.yaml); stopped`));
    this.dispatch();
  }

  private lost(slot: Slot, reason: string): void {
    if (!this.slots.includes(slot)) return;
    const pending = slot.current;
    const started = slot.ready;
    this.remove(slot);
    const outOfMemory = /heap out of memory|Allocation failed|heap limit/i.test(slot.stderr);
    if (!started) {
      // Every child would fail the same way (even a budget too small to load vega in): say so
      // once for every chart, never restart forever.
      const said = outOfMemory ? `its ${megabytes(this.budget.chartMemoryMb)} heap (budgets.chartMemoryMb) is too small to load the renderer` : slot.stderr.trim().split('\n').filter(Boolean).pop();
      this.broken = `charts cannot be rendered: ${reason}${said ? `: ${said}` : ''}`;
      for (const p of this.queue.splice(0)) p.reject(new RenderJobFailure('render', this.broken));
    } else if (outOfMemory) {
      pending?.reject(new RenderJobFailure('budget', `used more than the ${megabytes(this.budget.chartMemoryMb)} memory budget (budgets.chartMemoryMb in citydash.yaml); stopped`));
    } else {
      pending?.reject(new RenderJobFailure('render', reason));
    }
    this.dispatch();
  }

  private remove(slot: Slot): void {
    clearTimeout(slot.timer);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    slot.child.removeAllListeners('message');
    slot.child.removeAllListeners('close');
    slot.child.removeAllListeners('error');
    slot.child.on('error', () => undefined);
    if (slot.child.exitCode === null && slot.child.signalCode === null) slot.child.kill('SIGKILL');
  }

  state(): { processes: number } {
    return { processes: this.slots.length };
  }

  private stopAll(): void {
    for (const slot of [...this.slots]) this.remove(slot);
  }
}
