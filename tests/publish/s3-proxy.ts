// A loopback HTTP proxy in front of s3rver that can answer a request with an S3 error or drop
// its connection, so the publish's retries are tested against the real SDK and a real server.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Rule {
  method: string;
  /** Matched against the request path (bucket and key, without the query). */
  path: RegExp;
  /** Only requests carrying this header. */
  header?: string;
  /** How many matching requests to fail (default: all). */
  times?: number;
  status?: number;
  code?: string;
  /** Drop the connection instead of answering. */
  reset?: boolean;
}

export interface S3Proxy {
  endpoint: string;
  requests: Array<{ method: string; url: string }>;
  rules: Rule[];
  close(): Promise<void>;
}

export async function startProxy(upstream: string): Promise<S3Proxy> {
  const up = new URL(upstream);
  const rules: Rule[] = [];
  const requests: Array<{ method: string; url: string }> = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res) => {
    const url = req.url ?? '/';
    requests.push({ method: req.method ?? '', url });
    const path = decodeURIComponent(url.split('?')[0]);
    const rule = rules.find((r) => r.method === req.method && r.path.test(path) && (r.times === undefined || r.times > 0) && (!r.header || req.headers[r.header] !== undefined));
    if (rule) {
      if (rule.times !== undefined) rule.times--;
      req.resume();
      if (rule.reset) {
        req.socket.destroy();
        return;
      }
      const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${rule.code}</Code><Message>injected by the test proxy</Message></Error>`;
      res.writeHead(rule.status ?? 503, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) }).end(body);
      return;
    }
    const fwd = request({ host: up.hostname, port: up.port, method: req.method, path: url, headers: req.headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    fwd.on('error', () => res.destroy());
    req.pipe(fwd);
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    rules,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
