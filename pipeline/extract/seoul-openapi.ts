// Client for the Seoul Open API (openapi.seoul.go.kr:8088): pages of at most 1000 rows via
// `/{KEY}/json/{SERVICE}/{START}/{END}/{params...}` until `list_total_count`, streamed page by
// page as RawRecords located by {page, index}. The key lives in the URL path, so every URL
// that can reach a message is masked first.
//
// Base URL, first set wins: `opts.baseUrl` (the caller's explicit choice), env
// `SEOUL_API_BASE_URL` (an operator's mirror or a test server), the descriptor's
// `extract.baseUrl`, then the city's own http://openapi.seoul.go.kr:8088.
//
// ERROR-500 and ERROR-600 arrive as HTTP 200 with the code in the body. They are server or
// database trouble that often passes, so the page is requested again with the same backoff
// and retry budget as an HTTP 5xx; if it persists the dataset fails with SeoulApiError
// ("... (after 4 attempts)"). Every other code fails at once: retrying a bad key, a bad
// parameter or a SQL error (ERROR-601) cannot help.

import { quote } from '../errors.ts';
import type { Effects, ExtractSpec, RawRecord, RawTable } from '../types.ts';
import { backoffDelay, defaultSleep } from './http-backoff.ts';
import { formatDuration } from './http-errors.ts';
import { HTTP_DEFAULTS, httpGet, type HttpOptions } from './http.ts';
import { maskSecrets, maskUrlKey } from './mask.ts';
import { isTransientSeoulCode, SEOUL_NO_DATA } from './seoul-codes.ts';
import { SeoulApiError, SeoulConfigError } from './seoul-errors.ts';
import { parseSeoulPage, type SeoulPage } from './seoul-page.ts';
import { fillParams } from './seoul-params.ts';
import { headersOf, newUnknownKeys, valuesOf } from './seoul-records.ts';

export { parseSeoulPage, type SeoulPage } from './seoul-page.ts';
export { SeoulApiError, SeoulConfigError, SeoulFormatError } from './seoul-errors.ts';

export const SEOUL_DEFAULT_BASE_URL = 'http://openapi.seoul.go.kr:8088';
/** The API refuses larger requests with ERROR-336. */
export const SEOUL_MAX_PAGE = 1000;

export interface SeoulOptions {
  key: string;
  baseUrl?: string;
  /** Rows per request, 1..1000. Default 1000. */
  pageSize?: number;
  /** The clock for `{date...}` parameter templates. */
  now: Date;
  http?: Partial<HttpOptions>;
}

export async function fetchSeoulOpenApi(spec: ExtractSpec, opts: SeoulOptions, effects: Effects): Promise<RawTable> {
  const service = checkService(spec.service);
  if (!opts.key) throw new SeoulConfigError('SEOUL_API_KEY', 'is empty; set it, or run with --offline to use the bundled samples');
  const size = checkPageSize(opts.pageSize);
  const base = resolveSeoulBaseUrl(spec, opts, effects.env);
  const params = fillParams(spec.params ?? [], opts.now);
  const getPage = pageGetter(base, service, params, spec, opts, effects);

  const first = await getPage(1, size);
  const headers = headersOf(first.rows);
  const headerSet = new Set(headers);

  async function* iterate(): AsyncGenerator<RawRecord> {
    const reported = new Set<string>();
    const emit = function* (rows: SeoulPage['rows'], page: number): Generator<RawRecord> {
      for (let index = 0; index < rows.length; index++) {
        const extra = newUnknownKeys(rows[index], headerSet, reported);
        if (extra.length) effects.log.warn(`${service} page ${page} row ${index}: field(s) ${extra.map((k) => quote(k)).join(', ')} not in page 1; ignored`);
        yield { values: valuesOf(rows[index], headers), loc: { page, index } };
      }
    };
    yield* emit(first.rows, 1);
    let total = first.total;
    let read = first.rows.length;
    for (let page = 2; (page - 1) * size < total; page++) {
      const start = (page - 1) * size + 1;
      const next = await getPage(start, Math.min(page * size, total));
      if (next.code === SEOUL_NO_DATA || next.rows.length === 0) {
        effects.log.warn(`${service}: page ${page} (rows ${start}..) came back empty although list_total_count was ${total}; the source shrank while paging`);
        break;
      }
      if (next.total !== total) {
        effects.log.warn(`${service}: list_total_count changed from ${total} to ${next.total} while paging (page ${page})`);
        total = next.total;
      }
      read += next.rows.length;
      yield* emit(next.rows, page);
    }
    if (read !== total) effects.log.warn(`${service}: read ${read} rows where list_total_count said ${total}`);
  }
  // Iterating again re-reads the pages after the first, which is held in memory.
  return { headers, records: { [Symbol.asyncIterator]: iterate } };
}

/** A bundled sample stored in the API's own JSON wire format (one page). */
export function seoulSampleTable(bytes: Uint8Array, service: string, file: string): RawTable {
  const page = parseSeoulPage(bytes, service, file);
  const headers = headersOf(page.rows);
  async function* iterate(): AsyncGenerator<RawRecord> {
    for (let index = 0; index < page.rows.length; index++) {
      yield { values: valuesOf(page.rows[index], headers), loc: { file, page: 1, index } };
    }
  }
  return { headers, records: { [Symbol.asyncIterator]: iterate } };
}

export function resolveSeoulBaseUrl(spec: ExtractSpec, opts: { baseUrl?: string }, env: Effects['env']): string {
  const candidates: [string | undefined, string][] = [
    [opts.baseUrl, 'baseUrl option'], [env.SEOUL_API_BASE_URL, 'SEOUL_API_BASE_URL'], [spec.baseUrl, 'extract.baseUrl'],
  ];
  const [raw, where] = candidates.find(([v]) => v !== undefined && v.trim() !== '') ?? [SEOUL_DEFAULT_BASE_URL, 'default'];
  let url: URL;
  try {
    url = new URL(raw!.trim());
  } catch {
    // The URL parser's message adds nothing to naming the value and the setting.
    throw new SeoulConfigError(where, `${quote(raw)} is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SeoulConfigError(where, `${quote(raw)} is not an http(s) URL`);
  if (url.search || url.hash) throw new SeoulConfigError(where, `${quote(raw)} must not have a query or fragment`);
  return url.href.replace(/\/+$/, '');
}

type PageGetter = (start: number, end: number) => Promise<SeoulPage>;

function pageGetter(base: string, service: string, params: string[], spec: ExtractSpec, opts: SeoulOptions, effects: Effects): PageGetter {
  const { etag: _e, lastModified: _l, ...rest } = opts.http ?? {};
  const secrets = [opts.key, ...(rest.secrets ?? [])];
  const mask = (s: string) => maskSecrets(s, secrets);
  const retries = rest.retries ?? HTTP_DEFAULTS.retries;
  const tail = params.map((p) => `/${encodeURIComponent(p)}`).join('');
  return async (start, end) => {
    const url = `${base}/${encodeURIComponent(opts.key)}/json/${encodeURIComponent(service)}/${start}/${end}${tail}`;
    const shown = maskUrlKey(url, opts.key);
    const where = `GET ${shown}`;
    const http: HttpOptions = {
      ...rest, timeoutMs: spec.timeoutMs ?? rest.timeoutMs, maxBytes: spec.maxBytes ?? rest.maxBytes, displayUrl: shown, secrets,
    };
    for (let attempt = 1; ; attempt++) {
      const res = await httpGet(url, http, effects);
      try {
        const page = parseSeoulPage(res.body ?? new Uint8Array(0), service, where, mask);
        effects.log.debug(`${where}: ${page.code}, ${page.rows.length} rows of ${page.total}`);
        return page;
      } catch (err) {
        if (!(err instanceof SeoulApiError) || !isTransientSeoulCode(err.code)) throw err;
        if (attempt > retries) throw new SeoulApiError(err.code, err.messageKo, where, attempt);
        const delay = backoffDelay(attempt - 1, rest.baseDelayMs ?? HTTP_DEFAULTS.baseDelayMs, rest.maxDelayMs ?? HTTP_DEFAULTS.maxDelayMs, rest.random ?? Math.random);
        effects.log.warn(`${err.message}; retry ${attempt}/${retries} in ${formatDuration(delay)}`);
        await (rest.sleep ?? defaultSleep)(delay);
      }
    }
  };
}

function checkService(service: string | undefined): string {
  if (!service) throw new SeoulConfigError('extract.service', 'is required for kind seoul-openapi');
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(service)) {
    throw new SeoulConfigError('extract.service', `${quote(service)} is not a Seoul Open API service name (letters, digits, _ and - only)`);
  }
  return service;
}

function checkPageSize(size: number | undefined): number {
  if (size === undefined) return SEOUL_MAX_PAGE;
  if (!Number.isInteger(size) || size < 1 || size > SEOUL_MAX_PAGE) {
    throw new SeoulConfigError('pageSize', `${typeof size === 'number' ? size : quote(size)} must be an integer from 1 to ${SEOUL_MAX_PAGE} (the API refuses more with ERROR-336)`);
  }
  return size;
}
