// The last feedback list, kept where the next build can find it without GitHub: in the work dir
// (`.citydash/feedback/github.json`) and, published with the site, as `_citydash/feedback.json`
// (a CI job with an empty disk reads it back from the target). Either copy is read as untrusted
// JSON: checked field by field, texts capped again, issue URLs rebuilt from the repository.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';
import { ANSWER_MAX, TEXT_MAX, TITLE_MAX } from './issues.ts';
import { cap } from './plain-text.ts';
import type { FeedbackItem, FeedbackList, FeedbackTarget } from './types.ts';

/** Where the site publishes the list (next to the manifest and change logs). */
export const PUBLISHED_FEEDBACK = '_citydash/feedback.json';
/** At most this many issues are kept and shown (newest first). */
export const MAX_ITEMS = 2000;

export const feedbackCacheFile = (workRoot: string) => join(workRoot, 'feedback', 'github.json');

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is string => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));
const text = (v: unknown, max: number) => (typeof v === 'string' ? cap(v.replace(/\s+/g, ' ').trim(), max) : '');
const ID = /^[a-z0-9][a-z0-9-]{0,127}$/;

/** The issue page in the repository (`https://github.com/o/r/issues/12`). */
export const issueUrl = (repository: string, number: number) => `${repository}/issues/${number}`;

function readItem(v: unknown, repository: string): FeedbackItem | null {
  if (!isObj(v) || typeof v.number !== 'number' || !Number.isSafeInteger(v.number) || v.number < 1) return null;
  if ((v.state !== 'open' && v.state !== 'closed') || !isTime(v.openedAt) || !isTime(v.updatedAt)) return null;
  const about = (Array.isArray(v.about) ? v.about : [])
    .filter((t): t is FeedbackTarget => isObj(t) && (t.kind === 'chart' || t.kind === 'dataset') && typeof t.id === 'string' && ID.test(t.id))
    .map((t) => ({ kind: t.kind, id: t.id }));
  const a = v.answer;
  return {
    number: v.number,
    url: issueUrl(repository, v.number),
    about,
    title: text(v.title, TITLE_MAX),
    text: text(v.text, TEXT_MAX),
    openedAt: v.openedAt,
    updatedAt: v.updatedAt,
    state: v.state,
    closedAt: isTime(v.closedAt) ? v.closedAt : null,
    answer: isObj(a) && isTime(a.at) && typeof a.text === 'string' && a.text.trim() ? { text: text(a.text, ANSWER_MAX), at: a.at } : null,
  };
}

/** A stored list, or null when the text is not one (a message says why). */
export function parseFeedbackList(json: string): { list: FeedbackList } | { error: string } {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch (err) {
    return { error: `not valid JSON (${(err as Error).message})` };
  }
  if (!isObj(v) || v.version !== 1 || typeof v.repository !== 'string' || !/^https?:\/\/[^\s/]+\/[^\s/]+\/[^\s/]+$/.test(v.repository)) {
    return { error: 'not a citydash feedback list (version 1 with a repository)' };
  }
  if (typeof v.label !== 'string' || !isTime(v.readAt) || !Array.isArray(v.items)) return { error: 'not a citydash feedback list (label, readAt, items)' };
  const repository = v.repository;
  const items = v.items.slice(0, MAX_ITEMS).map((i) => readItem(i, repository)).filter((i): i is FeedbackItem => i !== null);
  return { list: { version: 1, repository, label: v.label, readAt: v.readAt, items } };
}

export function serializeFeedbackList(list: FeedbackList): string {
  return `${JSON.stringify(list, null, 1)}\n`;
}

/** The work dir's copy; null when there is none (or it is unreadable: the message says so). */
export async function readCachedFeedback(file: string): Promise<{ list: FeedbackList | null; error?: string }> {
  let json: string;
  try {
    json = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { list: null };
    return { list: null, error: `${file}: ${(err as Error).message}` };
  }
  const parsed = parseFeedbackList(json);
  return 'list' in parsed ? { list: parsed.list } : { list: null, error: `${file}: ${parsed.error}` };
}

export async function writeCachedFeedback(file: string, list: FeedbackList): Promise<void> {
  await writeFileAtomic(file, serializeFeedbackList(list));
}

/** A list published with a site (`<site>/_citydash/feedback.json`, or a target's copy), or null. */
export function publishedFeedback(bytes: Uint8Array | string | null | undefined): FeedbackList | null {
  if (bytes == null) return null;
  const parsed = parseFeedbackList(typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes));
  return 'list' in parsed ? parsed.list : null;
}
