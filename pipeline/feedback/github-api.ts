// GET against the GitHub REST API through the extract stage's HTTP client (deadlines, retries,
// size caps, the network policy), with the API's own manners: a bearer token only ever sent to
// the configured API origin, pages followed by their Link header (and only within that API),
// and refusals told apart (rate limit, bad token, no such repository) so the caller can say why
// it kept the last list. The token never appears in a message: it is masked like any secret.
import { HttpError, HttpStatusError, httpGet, type HttpOptions } from '../extract/index.ts';
import type { Effects } from '../types.ts';
import { FeedbackReadError } from './errors.ts';

/** github.com's REST API; GitHub Enterprise Server has its own (`https://HOST/api/v3`). */
export const GITHUB_API = 'https://api.github.com';
/** The REST API version these requests are written for (sent as X-GitHub-Api-Version). */
export const GITHUB_API_VERSION = '2022-11-28';
/** A page holds at most this many issues or comments (GitHub's own maximum). */
export const PER_PAGE = 100;

export interface GithubClientOptions {
  /** API base URL, without a trailing slash: operator configuration, never the catalog's. */
  api: string;
  token: string;
  /** At most this many pages per listing (a cap on time and on the rate budget). */
  maxPages?: number;
  /** HTTP client options (tests shorten the backoff). */
  http?: Pick<HttpOptions, 'timeoutMs' | 'retries' | 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs' | 'sleep' | 'random'>;
}

export interface GithubPage {
  items: unknown[];
  /** The next page's URL (Link rel="next"), already checked to lie within the API. */
  next: string | null;
  /** X-RateLimit-Remaining after this request, when the API said. */
  remaining: number | null;
}

export type RefusalKind = 'rate-limit' | 'unauthorized' | 'not-found' | 'forbidden' | 'failed';

/** The API said no, or could not be reached; `kind` says which, for the message the site shows. */
export class GithubApiError extends FeedbackReadError {
  constructor(
    readonly kind: RefusalKind,
    url: string,
    detail: string,
    /** When the rate limit resets (ISO), for `rate-limit`. */
    readonly resetsAt: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(url, detail, options);
    this.name = 'GithubApiError';
  }
}

const MAX_PAGE_BYTES = 10_000_000;

export function createGithubClient(opts: GithubClientOptions, effects: Effects) {
  const api = new URL(opts.api);
  const apiPrefix = api.pathname.replace(/\/+$/, '');
  const maxPages = opts.maxPages ?? 20;
  const headers = {
    accept: 'application/vnd.github+json',
    'x-github-api-version': GITHUB_API_VERSION,
    authorization: `Bearer ${opts.token}`,
  };

  /** A Link target is followed only inside the configured API: the token goes nowhere else. */
  function withinApi(target: string): boolean {
    let u: URL;
    try {
      u = new URL(target);
    } catch {
      // A link that is not a URL is not an API page: refused like any other.
      return false;
    }
    return u.origin === api.origin && (u.pathname === apiPrefix || u.pathname.startsWith(`${apiPrefix}/`)) && !u.username && !u.password;
  }

  async function getPage(url: string): Promise<GithubPage> {
    let res;
    try {
      res = await httpGet(url, { ...opts.http, headers, maxBytes: MAX_PAGE_BYTES, secrets: [opts.token] }, effects);
    } catch (err) {
      throw refusal(err, url);
    }
    let items: unknown;
    try {
      items = JSON.parse(new TextDecoder().decode(res.body ?? new Uint8Array()));
    } catch (err) {
      throw new GithubApiError('failed', url, `the answer is not JSON (${(err as Error).message})`, null, { cause: err });
    }
    if (!Array.isArray(items)) throw new GithubApiError('failed', url, 'the answer is not a list');
    const next = nextLink(res.headers.get('link'));
    if (next !== null && !withinApi(next)) {
      throw new GithubApiError('failed', url, `its Link header points outside the API (${JSON.stringify(next.slice(0, 120))}); not followed`);
    }
    const remaining = Number.parseInt(res.headers.get('x-ratelimit-remaining') ?? '', 10);
    return { items, next, remaining: Number.isFinite(remaining) ? remaining : null };
  }

  /** Every item of a listing, following rel="next" up to `maxPages` pages. */
  async function list(path: string, query: Record<string, string>): Promise<{ items: unknown[]; truncated: boolean; pages: number }> {
    const first = new URL(`${api.origin}${apiPrefix}${path}`);
    for (const [k, v] of Object.entries({ ...query, per_page: String(PER_PAGE) })) first.searchParams.set(k, v);
    const items: unknown[] = [];
    let url: string | null = first.href;
    let pages = 0;
    const seen = new Set<string>();
    while (url && pages < maxPages) {
      if (seen.has(url)) throw new GithubApiError('failed', url, 'its Link header points back to a page already read');
      seen.add(url);
      const page = await getPage(url);
      pages++;
      items.push(...page.items);
      url = page.next;
    }
    return { items, truncated: url !== null, pages };
  }

  return { list, withinApi };
}

export type GithubClient = ReturnType<typeof createGithubClient>;

/** `<https://api.github.com/...&page=2>; rel="next", <...>; rel="last"` -> the next URL. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (m && /(?:^|;)\s*rel\s*=\s*"?(?:[^";]*\s)?next(?:\s[^";]*)?"?\s*(?:;|$)/i.test(m[2]!)) return m[1]!;
  }
  return null;
}

/** The API's answer in words: GitHub sends 403 (or 429) with X-RateLimit-Remaining: 0 when the budget is spent. */
function refusal(err: unknown, url: string): Error {
  if (!(err instanceof HttpError)) return err as Error;
  if (!(err instanceof HttpStatusError)) return new GithubApiError('failed', url, err.message, null, { cause: err });
  const h = err.headers;
  const remaining = h?.get('x-ratelimit-remaining');
  const reset = Number.parseInt(h?.get('x-ratelimit-reset') ?? '', 10);
  const resetsAt = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : null;
  if ((err.status === 403 || err.status === 429) && (remaining === '0' || err.retryAfter !== undefined)) {
    const until = resetsAt ? ` until ${resetsAt}` : err.retryAfter ? ` (retry after ${err.retryAfter})` : '';
    return new GithubApiError('rate-limit', url, `rate limit reached${until}`, resetsAt, { cause: err });
  }
  if (err.status === 401) return new GithubApiError('unauthorized', url, 'the token was refused (401): check CITYDASH_GITHUB_TOKEN / GITHUB_TOKEN', null, { cause: err });
  if (err.status === 404) return new GithubApiError('not-found', url, 'no such repository, or the token cannot read it (404)', null, { cause: err });
  if (err.status === 403) return new GithubApiError('forbidden', url, 'access refused (403): the token needs read access to issues', null, { cause: err });
  return new GithubApiError('failed', url, err.message, null, { cause: err });
}
