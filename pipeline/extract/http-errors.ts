import { CitydashError } from '../errors.ts';
// One error class per way an HTTP fetch fails. Messages follow ky's shape
// ("Request failed with status 404 Not Found: GET https://...") so they say what and where;
// the URL is always the display URL (API key masked), never the one that was requested.

/** `30s`, `250ms`, `1.5s`, `2m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 120_000) return `${Number((ms / 1000).toFixed(1))}s`;
  return `${Number((ms / 60_000).toFixed(1))}m`;
}

/** `512 bytes`, `1.5 kB`, `200 MB` (decimal units, as Content-Length is usually read). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return `${Number(v.toFixed(1))} ${units[i]}`;
}

export abstract class HttpError extends CitydashError {
  constructor(
    what: string,
    readonly method: string,
    /** Display URL: secrets masked. */
    readonly url: string,
    readonly attempts: number,
  ) {
    super(what, `${method} ${url}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`);
  }
}

export class HttpStatusError extends HttpError {
  /** The response's Retry-After header, when it sent one. */
  retryAfter?: string;
  /** The response's headers (an API says why it refused: rate-limit headers, for one). */
  headers?: Headers;
  constructor(
    readonly status: number,
    readonly statusText: string,
    method: string,
    url: string,
    attempts = 1,
    note = '',
  ) {
    super(`Request failed with status ${status}${statusText ? ` ${statusText}` : ''}${note}`, method, url, attempts);
    this.name = 'HttpStatusError';
  }
}

export class TimeoutError extends HttpError {
  constructor(
    readonly timeoutMs: number,
    method: string,
    url: string,
    attempts = 1,
    /** Bytes of body received when time ran out (undefined: still waiting for headers). */
    readonly received?: number,
  ) {
    const detail = received === undefined ? '' : ` (body still arriving after ${formatBytes(received)})`;
    super(`Request timed out after ${formatDuration(timeoutMs)}${detail}`, method, url, attempts);
    this.name = 'TimeoutError';
  }
}

export class NetworkError extends HttpError {
  constructor(
    readonly reason: string,
    method: string,
    url: string,
    attempts = 1,
  ) {
    super(`Request failed (network error: ${reason})`, method, url, attempts);
    this.name = 'NetworkError';
  }
}

export class TooLargeError extends HttpError {
  constructor(
    readonly maxBytes: number,
    /** Declared Content-Length, when the cap was hit before reading. */
    readonly declared: number | undefined,
    method: string,
    url: string,
  ) {
    const detail = declared === undefined
      ? `body passed the ${formatBytes(maxBytes)} cap`
      : `Content-Length ${formatBytes(declared)} exceeds the ${formatBytes(maxBytes)} cap`;
    super(`Response too large (${detail})`, method, url, 1);
    this.name = 'TooLargeError';
  }
}

export class TruncatedBodyError extends HttpError {
  constructor(
    readonly received: number,
    readonly expected: number | undefined,
    readonly reason: string,
    method: string,
    url: string,
    attempts = 1,
  ) {
    const of = expected === undefined ? '' : ` of ${expected.toLocaleString('en-US')} bytes declared by Content-Length`;
    super(`Response body cut short (received ${received.toLocaleString('en-US')} bytes${of}; ${reason})`, method, url, attempts);
    this.name = 'TruncatedBodyError';
  }
}

export class RedirectLoopError extends HttpError {
  constructor(
    /** Display URLs visited, in order, ending with the one that repeated or overflowed. */
    readonly chain: string[],
    /** Set when the chain grew past the limit without repeating itself. */
    readonly maxRedirects: number | undefined,
    method: string,
    url: string,
  ) {
    const what = maxRedirects === undefined ? 'Redirect loop' : `Too many redirects (more than ${maxRedirects})`;
    super(`${what} (${chain.join(' -> ')})`, method, url, 1);
    this.name = 'RedirectLoopError';
  }
}

export class BadUrlError extends HttpError {
  constructor(reason: string, method: string, url: string) {
    super(`Invalid request URL (${reason})`, method, url, 1);
    this.name = 'BadUrlError';
  }
}
