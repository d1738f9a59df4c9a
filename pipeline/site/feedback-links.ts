// The ways a citizen answers back from a chart or dataset page, each already carrying what the
// people who read it need: which chart or dataset, the date of the data shown and the cycle it
// was published in. Email and the city's form need no account; the GitHub issue is for those who
// have one (and is what the "you said, we did" list is read back from).
import { DEFAULT_FEEDBACK_LABEL, feedbackLabel, feedbackRepository, GITHUB_LABEL_MAX, parseGithubRepository } from '../catalog/index.ts';
import type { CatalogSettings, FeedbackSettings, Lang } from '../types.ts';
import { safeHref } from './links.ts';

export interface FeedbackRef {
  kind: 'chart' | 'dataset' | 'site';
  id: string;
  /** Cycle of the data shown. */
  cycle: string;
  /** Date of the data shown (yyyy-MM-dd), when known. */
  date: string | null;
  /** The page's address (absolute with a baseUrl, else its site path). */
  url: string;
  title: string;
}

export interface SiteFeedbackLinks {
  /** mailto: with subject and body filled in. */
  email: string | null;
  /** The city's form; `prefilled` when the form URL took the reference itself. */
  form: { href: string; name: string; prefilled: boolean } | null;
  /** A new GitHub issue with title, body and labels filled in. */
  github: string | null;
  /** What to quote where nothing is prefilled: "차트 fine-dust-daily-trend · 데이터 기준일 2026-11-27 · 주기 2026-11-28T2100Z". */
  reference: string;
}

const WORDS: Record<Lang, { chart: string; dataset: string; site: string; date: string; cycle: string; prompt: string; subject: string }> = {
  ko: { chart: '차트', dataset: '데이터셋', site: '사이트', date: '데이터 기준일', cycle: '주기', prompt: '(여기에 의견을 적어 주세요)', subject: '의견' },
  en: { chart: 'Chart', dataset: 'Dataset', site: 'Site', date: 'Data date', cycle: 'Cycle', prompt: '(Write your feedback here)', subject: 'Feedback' },
};
// The block below `---` carries both languages' labels: whoever triages reads Korean, and the
// feedback reader cuts it off before showing what a citizen wrote (pipeline/feedback/issues.ts).
const LABELS = { chart: '차트 Chart', dataset: '데이터셋 Dataset', site: '사이트 Site', date: '데이터 기준일 Data date', cycle: '주기 Cycle', page: '페이지 Page' };

/** `{kind} {id} {cycle} {date} {url} {title}` filled in, URL-encoded; null unless the result is http(s) or mailto. */
export function fillTemplate(template: string, ref: FeedbackRef): string | null {
  const vars: Record<string, string> = { kind: ref.kind, id: ref.id, cycle: ref.cycle, date: ref.date ?? '', url: ref.url, title: ref.title };
  return safeHref(template.replace(/\{(kind|id|cycle|date|url|title)\}/g, (_, name: string) => encodeURIComponent(vars[name]!)));
}

export function referenceText(ref: FeedbackRef, lang: Lang): string {
  const w = WORDS[lang];
  return [`${w[ref.kind]} ${ref.id}`, ...(ref.date ? [`${w.date} ${ref.date}`] : []), `${w.cycle} ${ref.cycle}`].join(' · ');
}

function body(ref: FeedbackRef, lang: Lang): string {
  return [
    WORDS[lang].prompt,
    '',
    '',
    '---',
    `${LABELS[ref.kind]}: ${ref.id}`,
    ...(ref.date ? [`${LABELS.date}: ${ref.date}`] : []),
    `${LABELS.cycle}: ${ref.cycle}`,
    `${LABELS.page}: ${ref.url}`,
  ].join('\n');
}

/** RFC 6068: every header and body value percent-encoded, line breaks as CRLF. */
function mailto(address: string, subject: string, text: string): string | null {
  const enc = (s: string) => encodeURIComponent(s.replace(/\r?\n/g, '\r\n'));
  return safeHref(`mailto:${address}?subject=${enc(subject)}&body=${enc(text)}`);
}

/**
 * The channels citydash.yaml configures; a catalog without a `feedback` block whose repository is
 * on GitHub still gets the GitHub link (as before `feedback` had channels).
 */
export function feedbackLinks(settings: Pick<CatalogSettings, 'feedback' | 'repository'>, ref: FeedbackRef, lang: Lang): SiteFeedbackLinks | null {
  const f: FeedbackSettings | null = settings.feedback ?? (parseGithubRepository(settings.repository) ? { github: {} } : null);
  if (!f) return null;
  const subject = `[${WORDS[lang].subject}] ${ref.kind === 'site' ? ref.title : `${WORDS[lang][ref.kind]} ${ref.id}: ${ref.title}`}`;
  const email = f.email ? mailto(f.email, subject, body(ref, lang)) : null;
  let form: SiteFeedbackLinks['form'] = null;
  if (f.form) {
    const href = fillTemplate(f.form.url, ref);
    if (href) form = { href, name: f.form.name[lang], prefilled: /\{(id|cycle)\}/.test(f.form.url) };
  }
  let github: string | null = null;
  if (f.url) github = fillTemplate(f.url, ref);
  else {
    const repo = feedbackRepository({ feedback: f, repository: settings.repository });
    if (repo) {
      const label = f.github?.label ?? DEFAULT_FEEDBACK_LABEL;
      const target = ref.kind === 'site' ? null : feedbackLabel(ref.kind, ref.id);
      // GitHub applies labels from the link only for people who may triage; for everyone else the
      // city's triagers add them (README, "Feedback"). A label GitHub cannot hold is left off.
      const labels = [label, ...(target && target.length <= GITHUB_LABEL_MAX ? [target] : [])].join(',');
      const q = new URLSearchParams({ labels, title: subject, body: body(ref, lang) });
      github = safeHref(`${repo.web}/issues/new?${q.toString().replace(/\+/g, '%20')}`);
    }
  }
  if (!email && !form && !github) return null;
  return { email, form, github, reference: referenceText(ref, lang) };
}
