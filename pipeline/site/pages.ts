// The pages to generate, one list per template, each entry carrying its own URL, the same page
// in the other language and the UI strings of its language. Templates paginate over these.
import { LANGS, type Lang } from '../types.ts';
import { feedbackFeeds, type FeedbackFeed } from './feedback-feed.ts';
import type { Strings } from './i18n.ts';
import { paths } from './links.ts';
import type { PerLang, SiteArea, SiteChart, SiteDataset, SiteModel } from './model-types.ts';

export interface SitePage {
  lang: Lang;
  other: Lang;
  url: string;
  alternates: PerLang<string>;
  t: Strings;
  /** The other language's strings (for the language switch, said in its own language). */
  ot: Strings;
  chart?: SiteChart;
  dataset?: SiteDataset;
}

export interface SitePages {
  home: SitePage[];
  charts: SitePage[];
  embeds: SitePage[];
  datasets: SitePage[];
  catalog: SitePage[];
  about: SitePage[];
  /** How to give feedback, who reads it, privacy (when citydash.yaml configures feedback). */
  feedback: SitePage[] | null;
  /** "You said, we did": every answered and open item, and its Atom feed (with GitHub feedback). */
  feedbackLog: SitePage[] | null;
  feedbackFeeds: FeedbackFeed[] | null;
  /** One chunk of every ko+en page pair, or nothing when the site has no baseUrl. */
  sitemap: SitePage[][];
}

/** One page in one language: its URL, the same page in the other language, both languages' strings. */
export function sitePage(lang: Lang, path: (l: Lang) => string, strings: PerLang<Strings>, extra: Partial<SitePage> = {}): SitePage {
  const other: Lang = lang === 'ko' ? 'en' : 'ko';
  return { lang, other, url: path(lang), alternates: { ko: path('ko'), en: path('en') }, t: strings[lang], ot: strings[other], ...extra };
}

export function pageList(model: SiteModel): SitePages {
  const page = (lang: Lang, path: (l: Lang) => string, extra: Partial<SitePage> = {}) => sitePage(lang, path, model.strings, extra);
  const each = <T>(items: T[], make: (lang: Lang, item: T) => SitePage) => LANGS.flatMap((lang) => items.map((item) => make(lang, item)));
  const pages = {
    home: LANGS.map((lang) => page(lang, paths.home)),
    charts: each(model.charts, (lang, chart) => page(lang, (l) => paths.chart(l, chart.id), { chart })),
    embeds: each(model.charts, (lang, chart) => page(lang, (l) => paths.embed(l, chart.id), { chart })),
    datasets: each(model.datasets, (lang, dataset) => page(lang, (l) => paths.dataset(l, dataset.id), { dataset })),
    catalog: LANGS.map((lang) => page(lang, paths.catalog)),
    about: LANGS.map((lang) => page(lang, paths.about)),
    feedback: model.feedback ? LANGS.map((lang) => page(lang, paths.feedback)) : null,
    feedbackLog: model.feedback && model.feedback.status !== 'off' ? LANGS.map((lang) => page(lang, paths.feedbackLog)) : null,
    feedbackFeeds: model.feedback && model.feedback.status !== 'off' ? feedbackFeeds(model) : null,
  };
  // Pages other templates own (search, and the cycle's freshness and change log) are listed too.
  const more = [(l: Lang) => `/${l}/search/`, ...(model.freshness ? [paths.freshness] : []), ...(model.changes ? [paths.changes] : [])];
  const listed = [...pages.home, ...pages.catalog, ...pages.charts, ...pages.datasets, ...pages.about, ...(pages.feedback ?? []), ...(pages.feedbackLog ?? []), ...more.flatMap((p) => LANGS.map((lang) => page(lang, p)))];
  return { ...pages, sitemap: model.settings.baseUrl ? [listed] : [] };
}

/** Id -> item maps, so a template can follow a chart's dataset ids to their titles. */
export function lookups(model: SiteModel): { charts: Record<string, SiteChart>; datasets: Record<string, SiteDataset>; areas: Record<string, SiteArea> } {
  return {
    charts: Object.fromEntries(model.charts.map((c) => [c.id, c])),
    datasets: Object.fromEntries(model.datasets.map((d) => [d.id, d])),
    areas: Object.fromEntries(model.areas.map((a) => [a.id, a])),
  };
}
