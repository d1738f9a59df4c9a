// GET with the manners a nightly job needs against departmental servers: a deadline that
// covers a slow body too, retries with backoff only where a retry can help (5xx, 429,
// network and timeout failures, bodies cut short), conditional requests, a size cap, and
// redirects followed by hand so a loop is named instead of surfacing as "fetch failed".

import { STATUS_CODES } from 'node:http';
import { quote } from '../errors.ts';
import type { Effects } from '../types.ts';
import { backoffDelay, defaultSleep, parseRetryAfter } from './http-backoff.ts';
import { declaredLength, lowLevelReason, readBody } from './http-body.ts';
import {
  BadUrlError, HttpError, HttpStatusError, NetworkError, RedirectLoopError, TimeoutError, TooLargeError,
  TruncatedBodyError, formatDuration,
} from './http-errors.ts';
import { maskSecrets } from './mask.ts';
import { checkHop, netPolicyFrom, systemResolver, type NetPolicy } from './net-policy.ts';
import { pinnedFetch } from './pinned-fetch.ts';

export interface HttpOptions {
  /** Deadline for one attempt, headers and whole body included. Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** Backoff base; retry n waits uniformly in [0, min(maxDelayMs, baseDelayMs * 2^n)). Default 500 ms. */
  baseDelayMs?: number;
  /** Backoff ceiling. Default 30 s. */
  maxDelayMs?: number;
  /** Longest Retry-After honoured; a server asking for more gets no retry. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Default 10. */
  maxRedirects?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Body size cap in bytes. Default 200 MB. */
  maxBytes?: number;
  /** Validators from the cached copy; sent as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  headers?: Record<string, string>;
  /** How the request URL appears in messages and the result (e.g. with a key masked). */
  displayUrl?: string;
  /** Masked wherever a URL or low-level message could show them (redirect targets too). */
  secrets?: (string | undefined)[];
  /** Which hosts every hop may reach (net-policy.ts); default: the rule with only CITYDASH_ALLOW_HOSTS relaxing it. */
  network?: NetPolicy;
}

export interface HttpResult {
  /** Any 2xx is reported as 200; 304 when the validators still match (no body). */
  status: 200 | 304;
  body?: Uint8Array;
  etag?: string;
  lastModified?: string;
  /** Final URL after redirects, as displayed: secrets masked, safe to store in reports. */
  url: string;
  /** The final response's headers (APIs page with Link and meter with rate-limit headers). */
  headers: Headers;
}

export const HTTP_DEFAULTS = {
  timeoutMs: 30_000, retries: 3, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 60_000,
  maxRedirects: 10, maxBytes: 200_000_000,
} as const;

type Settings = Required<Omit<HttpOptions, 'etag' | 'lastModified' | 'displayUrl' | 'headers' | 'secrets' | 'network'>> & {
  network: NetPolicy;
  headers: Record<string, string>;
  display: (u: string) => string;
  mask: (s: string) => string;
};

const METHOD = 'GET';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function httpGet(url: string, opts: HttpOptions, effects: Effects): Promise<HttpResult> {
  const secrets = opts.secrets ?? [];
  const mask = (s: string) => maskSecrets(s, secrets);
  const shown = opts.displayUrl ?? mask(url);
  const num = (v: number | undefined, fallback: number, min: number) => (v !== undefined && Number.isFinite(v) ? Math.max(min, v) : fallback);
  const s: Settings = {
    timeoutMs: num(opts.timeoutMs, HTTP_DEFAULTS.timeoutMs, 1),
    retries: Math.floor(num(opts.retries, HTTP_DEFAULTS.retries, 0)),
    baseDelayMs: num(opts.baseDelayMs, HTTP_DEFAULTS.baseDelayMs, 0),
    maxDelayMs: num(opts.maxDelayMs, HTTP_DEFAULTS.maxDelayMs, 0),
    maxRetryAfterMs: num(opts.maxRetryAfterMs, HTTP_DEFAULTS.maxRetryAfterMs, 0),
    maxRedirects: Math.floor(num(opts.maxRedirects, HTTP_DEFAULTS.maxRedirects, 0)),
    maxBytes: num(opts.maxBytes, HTTP_DEFAULTS.maxBytes, 0),
    random: opts.random ?? Math.random,
    sleep: opts.sleep ?? defaultSleep,
    headers: requestHeaders(opts),
    network: opts.network ?? netPolicyFrom(effects.env),
    display: (u) => (u === url ? shown : mask(u)),
    mask,
  };
  checkUrl(url, shown);
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(url, attempt, s, effects);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const retryAfter = err instanceof HttpStatusError ? parseRetryAfter(err.retryAfter, effects.now()) : undefined;
      if (!isRetryable(err) || attempt > s.retries) throw err;
      if (retryAfter !== undefined && retryAfter > s.maxRetryAfterMs) {
        const e = err as HttpStatusError;
        const refused = new HttpStatusError(e.status, e.statusText, e.method, e.url, attempt,
          ` (Retry-After ${formatDuration(retryAfter)} is over the ${formatDuration(s.maxRetryAfterMs)} limit; not retried)`);
        refused.retryAfter = e.retryAfter;
        refused.headers = e.headers;
        throw refused;
      }
      const delay = retryAfter ?? backoffDelay(attempt - 1, s.baseDelayMs, s.maxDelayMs, s.random);
      const why = retryAfter === undefined ? '' : ' as Retry-After asks';
      effects.log.warn(`${err.message}; retry ${attempt}/${s.retries} in ${formatDuration(delay)}${why}`);
      await s.sleep(delay);
    }
  }
}

/** Whether another attempt could succeed: server trouble and broken transfers, not client errors. */
export function isRetryable(err: HttpError): boolean {
  if (err instanceof HttpStatusError) return err.status >= 500 || err.status === 429;
  return err instanceof NetworkError || err instanceof TimeoutError || err instanceof TruncatedBodyError;
}

async function attemptOnce(url: string, attempt: number, s: Settings, effects: Effects): Promise<HttpResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, s.timeoutMs);
  let current = url;
  try {
    const visited = [url];
    let headers = s.headers;
    for (;;) {
      // Every hop is checked before a byte goes to it, redirects as much as the first request.
      // The real fetch would resolve the name again; it is replaced by one that connects to the
      // addresses just checked. An injected fetch (a test's stand-in) has no DNS of its own: it
      // is used as is, and names are resolved only when a resolver is injected with it.
      const real = effects.fetch === globalThis.fetch;
      const addresses = await checkHop(current, s.network, effects.resolve ?? (real ? systemResolver : null), {
        shown: s.display(current), hop: visited.length - 1, method: METHOD, requestUrl: s.display(url), signal: controller.signal,
      });
      const fetchHop = real ? pinnedFetch(addresses) : effects.fetch;
      const res = await fetchHop(current, { method: METHOD, headers, redirect: 'manual', signal: controller.signal });
      if (REDIRECTS.has(res.status)) {
        void res.body?.cancel().catch(() => {});
        const next = redirectTarget(res, current, attempt, s);
        if (visited.includes(next)) throw new RedirectLoopError([...visited, next].map(s.display), undefined, METHOD, s.display(url));
        if (visited.length > s.maxRedirects) throw new RedirectLoopError([...visited, next].map(s.display), s.maxRedirects, METHOD, s.display(url));
        if (new URL(next).origin !== new URL(current).origin) headers = withoutCredentials(headers);
        visited.push(next);
        current = next;
        continue;
      }
      return await finish(res, current, attempt, s, () => timedOut);
    }
  } catch (err) {
    if (err instanceof HttpError) throw err;
    if (timedOut) throw new TimeoutError(s.timeoutMs, METHOD, s.display(current), attempt);
    throw new NetworkError(s.mask(lowLevelReason(err)), METHOD, s.display(current), attempt);
  } finally {
    clearTimeout(timer);
  }
}

async function finish(res: Response, current: string, attempt: number, s: Settings, timedOut: () => boolean): Promise<HttpResult> {
  const shown = s.display(current);
  const validators = { etag: res.headers.get('etag') ?? undefined, lastModified: res.headers.get('last-modified') ?? undefined };
  if (res.status === 304) {
    void res.body?.cancel().catch(() => {});
    return { status: 304, etag: validators.etag ?? s.headers['if-none-match'], lastModified: validators.lastModified ?? s.headers['if-modified-since'], url: shown, headers: res.headers };
  }
  if (res.status < 200 || res.status > 299) {
    void res.body?.cancel().catch(() => {});
    const err = new HttpStatusError(res.status, res.statusText || STATUS_CODES[res.status] || '', METHOD, shown, attempt);
    err.retryAfter = res.headers.get('retry-after') ?? undefined;
    err.headers = res.headers;
    throw err;
  }
  const declared = declaredLength(res);
  if (declared !== undefined && declared > s.maxBytes) {
    void res.body?.cancel().catch(() => {});
    throw new TooLargeError(s.maxBytes, declared, METHOD, shown);
  }
  const body = await readBody(res, { method: METHOD, url: shown, maxBytes: s.maxBytes, timeoutMs: s.timeoutMs, attempt, timedOut, mask: s.mask });
  return { status: 200, body, ...validators, url: shown, headers: res.headers };
}

function redirectTarget(res: Response, current: string, attempt: number, s: Settings): string {
  const location = res.headers.get('location');
  if (!location) {
    throw new HttpStatusError(res.status, res.statusText || STATUS_CODES[res.status] || '', METHOD, s.display(current), attempt, ' (redirect without a Location header)');
  }
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    // The parser's reason adds nothing to "unparseable"; the Location itself is quoted, masked and capped.
    throw new BadUrlError(`redirect to an unparseable Location ${quote(s.mask(location), 120)}`, METHOD, s.display(current));
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new BadUrlError(`redirect to unsupported scheme ${JSON.stringify(next.protocol)}`, METHOD, s.display(current));
  }
  return next.href;
}

function checkUrl(url: string, shown: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The parser's reason adds nothing to "not an absolute URL".
    throw new BadUrlError('not an absolute URL', METHOD, shown);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new BadUrlError(`unsupported scheme ${JSON.stringify(parsed.protocol)}; only http: and https:`, METHOD, shown);
  }
}

function requestHeaders(opts: HttpOptions): Record<string, string> {
  const h: Record<string, string> = { 'user-agent': 'citydash' };
  for (const [k, v] of Object.entries(opts.headers ?? {})) h[k.toLowerCase()] = v;
  if (opts.etag) h['if-none-match'] = opts.etag;
  if (opts.lastModified) h['if-modified-since'] = opts.lastModified;
  return h;
}

/** As browsers do: credentials meant for one origin are not handed to another by a redirect. */
function withoutCredentials(h: Record<string, string>): Record<string, string> {
  const { authorization: _a, cookie: _c, ...rest } = h;
  return rest;
}
