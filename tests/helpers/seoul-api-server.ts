// A loopback server (127.0.0.1, port 0) that speaks the Seoul Open API wire format from given
// row sets: `/{KEY}/json/{SERVICE}/{START}/{END}/{params...}` with paging and
// list_total_count, ERROR-336 beyond 1000 rows, INFO-200 past the end, INFO-100 as XML for a
// bad key, ERROR-310 for an unknown service, a root key that differs from the service name,
// optional delays and scripted failures. Paths are recorded for assertions.

import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SeoulService {
  rows: Record<string, unknown>[];
  /** Key the body is wrapped in when it is not the service name (`bikeList` -> `rentBikeStatus`). */
  rootKey?: string;
  /** Minimum number of positional params after START/END (ERROR-300 when fewer). */
  requiredParams?: number;
  /** Rows matching the params (default: all rows). */
  filter?: (row: Record<string, unknown>, params: string[]) => boolean;
}

export interface SeoulRequest {
  path: string;
  key: string;
  type: string;
  service: string;
  start: string;
  end: string;
  params: string[];
  /** 1-based count of requests for this service so far, this one included. */
  n: number;
}

/** A scripted answer that replaces the normal one. */
export type SeoulOverride =
  | { code: string; message?: string }
  | { status: number; headers?: Record<string, string> }
  | { body: string; contentType?: string };

export interface SeoulServerOptions {
  key: string;
  services: Record<string, SeoulService>;
  /** Wait this long before answering every request. */
  delayMs?: number;
  override?: (req: SeoulRequest) => SeoulOverride | undefined;
}

export interface SeoulApiServer {
  baseUrl: string;
  requests: SeoulRequest[];
  /** Raw request paths, key included (to check the key was used). */
  paths: string[];
  close(): Promise<void>;
}

const MESSAGES: Record<string, string> = {
  'INFO-000': '정상 처리되었습니다',
  'INFO-100': '인증키가 유효하지 않습니다. 인증키가 없는 경우, 열린 데이터 광장 홈페이지에서 인증키를 신청하십시오.',
  'INFO-200': '해당하는 데이터가 없습니다.',
  'ERROR-300': '필수 값이 누락되어 있습니다. 요청인자를 참고 하십시오.',
  'ERROR-301': '파일타입 값이 누락 혹은 유효하지 않습니다. 요청인자 중 TYPE을 확인하십시오.',
  'ERROR-310': '해당하는 서비스를 찾을 수 없습니다. 요청인자 중 SERVICE를 확인하십시오.',
  'ERROR-331': '요청시작위치 값을 확인하십시오. 요청인자 중 START_INDEX를 확인하십시오.',
  'ERROR-333': '요청위치 값의 타입이 유효하지 않습니다. 요청위치 값은 정수를 입력하세요.',
  'ERROR-334': '요청종료위치 보다 요청시작위치가 더 큽니다. 요청시작조회건수는 정수를 입력하세요.',
  'ERROR-335': '샘플데이터(샘플키:sample) 는 한번에 최대 5건을 넘을 수 없습니다. 요청시작위치와 요청종료위치 값은 1 ~ 5 사이만 가능합니다.',
  'ERROR-336': '데이터요청은 한번에 최대 1000건을 넘을 수 없습니다. 요청시작위치와 요청종료위치 값은 1000 이내로 입력하세요.',
  'ERROR-500': '서버 오류입니다. 지속적으로 발생시 열린 데이터 광장으로 문의(Q&A) 바랍니다.',
  'ERROR-600': '데이터베이스 연결 오류입니다. 지속적으로 발생시 열린 데이터 광장으로 문의(Q&A) 바랍니다.',
  'ERROR-601': 'SQL 문장 오류 입니다. 지속적으로 발생시 열린 데이터 광장으로 문의(Q&A) 바랍니다.',
};

type Answer = { status: number; contentType: string; body: string; headers?: Record<string, string> };
const json = (v: unknown): Answer => ({ status: 200, contentType: 'application/json;charset=UTF-8', body: JSON.stringify(v) });
const result = (code: string, message?: string) => json({ RESULT: { CODE: code, MESSAGE: message ?? MESSAGES[code] ?? code } });
const xmlResult = (code: string): Answer => ({
  status: 200,
  contentType: 'text/xml;charset=UTF-8',
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<RESULT>\n<CODE>${code}</CODE>\n<MESSAGE><![CDATA[${MESSAGES[code]}]]></MESSAGE>\n</RESULT>\n`,
});

export async function startSeoulApiServer(opts: SeoulServerOptions): Promise<SeoulApiServer> {
  const requests: SeoulRequest[] = [];
  const paths: string[] = [];
  const counts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    paths.push(path);
    const [key = '', type = '', service = '', start = '', end = '', ...params] = path.split('/').slice(1).map(decodeSegment);
    const n = (counts.get(service) ?? 0) + 1;
    counts.set(service, n);
    const request: SeoulRequest = { path, key, type, service, start, end, params, n };
    requests.push(request);
    const send = () => {
      const a = respond(request, opts);
      res.writeHead(a.status, { 'content-type': a.contentType, ...(a.headers ?? {}) }).end(a.body);
    };
    if (!opts.delayMs) return send();
    const t = setTimeout(() => { timers.delete(t); send(); }, opts.delayMs);
    timers.add(t);
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    paths,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function respond(req: SeoulRequest, opts: SeoulServerOptions): Answer {
  const scripted = opts.override?.(req);
  if (scripted) {
    if ('code' in scripted) return result(scripted.code, scripted.message);
    if ('status' in scripted) return { status: scripted.status, contentType: 'text/plain', body: `status ${scripted.status}`, headers: scripted.headers };
    return { status: 200, contentType: scripted.contentType ?? 'application/json', body: scripted.body };
  }
  // As the real service does: a bad key gets XML whatever type was asked for.
  if (req.key !== opts.key && req.key !== 'sample') return xmlResult('INFO-100');
  if (req.type !== 'json') return result('ERROR-301');
  const service = opts.services[req.service];
  if (!service) return result('ERROR-310');
  if (!/^\d+$/.test(req.start) || !/^\d+$/.test(req.end)) return result('ERROR-333');
  const start = Number(req.start);
  const end = Number(req.end);
  if (start < 1) return result('ERROR-331');
  if (start > end) return result('ERROR-334');
  if (end - start + 1 > 1000) return result('ERROR-336');
  if (req.key === 'sample' && end > 5) return result('ERROR-335');
  if (req.params.length < (service.requiredParams ?? 0)) return result('ERROR-300');
  const rows = service.filter ? service.rows.filter((r) => service.filter!(r, req.params)) : service.rows;
  if (rows.length === 0 || start > rows.length) return result('INFO-200');
  return json({
    [service.rootKey ?? req.service]: {
      list_total_count: rows.length,
      RESULT: { CODE: 'INFO-000', MESSAGE: MESSAGES['INFO-000'] },
      row: rows.slice(start - 1, end),
    },
  });
}
