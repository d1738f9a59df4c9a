import { createLogger, type LoggerOptions } from './log.ts';
import type { Effects } from './types.ts';

/** The real world: global fetch, the system clock, stderr, process.env. */
export function realEffects(log: LoggerOptions = {}): Effects {
  return { fetch: globalThis.fetch, now: () => new Date(), log: createLogger(log), env: process.env };
}
