// "You said, we did": the feedback that came in as GitHub issues, and the city's answers, read at
// build time. Asking GitHub is never required for a build: offline, without a token, or when the
// API refuses (rate limit, 401/403/404, a network failure), the last list is kept (the work dir's
// copy, else the one the site published) and the result says why, so the pages can say so too.
//
// Where requests go: the repository comes from citydash.yaml (catalog, reviewed by pull request),
// but the API base URL and the token come only from the environment (operator configuration), so
// no catalog edit can send the token anywhere. Requests go through the extract stage's HTTP
// client and so obey its network policy: an Enterprise server on a private address must be
// allowed there like any intranet host.
import { DEFAULT_FEEDBACK_LABEL, feedbackLabel, feedbackRepository } from '../catalog/index.ts';
import type { CatalogSettings, Effects } from '../types.ts';
import { FeedbackReadError } from './errors.ts';
import { createGithubClient, GITHUB_API, GithubApiError, type GithubClientOptions } from './github-api.ts';
import { cityAnswer, labelTarget, readIssue } from './issues.ts';
import { feedbackCacheFile, issueUrl, MAX_ITEMS, readCachedFeedback, writeCachedFeedback } from './store.ts';
import type { FeedbackItem, FeedbackKeptReason, FeedbackList, FeedbackRead, FeedbackTarget } from './types.ts';

/** The environment variables read, in order of precedence. */
export const TOKEN_VARIABLES = ['CITYDASH_GITHUB_TOKEN', 'GITHUB_TOKEN'] as const;
export const API_VARIABLES = ['CITYDASH_GITHUB_API_URL', 'GITHUB_API_URL'] as const;

export interface ReadFeedbackInput {
  settings: Pick<CatalogSettings, 'feedback' | 'repository'>;
  /** The catalog's ids: a label naming anything else is reported. */
  known: { charts: readonly string[]; datasets: readonly string[] };
  /** The work dir root: the last list is kept in `<work>/feedback/github.json`. */
  workRoot: string;
  /** The list the live site published, for a machine with no copy of its own (optional). */
  published?: FeedbackList | null;
}

export interface ReadFeedbackOptions {
  /** `--offline`: keep the last list, ask nothing. */
  offline?: boolean;
  maxPages?: number;
  http?: GithubClientOptions['http'];
}

const first = (env: Effects['env'], names: readonly string[]) => names.map((n) => env[n]?.trim()).find((v): v is string => Boolean(v));

export async function readFeedback(input: ReadFeedbackInput, opts: ReadFeedbackOptions, effects: Effects): Promise<FeedbackRead> {
  const { log } = effects;
  const repo = feedbackRepository(input.settings);
  const github = input.settings.feedback?.github;
  if (!repo || !github || github.read === false) return { status: 'off', list: null, reason: null, unknown: [] };
  const label = github.label ?? DEFAULT_FEEDBACK_LABEL;
  const cacheFile = feedbackCacheFile(input.workRoot);

  const cached = await readCachedFeedback(cacheFile);
  if (cached.error) log.warn(`feedback: ${cached.error}; not used`);
  // A list read from another repository or under another label is not this site's feedback.
  const mine = (l: FeedbackList | null | undefined) => (l && l.repository === repo.web && l.label === label ? l : null);
  const last = mine(cached.list) ?? mine(input.published);

  const keep = (reason: FeedbackKeptReason): FeedbackRead => {
    const since = last ? `the list read on ${last.readAt} (${last.items.length} issues)` : 'no list (none was ever read)';
    const line = `feedback from ${repo.web}: ${describeReason(reason)}; showing ${since}`;
    if (reason.kind === 'offline') log.info(line);
    else log.warn(line);
    return { status: last ? 'kept' : 'none', list: last, reason, unknown: unknownLabels(last, input.known, log) };
  };

  if (opts.offline) return keep({ kind: 'offline' });
  const token = first(effects.env, TOKEN_VARIABLES);
  if (!token) return keep({ kind: 'no-token' });
  const api = first(effects.env, API_VARIABLES) ?? (repo.origin === 'https://github.com' ? GITHUB_API : undefined);
  if (!api || !/^https?:\/\/[^\s/]+/.test(api)) return keep({ kind: 'no-api' });

  let list: FeedbackList;
  try {
    list = await readFromGithub({ api: api.replace(/\/+$/, ''), token, owner: repo.owner, name: repo.name, web: repo.web, label, last }, opts, effects);
  } catch (err) {
    if (err instanceof GithubApiError) {
      return keep(err.kind === 'rate-limit' ? { kind: 'rate-limit', resetsAt: err.resetsAt } : { kind: err.kind, detail: err.message });
    }
    if (err instanceof FeedbackReadError) return keep({ kind: 'failed', detail: err.message });
    // Feedback never stops a build: anything unexpected keeps the last list too, said in full.
    return keep({ kind: 'failed', detail: `unexpected error: ${(err as Error).stack ?? String(err)}` });
  }
  try {
    await writeCachedFeedback(cacheFile, list);
  } catch (err) {
    log.warn(`feedback: ${cacheFile}: not written (${(err as Error).message}); the next build offline shows the published list`);
  }
  const answered = list.items.filter((i) => i.answer).length;
  log.info(`feedback: ${list.items.length} issues read from ${repo.web} (${answered} answered)`);
  return { status: 'read', list, reason: null, unknown: unknownLabels(list, input.known, log) };
}

interface GithubTarget {
  api: string;
  token: string;
  owner: string;
  name: string;
  web: string;
  label: string;
  last: FeedbackList | null;
}

async function readFromGithub(t: GithubTarget, opts: ReadFeedbackOptions, effects: Effects): Promise<FeedbackList> {
  const client = createGithubClient({ api: t.api, token: t.token, maxPages: opts.maxPages, http: opts.http }, effects);
  const base = `/repos/${encodeURIComponent(t.owner)}/${encodeURIComponent(t.name)}/issues`;
  const listed = await client.list(base, { state: 'all', labels: t.label, sort: 'created', direction: 'desc' });
  if (listed.truncated) effects.log.warn(`feedback: more than ${listed.pages} pages of issues labelled ${JSON.stringify(t.label)}; the oldest are left out`);
  const before = new Map((t.last?.items ?? []).map((i) => [i.number, i]));
  const items: FeedbackItem[] = [];
  let skipped = 0;
  for (const raw of listed.items) {
    const issue = readIssue(raw);
    if (!issue) {
      if (!(raw && typeof raw === 'object' && 'pull_request' in raw)) skipped++;
      continue;
    }
    if (items.some((i) => i.number === issue.number)) continue;
    const about = uniqueTargets(issue.labels.map(labelTarget).filter((x): x is FeedbackTarget => x !== null));
    const known = before.get(issue.number);
    // Unchanged since the last read (same updated_at): its answer is what it was.
    let answer = known && known.updatedAt === issue.item.updatedAt ? known.answer : null;
    if (issue.comments > 0 && !(known && known.updatedAt === issue.item.updatedAt)) {
      const comments = await client.list(`${base}/${issue.number}/comments`, {});
      answer = cityAnswer(comments.items);
    }
    items.push({ ...issue.item, url: issueUrl(t.web, issue.number), about, answer });
    if (items.length >= MAX_ITEMS) break;
  }
  if (skipped) effects.log.warn(`feedback: ${skipped} entries of the issue list from ${t.web} were not issues GitHub's way; skipped`);
  items.sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : b.number - a.number));
  return { version: 1, repository: t.web, label: t.label, readAt: effects.now().toISOString(), items };
}

function uniqueTargets(targets: FeedbackTarget[]): FeedbackTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = feedbackLabel(t.kind, t.id);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Labels naming no chart or dataset of the catalog: reported once each, never fatal. */
function unknownLabels(list: FeedbackList | null, known: ReadFeedbackInput['known'], log: Effects['log']): FeedbackRead['unknown'] {
  if (!list) return [];
  const ids = { chart: new Set(known.charts), dataset: new Set(known.datasets) };
  const found = new Map<string, number[]>();
  for (const item of list.items) {
    for (const t of item.about) {
      if (ids[t.kind].has(t.id)) continue;
      const label = feedbackLabel(t.kind, t.id);
      found.set(label, [...(found.get(label) ?? []), item.number]);
    }
  }
  const out = [...found.entries()].map(([label, issues]) => ({ label, issues: issues.sort((a, b) => a - b) })).sort((a, b) => a.label.localeCompare(b.label));
  for (const u of out) {
    log.warn(`feedback: label ${JSON.stringify(u.label)} (issue${u.issues.length > 1 ? 's' : ''} ${u.issues.map((n) => `#${n}`).join(', ')}) names no ${u.label.split(':')[0]} in the catalog; listed on the feedback log only`);
  }
  return out;
}

export function describeReason(reason: FeedbackKeptReason): string {
  switch (reason.kind) {
    case 'offline':
      return 'not read (--offline)';
    case 'no-token':
      return `not read: no token (set ${TOKEN_VARIABLES.join(' or ')})`;
    case 'no-api':
      return `not read: the repository is not on github.com, so set ${API_VARIABLES[1]} to its server's API (https://HOST/api/v3)`;
    case 'rate-limit':
      return `not read: GitHub's rate limit is spent${reason.resetsAt ? ` until ${reason.resetsAt}` : ''}`;
    default:
      return `not read: ${reason.detail}`;
  }
}
