// The site model: everything the templates need, assembled once per cycle from the catalog, the
// validated snapshots and the rendered charts. One dataset or chart with a problem (bad id,
// unreadable schema, broken indicator) is logged and degraded, never stops the others.
import type { FeedbackItem, FeedbackRead } from '../feedback/index.ts';
import type { Catalog, ChartDescriptor, Logger, SnapshotMeta, ValidationReport } from '../types.ts';
import { quote } from '../errors.ts';
import { memoryLogger } from '../log.ts';
import { readSchemaProperties, siteColumns } from './columns.ts';
import { STRINGS } from './i18n.ts';
import { dataCycleOf, dataDateOf } from './data-dates.ts';
import { computeIndicator } from './indicator.ts';
import { feedbackLinks } from './feedback-links.ts';
import { absoluteUrl, paths, SAFE_ID, safeHref } from './links.ts';
import { assembleChart, chartDatasetIds, type PageContext } from './model-chart.ts';
import { assembleDataset } from './model-dataset.ts';
import type { PerLang, SiteArea, SiteChanges, SiteChart, SiteColumn, SiteDataset, SiteDepartment, SiteFeedback, SiteFeedbackLinks, SiteFreshness, SiteIndicator, SiteModel, SitePeriod, SitePreview, SiteSettings } from './model-types.ts';
import { dataPeriodOf } from '../period.ts';
import type { RenderedChart } from './rendered.ts';
import { readRows } from './rows.ts';
import { tableOf } from './table.ts';

export type * from './model-types.ts';
export type { RenderedChart } from './rendered.ts';


export interface AssembleInput {
  snapshots: Record<string, SnapshotMeta>;
  /** Path of a dataset's validated NDJSON rows (WorkDir.rows). */
  rowsPath: (id: string) => string;
  rendered: RenderedChart[];
  cycleId: string;
  now: Date;
  /** Full validation reports, for "rejected and why" (optional: counts come from the snapshot). */
  reports?: Record<string, ValidationReport>;
  freshness?: SiteFreshness;
  changes?: SiteChanges;
  /** Feedback read from GitHub (or kept from the last read); absent: none shown. */
  feedback?: FeedbackRead;
  /** Per dataset, the latest day its rows cover (readDataThrough). */
  through?: Record<string, string>;
}

function siteSettings(catalog: Catalog): SiteSettings {
  const s = catalog.settings;
  const base = safeHref(s.baseUrl);
  const repository = safeHref(s.repository);
  return {
    siteTitle: s.siteTitle,
    baseUrl: base && /^https?:/.test(base) ? base.replace(/\/+$/, '') : null,
    repository,
    contributingUrl: repository ? `${repository.replace(/\/+$/, '')}/blob/main/CONTRIBUTING.md` : null,
  };
}

function safeId(kind: string, item: { id: string; file: string }, log: Logger): boolean {
  if (SAFE_ID.test(item.id)) return true;
  log.error(`${item.file}: ${kind} id ${quote(item.id)} is not a safe page name ([a-z0-9-]); left off the site`);
  return false;
}

export async function assembleSiteModel(catalog: Catalog, input: AssembleInput, log: Logger = memoryLogger()): Promise<SiteModel> {
  const settings = siteSettings(catalog);
  // Feedback and citations name the cycle of the data shown (its last change), not this build's:
  // a page whose data did not change stays byte-identical, so a no-change cycle uploads nothing.
  const dataCycle = (ids: string[]) => dataCycleOf(ids, input);
  const dataDate = (ids: string[]) => dataDateOf(ids, input);
  const items = input.feedback?.list?.items ?? [];
  const feedbackAbout = (kind: 'chart' | 'dataset', id: string): FeedbackItem[] => items.filter((i) => i.about.some((t) => t.kind === kind && t.id === id));
  const ctx: PageContext = { cycleId: input.cycleId, dataCycle, dataDate, baseUrl: settings.baseUrl, settings: catalog.settings, feedbackAbout };

  // Ids become paths; anything outside the catalog's id alphabet is left off the site.
  const dsList = catalog.datasets.filter((d) => safeId('dataset', d, log));
  const chartList = catalog.charts.filter((c) => safeId('chart', c, log));

  const datasets = new Map<string, SiteDataset>();
  for (const ds of dsList) {
    let schema = {};
    try {
      schema = await readSchemaProperties(catalog.root, ds);
    } catch (err) {
      log.warn(`${(err as Error).message}; column descriptions come from the descriptor only`);
    }
    const meta = input.snapshots[ds.id];
    const charts = chartList.filter((c) => chartDatasetIds(c).includes(ds.id)).map((c) => c.id);
    let period: SitePeriod | null = null;
    if (meta && ds.time) {
      try {
        period = await dataPeriodOf(ds.time, input.rowsPath(ds.id), meta.fetch.fetchedAt);
      } catch (err) {
        log.warn(`dataset ${ds.id}: cannot tell what period its data is as of: ${(err as Error).message}`);
      }
    }
    datasets.set(ds.id, assembleDataset(ds, siteColumns(ds, schema, meta), period, meta, input.reports?.[ds.id], charts, ctx));
  }

  const previews = new Map<string, SitePreview | null>();
  const preview = async (id: string | undefined): Promise<SitePreview | null> => {
    const ds = id ? datasets.get(id) : undefined;
    if (!ds?.available) return null;
    if (!previews.has(ds.id)) {
      try {
        previews.set(ds.id, await tableOf(input.rowsPath(ds.id), ds));
      } catch (err) {
        log.warn(`dataset ${ds.id}: no data preview: ${(err as Error).message}`);
        previews.set(ds.id, null);
      }
    }
    return previews.get(ds.id) ?? null;
  };
  const indicator = async (chart: ChartDescriptor): Promise<SiteIndicator | null> => {
    const ds = chart.indicator ? datasets.get(chart.indicator.dataset) : undefined;
    if (!chart.indicator || !ds?.available) return null;
    try {
      return await computeIndicator(chart, ds.columns, readRows(input.rowsPath(ds.id)), ds.time);
    } catch (err) {
      log.warn(`chart ${chart.id}: no indicator card: ${(err as Error).message}`);
      return null;
    }
  };

  const charts = [];
  for (const chart of chartList) {
    const chartCtx = { ...ctx, rendered: input.rendered, log };
    charts.push(assembleChart(chart, datasets, await preview(chart.data[0]), await indicator(chart), chartCtx));
  }

  const areas: SiteArea[] = Object.entries(catalog.settings.areas ?? {}).map(([id, title]): SiteArea => ({ id, title, charts: [], indicators: [] }));
  for (const chart of charts) {
    let area = areas.find((a) => a.id === chart.area);
    if (!area) areas.push((area = { id: chart.area, title: { ko: chart.area, en: chart.area }, charts: [], indicators: [] }));
    area.charts.push(chart.id);
    if (chart.indicator) area.indicators.push(chart.id);
  }

  const departments = new Map<string, SiteDepartment>();
  for (const ds of datasets.values()) {
    const dep = departments.get(ds.department.id) ?? { ...ds.department, datasets: [], charts: [] };
    dep.datasets.push(ds.id);
    for (const c of ds.charts) if (!dep.charts.includes(c)) dep.charts.push(c);
    departments.set(dep.id, dep);
  }

  // Late data first: what a citizen most needs to know is which numbers are not current.
  const late = (c: SiteChart) => (c.stale.length ? 0 : ({ overdue: 1, due: 2 } as Record<string, number>)[input.freshness?.charts?.[c.id]?.status ?? ''] ?? 3);
  const areaOrder = (c: SiteChart) => areas.findIndex((a) => a.id === c.area);
  const cards = charts.filter((c) => c.indicator).map((c, i) => ({ c, i })).sort((a, b) => late(a.c) - late(b.c) || areaOrder(a.c) - areaOrder(b.c) || a.i - b.i).map(({ c }) => c.id);

  const datasetList = [...datasets.values()];
  return {
    feedback: siteFeedback(catalog, input, settings.baseUrl),
    version: 1,
    cycleId: input.cycleId,
    builtAt: input.now.toISOString(),
    settings,
    strings: STRINGS,
    datasets: datasetList,
    charts,
    areas: areas.filter((a) => a.charts.length > 0 || a.id in (catalog.settings.areas ?? {})),
    cards,
    departments: [...departments.values()],
    sample: datasetList.some((d) => d.sample),
    ...(input.freshness ? { freshness: input.freshness } : {}),
    ...(input.changes ? { changes: input.changes } : {}),
  };
}

/** The site-wide feedback: channels for the site as a whole, who reads it, and the log. */
function siteFeedback(catalog: Catalog, input: AssembleInput, baseUrl: string | null): SiteFeedback | null {
  // The site as a whole is as new as its newest data: the cycle named stays put while nothing changes.
  const cycle = dataCycleOf(catalog.datasets.map((d) => d.id), input);
  const f = catalog.settings.feedback;
  if (!f) return null;
  const links = {} as PerLang<SiteFeedbackLinks>;
  for (const lang of ['ko', 'en'] as const) {
    const path = paths.feedback(lang);
    const l = feedbackLinks(catalog.settings, { kind: 'site', id: 'site', cycle, date: null, url: absoluteUrl(baseUrl, path), title: catalog.settings.siteTitle[lang] }, lang);
    if (l) links[lang] = l;
  }
  const read = input.feedback;
  return {
    links: links.ko && links.en ? links : null,
    readBy: f.readBy ?? null,
    answerDays: f.answerDays ?? null,
    formName: f.form?.name ?? null,
    email: f.email ?? null,
    repository: read?.list?.repository ?? null,
    label: read?.list?.label ?? null,
    status: read?.status ?? 'off',
    reason: read?.reason?.kind ?? null,
    readAt: read?.list?.readAt ?? null,
    items: read?.list?.items ?? [],
  };
}
