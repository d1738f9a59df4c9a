// A fetch that connects only to addresses the network rule already checked (net-policy.ts).
// The global fetch resolves the host again when it connects, and a DNS answer can change in
// between (rebinding: public for the check, 169.254.169.254 for the connection); here the
// connection's own lookup answers with the checked addresses and nothing else. TLS still checks
// the certificate against the URL's host name (SNI and verification use the name, not the
// address). Only what httpGet and the purge webhook use is supported: a method, headers, a
// string or byte body, an abort signal, no automatic redirects.

import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { PassThrough, pipeline, Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { ResolvedAddress } from './net-policy.ts';

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function pinnedFetch(addresses: readonly ResolvedAddress[]): FetchLike {
  return (input, init = {}) => new Promise<Response>((resolve, reject) => {
    const url = new URL(String(input));
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = headerRecord(init.headers);
    headers['accept-encoding'] ??= 'gzip, deflate, br';
    const options: RequestOptions = {
      method,
      headers,
      signal: init.signal ?? undefined,
      // A connection of its own: a pooled socket may lead to an address checked for another URL.
      agent: false,
      ...(addresses.length > 0 ? { lookup: pinnedLookup(addresses) } : {}),
    };
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (res) => {
      try {
        resolve(toResponse(res, method));
      } catch (err) {
        res.destroy();
        reject(err);
      }
    });
    req.on('error', reject);
    const body = init.body;
    if (body === undefined || body === null) req.end();
    else if (typeof body === 'string' || body instanceof Uint8Array) req.end(body);
    else {
      req.destroy();
      reject(new TypeError('pinnedFetch sends string or byte bodies only'));
    }
  });
}

/** Node asks with `all: true` when it races IPv4 and IPv6 (autoSelectFamily), else for one. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return ((hostname: string, options: { family?: number | string; all?: boolean }, callback: (...args: unknown[]) => void) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family ?? 0);
    const fit = addresses.filter((a) => !family || a.family === family);
    if (fit.length === 0) {
      callback(Object.assign(new Error(`no checked IPv${family} address for ${hostname}`), { code: 'ENOTFOUND' }));
      return;
    }
    if (options.all) callback(null, fit.map((a) => ({ address: a.address, family: a.family })));
    else callback(null, fit[0].address, fit[0].family);
  }) as unknown as LookupFunction;
}

function headerRecord(h: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const [k, v] of new Headers(h)) out[k] = v;
  return out;
}

function toResponse(res: IncomingMessage, method: string): Response {
  const status = res.statusCode ?? 0;
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i], raw[i + 1]);
    } catch {
      // A header value Headers refuses is one no caller reads.
    }
  }
  const statusText = /^[\t\x20-\x7e]*$/.test(res.statusMessage ?? '') ? (res.statusMessage ?? '') : '';
  if (status < 200 || status > 599) {
    res.destroy();
    throw new Error(`server answered with status ${status}, which is not a final HTTP status`);
  }
  if (NULL_BODY.has(status) || method === 'HEAD') {
    res.resume();
    return new Response(null, { status, statusText, headers });
  }
  return new Response(Readable.toWeb(decoded(res)) as ReadableStream<Uint8Array>, { status, statusText, headers });
}

/** As fetch does: gzip, deflate and br bodies decoded (Content-Encoding stays in the headers). */
function decoded(res: IncomingMessage): Readable {
  const enc = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = enc === 'gzip' || enc === 'x-gzip' ? createGunzip() : enc === 'deflate' ? createInflate() : enc === 'br' ? createBrotliDecompress() : null;
  if (!decoder) return res;
  const out = new PassThrough();
  pipeline(res, decoder, out, () => {});
  return out;
}
