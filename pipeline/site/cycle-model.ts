// What the change-log, freshness and feed templates read (site/changes*.njk, site/freshness.njk,
// site/feeds/changes.njk), as `model.changes` and `model.freshness`. Every text is already in
// words here; templates only lay it out. Nothing here depends on when the build ran, so a page
// is byte-identical across cycles while what it shows is unchanged.
import { fill, formatDate, formatPeriod } from './format.ts';
import { periodOf, periodKey } from '../period.ts';
import { STRINGS } from './i18n.ts';
import { paths } from './links.ts';
import { sitePage, type SitePage } from './pages.ts';
import type { PerLang, SiteChanges, SiteFreshness } from './model-types.ts';
import { LANGS, type Catalog, type Lang } from '../types.ts';
import { entryTitle, cycleSummary, when } from './cycle-describe.ts';
import { feedId, type FeedPage, feedPages } from './feed.ts';
import type { CycleLog, DatasetLog, Freshness, FreshnessStatus, HistoryEntry } from '../cycle-log.ts';
import { cycleSections, type Links, type Section } from './cycle-sections.ts';
import { WORDS, type Words } from './cycle-words.ts';

/** A site page (pages.ts) with the change log's words. */
export interface PageBase extends SitePage {
  w: Words;
}

export type CycleListItem = {
  id: string;
  at: string;
  kind: 'cycle' | 'rollback';
  title: PerLang<string>;
  summary: PerLang<string>;
  path: PerLang<string>;
};

export interface CyclePage extends PageBase {
  cycle: { id: string; at: string; atText: string; title: string; summary: string; sections: Section[]; previous: { href: string; title: string } | null; rollback: string | null };
}

export type ChangesModel = SiteChanges & {
  cycles: CycleListItem[];
  pages: { index: PageBase[]; cycle: CyclePage[]; feeds: FeedPage[] };
};

export interface FreshnessRow {
  id: string;
  title: string;
  href: string;
  department: string;
  cadence: string;
  status: Freshness['status'];
  statusText: string;
  /** The newest period in the data ("Nov 2026"), '' when the dataset declares no time. */
  dataAsOf: string;
  dataAsOfKey: string | null;
  /** Sort keys for the page's sortable table: the period's first day, the status's urgency. */
  dataAsOfSort: string;
  rank: number;
  lastChange: string;
  lastChangeIso: string | null;
  nextDue: string;
  nextDueIso: string | null;
  /** "Delayed since …" when the data shown is last good data; "failed" when there is none. */
  failedText: string | null;
}

export type FreshnessEntry = {
  status: Freshness['status'];
  cadence: Freshness['cadence'];
  lastChange: string | null;
  nextDue: string | null;
  overdueSince: string | null;
  /** When the published content last changed (the manifest's changedAt). */
  changedAt: string | null;
  stale: { since: string; reason: string } | null;
  /** Per language, ready to show: "2026년 11월 30일부터 기한 초과". */
  text: PerLang<string>;
};

export type FreshnessModel = SiteFreshness & {
  datasets: Record<string, FreshnessEntry>;
  charts: Record<string, { status: Freshness['status']; lastChange: string | null; text: PerLang<string> }>;
  /** Overdue datasets that did not fail (failed ones have their own notice), for the home page. */
  overdue: string[];
  /** The cycle owner's words, for the parts of other templates that show freshness. */
  words: PerLang<Words>;
  pages: Array<PageBase & { summary: string; rows: FreshnessRow[] }>;
};

export const cyclePagePath = (lang: Lang, id: string) => `${paths.changes(lang)}${id}/`;

function page(lang: Lang, path: (l: Lang) => string): PageBase {
  return { ...sitePage(lang, path, STRINGS), w: WORDS[lang] };
}

/** The newest period in the data, in words ("2026년 11월", "Q3 2026"); '' when not known. */
export function periodWords(f: Pick<Freshness, 'period'>, lang: Lang): string {
  const p = f.period ? periodOf(f.period.latest, f.period.grain) : null;
  return p ? formatPeriod(p, lang) : '';
}

/**
 * "최신", "2026년 11월 30일부터 기한 초과 (2026년 11월 27일 이후 자료가 없음)", "데이터 없음".
 * A late dataset says why when the data itself is behind, or the input it is computed from.
 */
export function statusText(f: Pick<Freshness, 'status' | 'overdueSince' | 'cadence'> & Partial<Pick<Freshness, 'basis' | 'period' | 'input'>>, lang: Lang, titleOf?: (id: string) => string | undefined): string {
  const w = WORDS[lang];
  const head = f.status === 'overdue' ? fill(w.statusOverdue, { date: when(f.overdueSince ?? null, lang, f.cadence) }) : f.status === 'fresh' ? w.statusFresh : f.status === 'due' ? w.statusDue : w.statusFailed;
  if (f.status !== 'overdue' && f.status !== 'due') return head;
  const period = f.basis === 'data' ? periodWords(f, lang) : '';
  if (period) return `${head} (${fill(w.becauseData, { period })})`;
  const input = f.basis === 'input' && f.input ? (titleOf?.(f.input) ?? f.input) : '';
  return input ? `${head} (${fill(w.becauseInput, { title: input })})` : head;
}

export function changesModel(catalog: Catalog, current: CycleLog, history: HistoryEntry[], opts: { baseUrl: string | null; siteTitle: PerLang<string>; limit: number }): ChangesModel {
  const entries: HistoryEntry[] = [current, ...history.filter((h) => h.id !== current.id)].slice(0, Math.max(1, opts.limit));
  const datasetIds = new Set(catalog.datasets.map((d) => d.id));
  const chartIds = new Set(catalog.charts.map((c) => c.id));
  const listed = new Set(entries.map((e) => e.id));
  const cycles: CycleListItem[] = entries.map((e) => ({
    id: e.id,
    at: e.at,
    kind: e.kind,
    title: { ko: entryTitle(e, 'ko'), en: entryTitle(e, 'en') },
    summary: { ko: e.kind === 'cycle' ? cycleSummary(e, 'ko') : entryTitle(e, 'ko'), en: e.kind === 'cycle' ? cycleSummary(e, 'en') : entryTitle(e, 'en') },
    path: { ko: cyclePagePath('ko', e.id), en: cyclePagePath('en', e.id) },
  }));
  const byId = new Map(cycles.map((c) => [c.id, c]));
  const cyclePages: CyclePage[] = [];
  for (const lang of LANGS) {
    const links: Links = {
      dataset: (id) => (datasetIds.has(id) ? paths.dataset(lang, id) : null),
      chart: (id) => (chartIds.has(id) ? paths.chart(lang, id) : null),
    };
    for (const e of entries) {
      const prevId = e.kind === 'cycle' ? e.previous : e.from;
      const prev = prevId && listed.has(prevId) ? byId.get(prevId)! : null;
      cyclePages.push({
        ...page(lang, (l) => cyclePagePath(l, e.id)),
        cycle: {
          id: e.id,
          at: e.at,
          atText: formatDate(e.at, lang),
          title: byId.get(e.id)!.title[lang],
          summary: byId.get(e.id)!.summary[lang],
          sections: e.kind === 'cycle' ? cycleSections(e, lang, links) : [],
          previous: prev ? { href: prev.path[lang], title: prev.title[lang] } : null,
          rollback: e.kind === 'rollback' ? fill(WORDS[lang].rollbackBody, { to: e.to }) : null,
        },
      });
    }
  }
  return {
    cycles,
    pages: {
      index: LANGS.map((lang) => page(lang, paths.changes)),
      cycle: cyclePages,
      feeds: feedPages(cycles, { baseUrl: opts.baseUrl, siteTitle: opts.siteTitle, feedId }),
    },
  };
}

const WORSE: Record<FreshnessStatus, number> = { fresh: 0, due: 1, overdue: 2, failed: 3 };

/** A chart is as fresh as its least fresh dataset; its last change is the latest of theirs. */
export function combineFreshness(parts: Freshness[]): { status: FreshnessStatus; lastChange: string | null } {
  let status: FreshnessStatus = 'fresh';
  let lastChange: string | null = null;
  for (const f of parts) {
    if (WORSE[f.status] > WORSE[status]) status = f.status;
    if (f.lastChange && (!lastChange || f.lastChange > lastChange)) lastChange = f.lastChange;
  }
  return { status: parts.length ? status : 'failed', lastChange };
}

const RANK: Record<Freshness['status'], number> = { overdue: 0, failed: 1, due: 2, fresh: 3 };

export function freshnessModel(catalog: Catalog, log: CycleLog): FreshnessModel {
  const byId = new Map(log.datasets.map((d) => [d.id, d]));
  const titleIn = (lang: Lang) => (id: string) => byId.get(id)?.title[lang];
  const datasets: FreshnessModel['datasets'] = {};
  for (const ds of catalog.datasets) {
    const d = byId.get(ds.id);
    if (!d) continue;
    datasets[ds.id] = {
      status: d.freshness.status,
      cadence: d.freshness.cadence,
      lastChange: d.freshness.lastChange,
      nextDue: d.freshness.nextDue,
      overdueSince: d.freshness.overdueSince,
      changedAt: d.changedAt,
      stale: d.stale,
      text: { ko: statusText(d.freshness, 'ko', titleIn('ko')), en: statusText(d.freshness, 'en', titleIn('en')) },
    };
  }
  const charts: FreshnessModel['charts'] = {};
  for (const chart of catalog.charts) {
    const ids = [...new Set([...chart.data, ...(chart.map ? [chart.map.dataset] : [])])];
    const parts = ids.map((id) => byId.get(id)?.freshness).filter((f): f is Freshness => Boolean(f));
    const c = combineFreshness(parts);
    const worst = parts.find((f) => f.status === c.status);
    const text = (lang: Lang) => statusText(worst ?? { status: c.status, overdueSince: null, cadence: 'daily' }, lang, titleIn(lang));
    charts[chart.id] = { ...c, text: { ko: text('ko'), en: text('en') } };
  }
  const pages = LANGS.map((lang) => {
    const w = WORDS[lang];
    const rows = log.datasets.filter((d) => datasets[d.id]).map((d) => freshnessRow(d, lang, titleIn(lang)));
    rows.sort((a, b) => RANK[a.status] - RANK[b.status] || a.department.localeCompare(b.department, lang) || a.id.localeCompare(b.id));
    const count = (s: Freshness['status']) => rows.filter((r) => r.status === s).length;
    const delayed = rows.filter((r) => r.failedText).length;
    const summary = fill(w.summaryCounts, { n: rows.length, fresh: count('fresh'), due: count('due'), overdue: count('overdue'), delayed });
    return { ...page(lang, paths.freshness), summary, rows };
  });
  const overdue = log.datasets.filter((d) => datasets[d.id]?.status === 'overdue' && !d.stale).map((d) => d.id);
  return { datasets, charts, overdue, words: WORDS, pages };
}

function freshnessRow(d: DatasetLog, lang: Lang, titleOf: (id: string) => string | undefined): FreshnessRow {
  const f = d.freshness;
  const latest = f.period ? periodOf(f.period.latest, f.period.grain) : null;
  return {
    id: d.id,
    title: d.title[lang],
    href: paths.dataset(lang, d.id),
    department: d.department[lang],
    cadence: STRINGS[lang][`cadence_${d.cadence}`],
    status: f.status,
    statusText: statusText(f, lang, titleOf),
    dataAsOf: latest ? formatPeriod(latest, lang, 'short') : '',
    dataAsOfSort: latest?.start ?? '',
    rank: RANK[f.status],
    // <time> takes days, months and years; a quarter has no HTML form.
    dataAsOfKey: latest && latest.grain !== 'quarter' ? periodKey(latest) : null,
    lastChange: when(f.lastChange, lang, d.cadence),
    lastChangeIso: f.lastChange,
    nextDue: when(f.nextDue, lang, d.cadence),
    nextDueIso: f.nextDue,
    // Showing last good data (its own failure, or computed from a delayed source), or no data at all.
    failedText: d.stale ? fill(WORDS[lang].delayedSince, { date: when(d.stale.since, lang) }) : d.failed ? WORDS[lang].sectionFailed : null,
  };
}
