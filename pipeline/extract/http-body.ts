// Reads a response body to the end, refusing to turn a short or oversized body into data:
// a body past the size cap stops as soon as it crosses it, and one that ends before its
// Content-Length (or whose connection drops mid-body) is an error, never a silently
// truncated file.

import { TimeoutError, TooLargeError, TruncatedBodyError } from './http-errors.ts';

export interface BodyContext {
  method: string;
  /** Display URL for messages. */
  url: string;
  maxBytes: number;
  timeoutMs: number;
  attempt: number;
  /** True once the attempt's timer fired (the read then fails with an abort). */
  timedOut: () => boolean;
  /** Masks secrets in low-level messages before they reach an error. */
  mask: (s: string) => string;
}

/** Content-Length as a number, only when it describes the bytes we will read. */
export function declaredLength(res: Response): number | undefined {
  const raw = res.headers.get('content-length');
  if (raw === null || !/^\d{1,15}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

/** Whether fetch will decode the body (then Content-Length counts encoded bytes, not ours). */
function isEncoded(res: Response): boolean {
  const enc = res.headers.get('content-encoding');
  return enc !== null && enc.trim() !== '' && enc.trim().toLowerCase() !== 'identity';
}

export async function readBody(res: Response, ctx: BodyContext): Promise<Uint8Array> {
  const declared = declaredLength(res);
  const expected = isEncoded(res) ? undefined : declared;
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > ctx.maxBytes) throw new TooLargeError(ctx.maxBytes, undefined, ctx.method, ctx.url);
      chunks.push(value);
    }
  } catch (err) {
    void reader.cancel().catch(() => {});
    if (err instanceof TooLargeError) throw err;
    if (ctx.timedOut()) throw new TimeoutError(ctx.timeoutMs, ctx.method, ctx.url, ctx.attempt, received);
    throw new TruncatedBodyError(received, expected, `connection lost: ${ctx.mask(lowLevelReason(err))}`, ctx.method, ctx.url, ctx.attempt);
  }
  if (expected !== undefined && received !== expected) {
    throw new TruncatedBodyError(received, expected, 'length mismatch', ctx.method, ctx.url, ctx.attempt);
  }
  return concat(chunks, received);
}

/** undici reports `TypeError: terminated` with the socket's reason in `cause`. */
export function lowLevelReason(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown; cause?: { message?: unknown; code?: unknown } } | null;
  const cause = e?.cause;
  const msg = typeof cause?.message === 'string' && cause.message ? cause.message : typeof e?.message === 'string' ? e.message : String(err);
  const code = typeof cause?.code === 'string' ? cause.code : typeof e?.code === 'string' ? e.code : '';
  return code && !msg.includes(code) ? `${code} ${msg}` : msg;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}
