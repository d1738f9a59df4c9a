// citydash.yaml `feedback`: the channels citizens answer back through, and the names every later
// stage agrees on (the GitHub repository feedback lives in, the labels that tie an issue to a
// chart or dataset). Checked when the settings load, so a broken channel is a located problem,
// never a dead link on every page.
import { quote } from '../errors.ts';
import type { CatalogSettings, Problem } from '../types.ts';
import { isObj, type Obj } from './file-rules.ts';
import { problemAt } from './problem.ts';
import type { SourceDoc } from './source-doc.ts';
import { didYouMean } from './suggest.ts';

/** Placeholders a feedback link template may carry, each filled in URL-encoded. */
export const FEEDBACK_FIELDS = ['kind', 'id', 'cycle', 'date', 'url', 'title'] as const;
export type FeedbackField = (typeof FEEDBACK_FIELDS)[number];

/** The label every feedback issue carries unless citydash.yaml names another. */
export const DEFAULT_FEEDBACK_LABEL = 'feedback';
/** GitHub refuses label names longer than this. */
export const GITHUB_LABEL_MAX = 50;

/** `chart:<id>` / `dataset:<id>`: the label that says which page an issue is about. */
export function feedbackLabel(kind: 'chart' | 'dataset', id: string): string {
  return `${kind}:${id}`;
}

export interface GithubRepository {
  /** https://github.com/owner/name, no trailing slash. */
  web: string;
  /** https://github.com (or an Enterprise server's origin). */
  origin: string;
  owner: string;
  name: string;
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** `https://host/owner/name` (optionally `.git` or a trailing slash); null when it is not one. */
export function parseGithubRepository(url: string | undefined): GithubRepository | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // Not a URL at all: the caller reports the setting as unusable, which is all that matters here.
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (u.username || u.password || u.search || u.hash) return null;
  const parts = u.pathname.replace(/\/+$/, '').replace(/\.git$/, '').split('/').filter(Boolean);
  if (parts.length !== 2 || !OWNER.test(parts[0]!) || !NAME.test(parts[1]!) || parts[1] === '.' || parts[1] === '..') return null;
  return { web: `${u.origin}/${parts[0]}/${parts[1]}`, origin: u.origin, owner: parts[0]!, name: parts[1]! };
}

/** The repository feedback issues live in: `feedback.github.repository`, else `repository`. */
export function feedbackRepository(settings: Pick<CatalogSettings, 'feedback' | 'repository'>): GithubRepository | null {
  const github = settings.feedback?.github;
  if (!github) return null;
  return parseGithubRepository(github.repository ?? settings.repository);
}

/** Problems with `feedback` that its JSON Schema cannot see (run after the schema passed). */
export function feedbackSettingsProblems(source: SourceDoc, value: Obj): Problem[] {
  const problems: Problem[] = [];
  const feedback = value.feedback;
  if (!isObj(feedback)) return problems;
  const at = (pointer: string, message: string, hint?: string) =>
    problems.push(problemAt(source, pointer, message, { rule: 'feedback', ...(hint ? { hint } : {}) }));

  for (const [pointer, template] of [['/feedback/url', feedback.url], ['/feedback/form/url', isObj(feedback.form) ? feedback.form.url : undefined]] as const) {
    if (typeof template !== 'string') continue;
    for (const m of template.matchAll(/\{([^{}\s]*)\}/g)) {
      const name = m[1]!;
      if (!(FEEDBACK_FIELDS as readonly string[]).includes(name)) {
        at(pointer, `unknown placeholder {${name}}${didYouMean(name, FEEDBACK_FIELDS)}`, `placeholders are ${FEEDBACK_FIELDS.map((f) => `{${f}}`).join(' ')}`);
      }
    }
  }
  const github = feedback.github;
  if (isObj(github)) {
    const own = typeof github.repository === 'string' ? github.repository : undefined;
    const fallback = typeof value.repository === 'string' ? value.repository : undefined;
    if (own !== undefined && !parseGithubRepository(own)) {
      at('/feedback/github/repository', `${quote(own)} is not a repository address`, 'write it as https://github.com/<owner>/<name>');
    } else if (own === undefined && !fallback) {
      at('/feedback/github', 'feedback.github needs a repository: set feedback.github.repository or repository', 'https://github.com/<owner>/<name>');
    } else if (own === undefined && !parseGithubRepository(fallback)) {
      at('/repository', `feedback.github reads issues from repository, and ${quote(fallback)} is not a repository address`, 'write it as https://github.com/<owner>/<name>, or set feedback.github.repository');
    }
  }
  return problems;
}

/**
 * Ids whose feedback label GitHub cannot hold (over 50 characters): feedback about them can still be
 * sent, but not tied to their page. A warning at the id, when GitHub feedback is configured.
 */
export function labelLengthProblem(source: SourceDoc, kind: 'chart' | 'dataset', id: unknown): Problem | null {
  if (typeof id !== 'string') return null;
  const label = feedbackLabel(kind, id);
  if (label.length <= GITHUB_LABEL_MAX) return null;
  return problemAt(source, '/id', `the feedback label ${quote(label)} is ${label.length} characters, over GitHub's ${GITHUB_LABEL_MAX}: issues cannot be labelled for this ${kind}, so its page shows no answered feedback`, {
    rule: 'feedback', severity: 'warning', hint: `a ${kind} id of at most ${GITHUB_LABEL_MAX - kind.length - 1} characters`,
  });
}
