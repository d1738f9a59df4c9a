import { createLogger, type LoggerOptions } from './log.ts';
import type { Effects } from './types.ts';

/**
 * The real world: global fetch, the system clock, stderr, process.env. `SOURCE_DATE_EPOCH`
 * (seconds, the reproducible-builds convention) pins the clock, so two builds of the same data
 * are byte-identical — how sharded and unsharded builds are compared.
 */
export function realEffects(log: LoggerOptions = {}, env: Record<string, string | undefined> = process.env): Effects {
  const epoch = env.SOURCE_DATE_EPOCH && /^\d+$/.test(env.SOURCE_DATE_EPOCH) ? Number(env.SOURCE_DATE_EPOCH) * 1000 : null;
  return { fetch: globalThis.fetch, now: () => new Date(epoch ?? Date.now()), log: createLogger(log), env };
}
