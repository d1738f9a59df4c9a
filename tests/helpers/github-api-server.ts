// A loopback server (127.0.0.1, port 0) that speaks the GitHub REST API as the feedback reader
// uses it: `GET /repos/{owner}/{repo}/issues` (state, labels, sort, direction, per_page, page)
// and `GET /repos/{owner}/{repo}/issues/{n}/comments`, paginated with Link headers that point at
// `/repositories/{id}/...` as github.com's do, bearer-token authentication (401 "Bad
// credentials"), 404 for other repositories, X-RateLimit-* headers on every answer and a 403
// "API rate limit exceeded" once the budget is spent. Requests are recorded for assertions.
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Json = Record<string, unknown>;

export interface GithubServerOptions {
  owner: string;
  repo: string;
  /** The token the server accepts (`Authorization: Bearer <token>` or `token <token>`). */
  token: string;
  /** Issues as GitHub returns them (pull requests carry `pull_request`). */
  issues: Json[];
  /** Comments per issue number. */
  comments?: Record<number, Json[]>;
  /** Requests the rate limit allows before answering 403 (default: plenty). */
  budget?: number;
  /** Epoch seconds the limit resets at (X-RateLimit-Reset). */
  resetAt?: number;
  /** A scripted answer replacing the normal one (return undefined to answer normally). */
  override?: (req: RecordedGithubRequest) => { status: number; headers?: Record<string, string>; body?: string } | undefined;
  /** Rewrite the Link header (to test a hostile one). */
  link?: (link: string) => string;
}

export interface RecordedGithubRequest {
  path: string;
  authorization: string | undefined;
  apiVersion: string | undefined;
  accept: string | undefined;
  /** 1-based count of requests so far, this one included. */
  n: number;
}

export interface GithubApiServer {
  /** `http://127.0.0.1:<port>` (what GITHUB_API_URL would hold). */
  api: string;
  requests: RecordedGithubRequest[];
  options: GithubServerOptions;
  close(): Promise<void>;
}

const REPO_ID = 730_412;

function page<T>(items: T[], perPage: number, n: number): T[] {
  return items.slice((n - 1) * perPage, n * perPage);
}

export async function startGithubApiServer(options: GithubServerOptions): Promise<GithubApiServer> {
  const requests: RecordedGithubRequest[] = [];
  const sockets = new Set<Socket>();
  let used = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rec: RecordedGithubRequest = {
      path: `${url.pathname}${url.search}`,
      authorization: req.headers.authorization,
      apiVersion: req.headers['x-github-api-version'] as string | undefined,
      accept: req.headers.accept,
      n: requests.length + 1,
    };
    requests.push(rec);
    const budget = options.budget ?? 5000;
    const reset = options.resetAt ?? 1_900_000_000;
    const limitHeaders = () => ({
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, budget - used)),
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-used': String(used),
      'x-ratelimit-resource': 'core',
    });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...limitHeaders(), ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };

    const scripted = options.override?.(rec);
    if (scripted) {
      res.writeHead(scripted.status, { 'content-type': 'application/json; charset=utf-8', ...limitHeaders(), ...scripted.headers });
      res.end(scripted.body ?? '');
      return;
    }
    const auth = req.headers.authorization ?? '';
    if (auth !== `Bearer ${options.token}` && auth !== `token ${options.token}`) {
      send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
      return;
    }
    if (used >= budget) {
      send(403, { message: 'API rate limit exceeded for installation ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api', status: '403' });
      return;
    }
    used++;

    // /repos/{owner}/{repo}/... or, in Link headers, /repositories/{id}/...
    const byName = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(url.pathname);
    const byId = /^\/repositories\/(\d+)(\/.*)$/.exec(url.pathname);
    const rest = byName && byName[1] === options.owner && byName[2] === options.repo ? byName[3] : byId && Number(byId[1]) === REPO_ID ? byId[2] : null;
    if (rest === null) {
      send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/issues/issues#list-repository-issues', status: '404' });
      return;
    }
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30)));
    const n = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const paged = (all: Json[], path: string) => {
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const at = (k: number) => {
        const u = new URL(`http://127.0.0.1/repositories/${REPO_ID}${path}`);
        for (const [key, v] of url.searchParams) u.searchParams.set(key, v);
        u.searchParams.set('page', String(k));
        return `<${origin}${u.pathname}${u.search}>`;
      };
      const links: string[] = [];
      if (n > 1) links.push(`${at(n - 1)}; rel="prev"`, `${at(1)}; rel="first"`);
      if (n < last) links.push(`${at(n + 1)}; rel="next"`, `${at(last)}; rel="last"`);
      const link = links.join(', ');
      send(200, page(all, perPage, n), link ? { link: options.link ? options.link(link) : link } : {});
    };
    if (rest === '/issues') {
      const labels = (url.searchParams.get('labels') ?? '').split(',').map((l) => l.trim()).filter(Boolean);
      const state = url.searchParams.get('state') ?? 'open';
      const direction = url.searchParams.get('direction') ?? 'desc';
      const names = (i: Json) => ((i.labels as Json[]) ?? []).map((l) => String(l.name));
      const chosen = options.issues
        .filter((i) => state === 'all' || i.state === state)
        .filter((i) => labels.every((l) => names(i).includes(l)))
        .sort((a, b) => (String(a.created_at) < String(b.created_at) ? -1 : 1) * (direction === 'desc' ? -1 : 1));
      paged(chosen, '/issues');
      return;
    }
    const comments = /^\/issues\/(\d+)\/comments$/.exec(rest);
    if (comments) {
      const issue = options.issues.find((i) => i.number === Number(comments[1]));
      if (!issue) {
        send(404, { message: 'Not Found', status: '404' });
        return;
      }
      paged(options.comments?.[Number(comments[1])] ?? [], `/issues/${comments[1]}/comments`);
      return;
    }
    send(404, { message: 'Not Found', status: '404' });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    api: origin,
    requests,
    options,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

let nextId = 2_000_000_000;

/** An issue as GitHub's REST API returns it. */
export function githubIssue(owner: string, repo: string, number: number, o: { title: string; body?: string | null; labels: string[]; state?: 'open' | 'closed'; created: string; updated?: string; closed?: string | null; comments?: number; login?: string; pullRequest?: boolean }): Json {
  const base = `https://api.github.com/repos/${owner}/${repo}`;
  return {
    url: `${base}/issues/${number}`,
    repository_url: base,
    labels_url: `${base}/issues/${number}/labels{/name}`,
    comments_url: `${base}/issues/${number}/comments`,
    html_url: `https://github.com/${owner}/${repo}/${o.pullRequest ? 'pull' : 'issues'}/${number}`,
    id: nextId++,
    node_id: `I_kwDOK${number}`,
    number,
    title: o.title,
    user: { login: o.login ?? 'citizen-kim', id: 4242, type: 'User', site_admin: false },
    labels: o.labels.map((name, i) => ({ id: 7_000_000 + i, node_id: `LA_${i}`, url: `${base}/labels/${encodeURIComponent(name)}`, name, color: 'ededed', default: false, description: null })),
    state: o.state ?? 'open',
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: o.comments ?? 0,
    created_at: o.created,
    updated_at: o.updated ?? o.created,
    closed_at: o.state === 'closed' ? (o.closed ?? o.updated ?? o.created) : null,
    author_association: 'NONE',
    active_lock_reason: null,
    body: o.body === undefined ? null : o.body,
    reactions: { url: `${base}/issues/${number}/reactions`, total_count: 0 },
    timeline_url: `${base}/issues/${number}/timeline`,
    state_reason: o.state === 'closed' ? 'completed' : null,
    ...(o.pullRequest ? { pull_request: { url: `${base}/pulls/${number}`, html_url: `https://github.com/${owner}/${repo}/pull/${number}` } } : {}),
  };
}

/** A comment as GitHub returns it; `association` OWNER / MEMBER / COLLABORATOR speaks for the city. */
export function githubComment(o: { body: string; created: string; association: string; login?: string }): Json {
  return {
    id: nextId++,
    node_id: 'IC_x',
    user: { login: o.login ?? 'seoul-data-team', id: 99, type: 'User' },
    created_at: o.created,
    updated_at: o.created,
    author_association: o.association,
    body: o.body,
  };
}
