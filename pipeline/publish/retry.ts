// Object stores throttle and drop connections as a matter of course; a publish of thousands of
// files must ride that out. Transient failures (5xx, throttling, network) are retried with
// exponential backoff and jitter; anything else fails at once with the store's own message.
import type { Logger } from '../types.ts';
import { TargetError, type Target } from './target.ts';

export interface RetryOptions {
  /** Attempts in all, first included (default 5). */
  attempts?: number;
  /** First backoff (default 250 ms), doubled per attempt up to maxMs (default 8 s). */
  baseMs?: number;
  maxMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EBUSY', 'EMFILE', 'ENFILE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

export function isTransient(err: unknown): boolean {
  if (err instanceof TargetError) return err.transient;
  const e = err as { code?: string; name?: string; cause?: unknown } | null;
  if (!e) return false;
  if ((e.code && NETWORK_CODES.has(e.code)) || e.name === 'TimeoutError' || e.name === 'AbortError') return true;
  return e.cause !== undefined && e.cause !== err && isTransient(e.cause);
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withRetry<T>(what: string, fn: () => Promise<T>, opts: RetryOptions, log: Logger): Promise<T> {
  const attempts = Math.max(1, opts.attempts ?? 5);
  const base = opts.baseMs ?? 250;
  const max = opts.maxMs ?? 8000;
  const sleep = opts.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= attempts || !isTransient(err)) throw err;
      const delay = Math.min(max, base * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      log.debug(`${what}: ${(err as Error).message}; retry ${attempt}/${attempts - 1} in ${Math.round(delay)} ms`);
      await sleep(delay);
    }
  }
}

/** The same target with every operation retried on transient failures. */
export function resilient(target: Target, opts: RetryOptions, log: Logger): Target {
  return {
    name: target.name,
    atomicCreate: target.atomicCreate,
    get: (p) => withRetry(`get ${p}`, () => target.get(p), opts, log),
    put: (p, body, o) => withRetry(`put ${p}`, () => target.put(p, body, o), opts, log),
    list: (prefix) => withRetry(`list ${prefix ?? ''}`, () => target.list(prefix), opts, log),
    delete: (paths) => withRetry(`delete ${paths.length} objects`, () => target.delete(paths), opts, log),
  };
}
