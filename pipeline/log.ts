import type { Logger, Progress } from './types.ts';

export interface LoggerOptions {
  stream?: NodeJS.WriteStream | NodeJS.WritableStream;
  quiet?: boolean;
  verbose?: boolean;
  /** Colour and redrawn progress bars only on a TTY without NO_COLOR. */
  color?: boolean;
  tty?: boolean;
}

const COLORS: Record<string, string> = {
  fresh: '32', cached: '36', 'not-modified': '36', 'not-due': '90', stale: '33', failed: '31', missing: '31',
};

export function createLogger(options: LoggerOptions = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? Boolean((stream as NodeJS.WriteStream).isTTY);
  const color = options.color ?? (tty && !process.env.NO_COLOR);
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const write = (s: string) => void stream.write(`${s}\n`);
  return {
    info: (m) => !options.quiet && write(m),
    warn: (m) => write(paint('33', `warning: ${m}`)),
    error: (m) => write(paint('31', `error: ${m}`)),
    debug: (m) => options.verbose && write(paint('90', m)),
    status: (state, name, detail) => {
      if (options.quiet && !['failed', 'stale', 'missing'].includes(state)) return;
      write(`${paint(COLORS[state] ?? '0', `[${state}]`)} ${name}${detail ? ` ${paint('90', detail)}` : ''}`);
    },
    progress: (label, total) => (options.quiet ? NO_PROGRESS : tty ? bar(stream, label, total) : lines(write, label, total)),
  };
}

const NO_PROGRESS: Progress = { tick() {}, done() {} };

function bar(stream: NodeJS.WritableStream, label: string, total?: number): Progress {
  let n = 0;
  let last = 0;
  const draw = () => {
    const pct = total ? Math.min(1, n / total) : 0;
    const width = 24;
    const filled = Math.round(pct * width);
    const shown = total ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${n.toLocaleString('en-US')}/${total.toLocaleString('en-US')}` : n.toLocaleString('en-US');
    stream.write(`\r${label} ${shown}\x1b[K`);
  };
  return {
    tick(k = 1) {
      n += k;
      const t = Date.now();
      if (t - last > 100) { last = t; draw(); }
    },
    done() { draw(); stream.write('\n'); },
  };
}

function lines(write: (s: string) => void, label: string, total?: number): Progress {
  let n = 0;
  return {
    tick(k = 1) { n += k; },
    done() { write(`${label} ${n.toLocaleString('en-US')}${total ? `/${total.toLocaleString('en-US')}` : ''}`); },
  };
}

/** For tests and --json runs where stderr must stay clean: records instead of printing. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(m),
    warn: (m) => void lines.push(`warning: ${m}`),
    error: (m) => void lines.push(`error: ${m}`),
    debug: () => {},
    status: (s, n, d) => void lines.push(`[${s}] ${n}${d ? ` ${d}` : ''}`),
    progress: () => NO_PROGRESS,
  };
}
