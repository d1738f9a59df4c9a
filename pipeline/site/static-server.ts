// A small static server for a built site, used by `citydash serve` and the browser tests. It
// sends the same headers a host would from the site's `_headers` rules (pipeline/site/headers.ts),
// answers `/` by the browser's Accept-Language (Korean unless English is preferred) and never
// serves a file outside the site folder.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Lang } from '../types.ts';
import { headersFor } from './headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};
/** Files the site carries for hosts, not for browsers. */
const PRIVATE = new Set(['/_headers']);

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** `ko` unless the first language the browser names that the site has is English. */
export function pickLanguage(acceptLanguage: string | undefined): Lang {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.split('-')[0], q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0 && (x.lang === 'ko' || x.lang === 'en'))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.lang === 'en' ? 'en' : 'ko';
}

async function fileAt(path: string): Promise<{ path: string; size: number } | 'dir' | null> {
  // Not found or not readable: served as a 404, as any static server would.
  const info = await stat(path).catch(() => null);
  if (!info) return null;
  if (info.isDirectory()) return 'dir';
  return info.isFile() ? { path, size: info.size } : null;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: string): void {
  res.writeHead(status, { 'Cache-Control': 'no-cache', ...headers });
  res.end(body);
}

async function handle(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'method not allowed\n');
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    // A path that cannot be decoded is a bad request; the reader gets a 400, not our stack.
    return send(res, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'bad request\n');
  }
  if (path.includes('\0') || path.split('/').includes('..')) return send(res, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'bad request\n');
  if (path === '/' && req.headers['accept-language']) {
    return send(res, 302, { Location: `/${pickLanguage(req.headers['accept-language'])}/`, Vary: 'Accept-Language' });
  }
  let target = resolve(root, `.${normalize(path)}`);
  if (target !== root && !target.startsWith(root + sep)) return send(res, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'bad request\n');
  let found = PRIVATE.has(path) ? null : await fileAt(target);
  if (found === 'dir') {
    if (!path.endsWith('/')) return send(res, 301, { Location: `${path}/` });
    target = join(target, 'index.html');
    found = await fileAt(target);
    if (found === 'dir') found = null;
  }
  let status = 200;
  let headerPath = path;
  if (!found) {
    status = 404;
    headerPath = '/404.html';
    const page = await fileAt(join(root, '404.html'));
    if (!page || page === 'dir') return send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8', ...headersFor(headerPath) }, 'not found\n');
    found = page;
  }
  const type = TYPES[extname(found.path).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(found.size), 'Cache-Control': 'no-cache', ...headersFor(headerPath) });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(found.path).on('error', () => res.destroy()).pipe(res);
}

export async function startStaticServer(opts: { root: string; port?: number; host?: string }): Promise<StaticServer> {
  const root = resolve(opts.root);
  const server = createServer((req, res) => {
    // The reader gets a 500 (or a closed connection) rather than our stack; `serve` is a local preview.
    handle(root, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { 'Content-Type': 'text/plain; charset=utf-8' }, 'internal error\n');
      else res.destroy();
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}/`,
    port,
    close: () => new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    }),
  };
}
