// When to try again: exponential backoff with full jitter (AWS architecture blog, "Exponential
// Backoff And Jitter"), so a fleet of nightly jobs hitting one struggling server spreads out
// instead of retrying in lockstep; a server's own Retry-After wins when it gives one.

/** Delay before retry number `retry` (0-based): uniform in [0, min(maxMs, baseMs * 2^retry)). */
export function backoffDelay(retry: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** retry);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`). A date in the past means "now" (0); anything
 * unparseable is ignored (undefined) so the computed backoff applies.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d{1,10}$/.test(v)) return Number(v) * 1000;
  if (v.length > 64) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
