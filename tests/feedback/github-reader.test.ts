// The "you said, we did" reader against a loopback server speaking the GitHub REST API: two
// pages of issues followed by their Link header, the city's answers from its members' comments,
// a rate limit (403) or a refusal answered by keeping the last list, a label naming an unknown
// chart reported and not fatal, and the token sent nowhere but the configured API.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { feedbackCacheFile, readFeedback, type FeedbackRead, type ReadFeedbackInput } from '../../pipeline/feedback/index.ts';
import { memoryLogger } from '../../pipeline/log.ts';
import type { Effects } from '../../pipeline/types.ts';
import { githubComment, githubIssue, startGithubApiServer, type GithubApiServer, type Json } from '../helpers/github-api-server.ts';
import { ALLOW_LOOPBACK } from '../helpers/loopback.ts';

const OWNER = 'seoul-opendata';
const REPO = 'dashboard';
const TOKEN = 'ghp_TESTtoken1234567890abcdef';
const NOW = new Date('2026-11-28T21:00:00.000Z');
const KNOWN = {
  charts: ['fine-dust-daily-trend', 'pm25-by-district', 'population-trend'],
  datasets: ['air-quality-daily', 'population-by-gu'],
};

const servers: GithubApiServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** 150 feedback issues over a month (two pages of 100), a few about charts, plus noise. */
function manyIssues(): { issues: Json[]; comments: Record<number, Json[]> } {
  const issues: Json[] = [];
  for (let n = 1; n <= 150; n++) {
    const day = String(1 + (n % 28)).padStart(2, '0');
    const hour = String(n % 24).padStart(2, '0');
    const labels = ['feedback', ...(n % 3 === 0 ? ['chart:fine-dust-daily-trend'] : n % 3 === 1 ? ['dataset:air-quality-daily'] : [])];
    issues.push(githubIssue(OWNER, REPO, n, { title: `의견 ${n}: 측정소 값이 이상합니다`, body: `${n}번 의견입니다.`, labels, created: `2026-11-${day}T${hour}:00:00Z` }));
  }
  // Not feedback (no label), and a pull request that carries the label: neither is read.
  issues.push(githubIssue(OWNER, REPO, 151, { title: 'Refactor the renderer', labels: ['enhancement'], created: '2026-11-20T00:00:00Z' }));
  issues.push(githubIssue(OWNER, REPO, 152, { title: 'Add a chart', labels: ['feedback'], created: '2026-11-21T00:00:00Z', pullRequest: true }));
  // Issue 3: the citizen, then the city, then the citizen again: the answer is the city's.
  const three = issues[2]!;
  Object.assign(three, { comments: 3, state: 'closed', closed_at: '2026-11-27T09:00:00Z', updated_at: '2026-11-27T09:00:00Z' });
  return {
    issues,
    comments: {
      3: [
        githubComment({ body: '저도 같은 문제를 봤어요.', created: '2026-11-25T01:00:00Z', association: 'NONE', login: 'citizen-lee' }),
        githubComment({ body: '확인했습니다. **도로변 측정소** 값이 빠져 있었고, 11월 27일 주기에서 [고쳤습니다](https://data.seoul.go.kr/fix).', created: '2026-11-26T02:00:00Z', association: 'MEMBER' }),
        githubComment({ body: '감사합니다!', created: '2026-11-27T08:00:00Z', association: 'NONE', login: 'citizen-kim' }),
      ],
    },
  };
}

async function setup(server: GithubApiServer | null, env: Record<string, string> = {}) {
  const log = memoryLogger();
  const effects: Effects = { fetch: globalThis.fetch, now: () => NOW, log, env: { ...ALLOW_LOOPBACK, ...(server ? { GITHUB_API_URL: server.api, GITHUB_TOKEN: TOKEN } : {}), ...env } };
  const workRoot = await mkdtemp(join(tmpdir(), 'citydash-feedback-'));
  dirs.push(workRoot);
  const input: ReadFeedbackInput = {
    settings: { repository: `https://github.com/${OWNER}/${REPO}`, feedback: { github: { label: 'feedback' } } },
    known: KNOWN,
    workRoot,
  };
  // Retries wait on an injected sleep that returns at once.
  const opts = { http: { retries: 1, baseDelayMs: 1, sleep: async () => {} } };
  return { log, effects, input, opts, workRoot };
}

async function serve(extra: Partial<Parameters<typeof startGithubApiServer>[0]> = {}) {
  const { issues, comments } = manyIssues();
  const server = await startGithubApiServer({ owner: OWNER, repo: REPO, token: TOKEN, issues, comments, ...extra });
  servers.push(server);
  return server;
}

test('two pages of issues, followed by their Link header; answers come from the city\'s members only', async () => {
  const server = await serve();
  const { effects, input, opts, log, workRoot } = await setup(server);
  const read = await readFeedback(input, opts, effects);

  expect(read.status).toBe('read');
  expect(read.reason).toBeNull();
  const list = read.list!;
  expect(list.items).toHaveLength(150);
  expect(list.items.map((i) => i.number)).not.toContain(151);
  expect(list.items.map((i) => i.number)).not.toContain(152);
  // Newest first.
  const opened = list.items.map((i) => i.openedAt);
  expect([...opened].sort().reverse()).toEqual(opened);

  // Page 1 by name, page 2 through the Link header GitHub gave (/repositories/{id}/...).
  const listing = server.requests.filter((r) => /\/issues\?/.test(r.path));
  expect(listing.map((r) => r.path.replace(/\?.*/, ''))).toEqual([`/repos/${OWNER}/${REPO}/issues`, '/repositories/730412/issues']);
  expect(new URLSearchParams(listing[0]!.path.split('?')[1]).get('labels')).toBe('feedback');
  expect(new URLSearchParams(listing[0]!.path.split('?')[1]).get('state')).toBe('all');
  expect(new URLSearchParams(listing[1]!.path.split('?')[1]).get('page')).toBe('2');
  for (const r of server.requests) {
    expect(r.authorization).toBe(`Bearer ${TOKEN}`);
    expect(r.apiVersion).toBe('2022-11-28');
    expect(r.accept).toBe('application/vnd.github+json');
  }
  // Only the issue with comments had them fetched.
  expect(server.requests.filter((r) => r.path.includes('/comments')).map((r) => r.path.replace(/\?.*/, ''))).toEqual([`/repos/${OWNER}/${REPO}/issues/3/comments`]);

  const three = list.items.find((i) => i.number === 3)!;
  expect(three).toEqual({
    number: 3,
    url: `https://github.com/${OWNER}/${REPO}/issues/3`,
    about: [{ kind: 'chart', id: 'fine-dust-daily-trend' }],
    title: '의견 3: 측정소 값이 이상합니다',
    text: '3번 의견입니다.',
    openedAt: '2026-11-04T03:00:00.000Z',
    updatedAt: '2026-11-27T09:00:00.000Z',
    state: 'closed',
    closedAt: '2026-11-27T09:00:00.000Z',
    answer: { text: '확인했습니다. 도로변 측정소 값이 빠져 있었고, 11월 27일 주기에서 고쳤습니다.', at: '2026-11-26T02:00:00.000Z' },
  });
  expect(list.items.filter((i) => i.answer)).toHaveLength(1);
  expect(read.unknown).toEqual([]);
  expect(log.lines).toContain(`feedback: 150 issues read from https://github.com/${OWNER}/${REPO} (1 answered)`);

  // Kept for the next build, and never with the token in it.
  const cached = await readFile(feedbackCacheFile(workRoot), 'utf8');
  expect(JSON.parse(cached).items).toHaveLength(150);
  expect(cached).not.toContain(TOKEN);
});

test('a 403 rate limit keeps the last list, whole, and says until when', async () => {
  const server = await serve();
  const { effects, input, opts, log } = await setup(server);
  const first = await readFeedback(input, opts, effects);
  expect(first.status).toBe('read');

  // The next night: a new issue, but the budget runs out on the second page.
  server.options.issues.push(githubIssue(OWNER, REPO, 153, { title: '새 의견', labels: ['feedback'], created: '2026-11-28T20:00:00Z' }));
  server.options.budget = server.requests.length + 1;
  server.options.resetAt = 1_795_903_200;
  log.lines.length = 0;
  const second = await readFeedback(input, opts, effects);

  expect(second.status).toBe('kept');
  expect(second.reason).toEqual({ kind: 'rate-limit', resetsAt: '2026-11-28T22:00:00.000Z' });
  expect(second.list).toEqual(first.list);
  expect(second.list!.items.map((i) => i.number)).not.toContain(153);
  expect(log.lines).toEqual([
    `warning: feedback from https://github.com/${OWNER}/${REPO}: not read: GitHub's rate limit is spent until 2026-11-28T22:00:00.000Z; showing the list read on 2026-11-28T21:00:00.000Z (150 issues)`,
  ]);
  const last = server.requests[server.requests.length - 1]!;
  expect(last.path).toMatch(/^\/repositories\/730412\/issues\?.*page=2/);
});

test('a label for a chart the catalog does not have is reported, and the issue still listed', async () => {
  const server = await serve({
    issues: [
      githubIssue(OWNER, REPO, 7, { title: 'Old chart gone?', labels: ['feedback', 'chart:subway-crowding-2019'], created: '2026-11-02T00:00:00Z' }),
      githubIssue(OWNER, REPO, 8, { title: 'Same here', labels: ['feedback', 'chart:subway-crowding-2019', 'Dataset: Population-By-Gu'], created: '2026-11-03T00:00:00Z' }),
      githubIssue(OWNER, REPO, 9, { title: 'About the site', labels: ['feedback', 'chart:'], created: '2026-11-04T00:00:00Z' }),
    ],
  });
  const { effects, input, opts, log } = await setup(server);
  const read = await readFeedback(input, opts, effects);
  expect(read.status).toBe('read');
  expect(read.unknown).toEqual([{ label: 'chart:subway-crowding-2019', issues: [7, 8] }]);
  expect(read.list!.items.map((i) => [i.number, i.about])).toEqual([
    [9, []],
    [8, [{ kind: 'chart', id: 'subway-crowding-2019' }, { kind: 'dataset', id: 'population-by-gu' }]],
    [7, [{ kind: 'chart', id: 'subway-crowding-2019' }]],
  ]);
  expect(log.lines).toContain('warning: feedback: label "chart:subway-crowding-2019" (issues #7, #8) names no chart in the catalog; listed on the feedback log only');
});

describe('when GitHub cannot be asked, the last list stays and the reason is given', () => {
  async function primed(server: GithubApiServer) {
    const s = await setup(server);
    const first = await readFeedback(s.input, s.opts, s.effects);
    expect(first.status).toBe('read');
    s.log.lines.length = 0;
    return { ...s, first };
  }

  test('404: no such repository (or no access)', async () => {
    const server = await serve();
    const s = await primed(server);
    const read = await readFeedback({ ...s.input, settings: { feedback: { github: { repository: `https://github.com/${OWNER}/${REPO}`, label: 'feedback' } } } }, s.opts, { ...s.effects, env: { ...s.effects.env } });
    expect(read.status).toBe('read');
    server.options.owner = 'someone-else';
    const gone = await readFeedback(s.input, s.opts, s.effects);
    expect(gone.status).toBe('kept');
    expect(gone.reason?.kind).toBe('not-found');
    expect(gone.list!.items).toHaveLength(150);
    expect(s.log.lines.at(-1)).toMatch(/^warning: feedback from https:\/\/github\.com\/seoul-opendata\/dashboard: not read: .*no such repository, or the token cannot read it \(404\); showing the list read on/);
  });

  test('401: the token is refused, and never printed', async () => {
    const server = await serve();
    const s = await primed(server);
    server.options.token = 'rotated';
    const read = await readFeedback(s.input, s.opts, s.effects);
    expect(read.status).toBe('kept');
    expect(read.reason?.kind).toBe('unauthorized');
    expect(s.log.lines.join('\n')).toMatch(/the token was refused \(401\)/);
    expect(JSON.stringify(read) + s.log.lines.join('\n')).not.toContain(TOKEN);
  });

  test('no token, or --offline: nothing is asked', async () => {
    const server = await serve();
    const s = await primed(server);
    const before = server.requests.length;
    const noToken = await readFeedback(s.input, s.opts, { ...s.effects, env: { ...ALLOW_LOOPBACK, GITHUB_API_URL: server.api } });
    expect(noToken).toMatchObject({ status: 'kept', reason: { kind: 'no-token' } });
    expect(noToken.list!.items).toHaveLength(150);
    const offline = await readFeedback(s.input, { ...s.opts, offline: true }, s.effects);
    expect(offline).toMatchObject({ status: 'kept', reason: { kind: 'offline' } });
    expect(server.requests.length).toBe(before);
    expect(s.log.lines).toEqual([
      `warning: feedback from https://github.com/${OWNER}/${REPO}: not read: no token (set CITYDASH_GITHUB_TOKEN or GITHUB_TOKEN); showing the list read on 2026-11-28T21:00:00.000Z (150 issues)`,
      `feedback from https://github.com/${OWNER}/${REPO}: not read (--offline); showing the list read on 2026-11-28T21:00:00.000Z (150 issues)`,
    ]);
  });

  test('a machine with no copy of its own uses the list the site published', async () => {
    const server = await serve();
    const s = await primed(server);
    const other = await setup(null);
    const read = await readFeedback({ ...other.input, published: s.first.list }, other.opts, other.effects);
    expect(read).toMatchObject({ status: 'kept', reason: { kind: 'no-token' } });
    expect(read.list).toEqual(s.first.list);
    // A list of another repository is not this site's feedback.
    const elsewhere = await readFeedback({ ...other.input, published: { ...s.first.list!, repository: 'https://github.com/x/y' } }, other.opts, other.effects);
    expect(elsewhere).toMatchObject({ status: 'none', list: null });
  });
});

test('an unchanged issue keeps its answer without its comments being asked for again', async () => {
  const server = await serve();
  const { effects, input, opts } = await setup(server);
  await readFeedback(input, opts, effects);
  const comments = () => server.requests.filter((r) => r.path.includes('/comments')).length;
  expect(comments()).toBe(1);
  const again = await readFeedback(input, opts, effects);
  expect(comments()).toBe(1);
  expect(again.list!.items.find((i) => i.number === 3)!.answer?.text).toMatch(/^확인했습니다/);
  // A new comment changes updated_at: asked again.
  const three = server.options.issues.find((i) => i.number === 3)!;
  three.updated_at = '2026-11-28T10:00:00Z';
  server.options.comments![3]!.push(githubComment({ body: '12월 1일부터 측정소 목록을 매일 점검합니다.', created: '2026-11-28T10:00:00Z', association: 'OWNER' }));
  const third = await readFeedback(input, opts, effects);
  expect(comments()).toBe(2);
  expect(third.list!.items.find((i) => i.number === 3)!.answer).toEqual({ text: '12월 1일부터 측정소 목록을 매일 점검합니다.', at: '2026-11-28T10:00:00.000Z' });
});

test('a Link header pointing outside the API is not followed, and the token goes nowhere else', async () => {
  const elsewhere = await startGithubApiServer({ owner: OWNER, repo: REPO, token: TOKEN, issues: [] });
  servers.push(elsewhere);
  const server = await serve({ link: (link) => link.replaceAll(/http:\/\/127\.0\.0\.1:\d+/g, elsewhere.api) });
  const { effects, input, opts } = await setup(server);
  const read: FeedbackRead = await readFeedback(input, opts, effects);
  expect(read.status).toBe('none');
  expect(read.reason).toMatchObject({ kind: 'failed', detail: expect.stringContaining('Link header points outside the API') });
  expect(elsewhere.requests).toEqual([]);
});

test('what strangers write is reduced to capped plain text: no markup, no link targets, no invisible characters', async () => {
  const hostile = [
    '<script>alert(1)</script><img src=x onerror=alert(2)>제목',
    '[눌러 보세요](javascript:alert(1)) 그리고 ![x](https://evil.example/t.png) <a href="javascript:alert(3)">링크</a>',
  ];
  const server = await serve({
    issues: [
      githubIssue(OWNER, REPO, 1, { title: `${hostile[0]}\u202e\u200b`, body: `${hostile[1]}\n<!-- template comment -->\n${'가'.repeat(5000)}\n\n---\n차트 Chart: fine-dust-daily-trend\n주기 Cycle: 2026-11-28T2100Z`, labels: ['feedback'], created: '2026-11-02T00:00:00Z' }),
    ],
  });
  const { effects, input, opts } = await setup(server);
  const item = (await readFeedback(input, opts, effects)).list!.items[0]!;
  expect(item.title).toBe('alert(1) 제목');
  expect(item.text.startsWith('눌러 보세요 그리고 x 링크 가가')).toBe(true);
  expect(Array.from(item.text).length).toBeLessThanOrEqual(600);
  expect(item.text.endsWith('…')).toBe(true);
  for (const t of [item.title, item.text]) {
    expect(t).not.toMatch(/javascript:|<|>|evil\.example|\u202e|\u200b|Cycle/i);
  }
});
