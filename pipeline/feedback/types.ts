// The feedback list: what citizens said through GitHub issues and what the city answered, as the
// site shows it. Plain JSON (kept in the work dir, published as _citydash/feedback.json, read back
// when GitHub cannot be asked), every text already reduced to capped plain text.

export type FeedbackKind = 'chart' | 'dataset';

export interface FeedbackTarget {
  kind: FeedbackKind;
  id: string;
}

export interface FeedbackAnswer {
  /** The city's latest answer (a comment by a repository owner, member or collaborator). */
  text: string;
  at: string;
}

export interface FeedbackItem {
  number: number;
  /** The issue's page, built from the configured repository (never a URL taken from the API). */
  url: string;
  /** What the issue is about, from its chart:<id> / dataset:<id> labels; empty: the site as a whole. */
  about: FeedbackTarget[];
  title: string;
  /** The start of what the citizen wrote (without the reference block pages prefill). */
  text: string;
  openedAt: string;
  /** GitHub's updated_at: an unchanged issue keeps its answer without asking for its comments again. */
  updatedAt: string;
  state: 'open' | 'closed';
  closedAt: string | null;
  answer: FeedbackAnswer | null;
}

export interface FeedbackList {
  version: 1;
  /** https://github.com/<owner>/<name> */
  repository: string;
  label: string;
  /** When the list was last read from GitHub (ISO). */
  readAt: string;
  /** Newest first. */
  items: FeedbackItem[];
}

/**
 * How this build came by its list: `read` fresh from GitHub; `kept` the last list (GitHub could
 * not be asked, `reason` says why); `none` no list at all; `off` GitHub feedback not configured.
 */
export interface FeedbackRead {
  status: 'read' | 'kept' | 'none' | 'off';
  list: FeedbackList | null;
  /** Why the list was not read this time (English, for logs; the site words it itself). */
  reason: FeedbackKeptReason | null;
  /** chart:<id> / dataset:<id> labels naming nothing in the catalog, with the issues carrying them. */
  unknown: Array<{ label: string; issues: number[] }>;
}

export type FeedbackKeptReason =
  | { kind: 'offline' }
  | { kind: 'no-token' }
  | { kind: 'no-api' }
  | { kind: 'rate-limit'; resetsAt: string | null }
  | { kind: 'unauthorized' | 'not-found' | 'forbidden' | 'failed'; detail: string };
