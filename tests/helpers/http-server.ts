// A scriptable HTTP server on 127.0.0.1 (port 0) for tests of the HTTP client: each route
// answers its Nth request with its Nth step (the last step repeats), and every request is
// recorded so tests can count attempts and check the headers that were sent.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Step {
  /** Default 200 (302 with `redirect`). */
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Wait this long before sending headers. */
  delayMs?: number;
  /** Send the body without Content-Length, in `chunkSize` pieces (default 16 kB)... */
  chunked?: boolean;
  chunkSize?: number;
  /** ...pausing this long between pieces (a slow body). */
  trickleMs?: number;
  /** Claim this Content-Length, send `body` (fewer bytes), then drop the connection. */
  declaredLength?: number;
  /** Answer with a redirect to this Location. */
  redirect?: string;
  /** Drop the connection without answering. */
  reset?: boolean;
  /** Answer 304 when If-None-Match / If-Modified-Since match this step's ETag / Last-Modified headers. */
  conditional?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface TestHttpServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  url(path: string): string;
  route(path: string, ...steps: Step[]): void;
  requests: RecordedRequest[];
  /** Requests made to `path` so far. */
  count(path: string): number;
  close(): Promise<void>;
}

export async function startHttpServer(): Promise<TestHttpServer> {
  const routes = new Map<string, Step[]>();
  const hits = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const wait = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(() => { timers.delete(t); resolve(); }, ms);
    timers.add(t);
  });

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: { ...req.headers } });
    const n = hits.get(path) ?? 0;
    hits.set(path, n + 1);
    const steps = routes.get(path);
    if (!steps) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no route ${path}`);
      return;
    }
    answer(steps[Math.min(n, steps.length - 1)], req, res, wait).catch(() => res.destroy());
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, ...steps) => { routes.set(path, steps); hits.set(path, 0); },
    requests,
    count: (path) => requests.filter((r) => r.path === path).length,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function answer(step: Step, req: IncomingMessage, res: ServerResponse, wait: (ms: number) => Promise<void>): Promise<void> {
  if (step.delayMs) await wait(step.delayMs);
  if (res.destroyed) return;
  if (step.reset) { req.socket.destroy(); return; }
  const headers: Record<string, string> = { ...(step.headers ?? {}) };
  if (step.redirect !== undefined) {
    res.writeHead(step.status ?? 302, { ...headers, location: step.redirect }).end();
    return;
  }
  if (step.conditional && notModified(req, headers)) {
    res.writeHead(304, headers).end();
    return;
  }
  const body = typeof step.body === 'string' ? Buffer.from(step.body) : Buffer.from(step.body ?? new Uint8Array(0));
  if (step.declaredLength !== undefined) {
    res.writeHead(step.status ?? 200, { ...headers, 'content-length': String(step.declaredLength) });
    res.write(body);
    await wait(20);
    res.destroy();
    return;
  }
  if (!step.chunked) {
    res.writeHead(step.status ?? 200, { ...headers, 'content-length': String(body.byteLength) }).end(body);
    return;
  }
  res.writeHead(step.status ?? 200, headers);
  const size = step.chunkSize ?? 16 * 1024;
  for (let at = 0; at < body.byteLength; at += size) {
    if (res.destroyed) return;
    res.write(body.subarray(at, at + size));
    if (step.trickleMs) await wait(step.trickleMs);
  }
  res.end();
}

function notModified(req: IncomingMessage, headers: Record<string, string>): boolean {
  const etag = headers.etag ?? headers.ETag;
  const lastModified = headers['last-modified'] ?? headers['Last-Modified'];
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) return etag !== undefined && inm.split(',').map((s) => s.trim()).includes(etag);
  const ims = req.headers['if-modified-since'];
  return ims !== undefined && lastModified !== undefined && Date.parse(lastModified) <= Date.parse(ims);
}
