// Atom 1.0 feed of "you said, we did", `/ko/feedback.xml` and `/en/feedback.xml` (template
// site/feeds/feedback.njk): one entry per feedback issue, updated when the city answers. Ids are
// name-based and stable; links absolute with a baseUrl, else relative to the feed.
import { feedId } from './feed.ts';
import { LANGS, type Lang } from '../types.ts';
import { FEEDBACK_WORDS } from './feedback-i18n.ts';
import { fill } from './format.ts';
import { paths } from './links.ts';
import type { SiteModel } from './model-types.ts';

export interface FeedbackFeedEntry {
  id: string;
  title: string;
  updated: string;
  published: string;
  href: string;
  summary: string;
}

export interface FeedbackFeed {
  lang: Lang;
  url: string;
  id: string;
  title: string;
  updated: string;
  selfHref: string;
  alternateHref: string;
  entries: FeedbackFeedEntry[];
}

const EPOCH = '1970-01-01T00:00:00.000Z';
/** A feed reader needs the latest, not the whole history. */
const MAX_ENTRIES = 100;

export const feedbackFeedPath = (lang: Lang) => `/${lang}/feedback.xml`;

export function feedbackFeeds(model: SiteModel): FeedbackFeed[] {
  const f = model.feedback;
  const base = model.settings.baseUrl;
  const key = f?.repository ?? base ?? model.settings.siteTitle.ko;
  return LANGS.map((lang) => {
    const w = FEEDBACK_WORDS[lang];
    const link = (path: string, relative: string) => (base ? `${base}${path}` : relative);
    const entries = (f?.items ?? []).slice(0, MAX_ENTRIES).map((i) => {
      const status = i.answer ? w.status_answered : i.state === 'closed' ? w.status_closed : w.status_waiting;
      const said = i.text ? `${w.saidLabel}: ${i.text}` : '';
      const answer = i.answer ? `${w.answerLabel}: ${i.answer.text}` : '';
      return {
        id: feedId(`feedback ${i.number} ${lang} ${key}`),
        title: `[${status}] ${i.title}`,
        updated: i.answer && i.answer.at > i.openedAt ? i.answer.at : i.openedAt,
        published: i.openedAt,
        href: i.url,
        summary: [said, answer].filter(Boolean).join(' / '),
      };
    });
    return {
      lang,
      url: feedbackFeedPath(lang),
      id: feedId(`feedback ${lang} ${key}`),
      title: fill(w.feedTitle, { site: model.settings.siteTitle[lang] }),
      updated: entries.reduce((max, e) => (e.updated > max ? e.updated : max), EPOCH),
      selfHref: link(feedbackFeedPath(lang), 'feedback.xml'),
      alternateHref: link(paths.feedbackLog(lang), 'feedback/log/'),
      entries,
    };
  });
}
