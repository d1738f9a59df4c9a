// GitHub's issue and comment JSON, read defensively: every field is checked before use, an
// issue that does not look like one is skipped (and counted), pull requests are left out, and
// every text goes through plainText. Which page an issue is about comes from its labels alone:
// labels are set by the people who triage the repository, so a stranger cannot put their words
// on a chart page by naming it in an issue.
import type { FeedbackAnswer, FeedbackItem, FeedbackTarget } from './types.ts';
import { plainText } from './plain-text.ts';

export const TITLE_MAX = 160;
export const TEXT_MAX = 600;
export const ANSWER_MAX = 1500;

/** Who speaks for the city in its own repository (GitHub's author_association). */
const CITY = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);
const ID = /^[a-z0-9][a-z0-9-]{0,127}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is string => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));
const iso = (v: string) => new Date(v).toISOString();

export interface RawIssue {
  number: number;
  labels: string[];
  item: Omit<FeedbackItem, 'answer' | 'about' | 'url'>;
  comments: number;
}

/** An issue as the site needs it, or null when the JSON is not an issue (or is a pull request). */
export function readIssue(raw: unknown): RawIssue | null {
  if (!isObj(raw) || 'pull_request' in raw) return null;
  const { number, title, body, state, created_at, updated_at, closed_at, labels, comments } = raw;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) return null;
  if (typeof title !== 'string' || (state !== 'open' && state !== 'closed') || !isTime(created_at) || !isTime(updated_at)) return null;
  const names = Array.isArray(labels)
    ? labels.map((l) => (typeof l === 'string' ? l : isObj(l) && typeof l.name === 'string' ? l.name : null)).filter((l): l is string => l !== null && l.length <= 100)
    : [];
  return {
    number,
    labels: names,
    comments: typeof comments === 'number' && comments > 0 ? comments : 0,
    item: {
      number,
      title: plainText(title, TITLE_MAX),
      text: plainText(withoutReference(typeof body === 'string' ? body : ''), TEXT_MAX),
      openedAt: iso(created_at),
      updatedAt: iso(updated_at),
      state,
      closedAt: state === 'closed' && isTime(closed_at) ? iso(closed_at) : null,
    },
  };
}

/** `chart:<id>` / `dataset:<id>` (any case, spaces around the colon tolerated) -> the target. */
export function labelTarget(label: string): FeedbackTarget | null {
  const m = /^\s*(chart|dataset)\s*:\s*(\S+)\s*$/i.exec(label);
  if (!m) return null;
  const id = m[2]!.toLowerCase();
  return ID.test(id) ? { kind: m[1]!.toLowerCase() as FeedbackTarget['kind'], id } : null;
}

/**
 * The reference block every page prefills below a `---` line (chart id, data date, cycle, page)
 * is for the people triaging, not for the page: it is cut before the text is shown.
 */
export function withoutReference(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const rule = lines.findLastIndex((l) => /^\s*-{3,}\s*$/.test(l));
  if (rule >= 0 && lines.slice(rule + 1).some((l) => /\b(Cycle|Page)\s*:/i.test(l))) return lines.slice(0, rule).join('\n');
  return body;
}

/** The latest comment by someone who speaks for the city, or null. */
export function cityAnswer(comments: unknown[]): FeedbackAnswer | null {
  let best: FeedbackAnswer | null = null;
  for (const c of comments) {
    if (!isObj(c) || typeof c.author_association !== 'string' || !CITY.has(c.author_association) || !isTime(c.created_at)) continue;
    const text = plainText(c.body, ANSWER_MAX);
    if (!text) continue;
    const at = iso(c.created_at);
    if (!best || at >= best.at) best = { text, at };
  }
  return best;
}
