// One chart as the site shows it: the rendered SVG per language, its provenance (datasets,
// departments, licences, freshness), the data preview, the indicator card and the embed code.
import type { FeedbackItem } from '../feedback/index.ts';
import type { CatalogSettings, ChartDescriptor, Keywords, Lang, Logger } from '../types.ts';
import { LANGS } from '../types.ts';
import { citation } from './cite.ts';
import { feedbackLinks } from './feedback-links.ts';
import { chartFiles } from './file-names.ts';
import { HANGUL } from './format.ts';
import { absoluteUrl, embedSnippet, paths, perLang } from './links.ts';
import type { PerLang, SiteChart, SiteChartRender, SiteDataset, SiteIndicator, SitePreview } from './model-types.ts';
import { findRendered, type RenderedChart } from './rendered.ts';
import { checkInlineSvg } from './svg-guard.ts';

/** What every chart and dataset page shares: the site's settings and the data's cycle and date. */
export interface PageContext {
  cycleId: string;
  /** Cycle of the last change of the data these datasets hold (feedback links, citations). */
  dataCycle: (ids: string[]) => string;
  /** Date of the data these datasets hold (yyyy-MM-dd, Seoul), when known. */
  dataDate: (ids: string[]) => string | null;
  baseUrl: string | null;
  settings: Pick<CatalogSettings, 'feedback' | 'repository' | 'siteTitle'>;
  /** Feedback issues about a chart or dataset, newest first. */
  feedbackAbout: (kind: 'chart' | 'dataset', id: string) => FeedbackItem[];
}

export interface ChartContext extends PageContext {
  rendered: readonly RenderedChart[];
  log: Logger;
}

/** Keywords as the page shows them: trimmed, without repeats. */
export function pageKeywords(k: Keywords | undefined): PerLang<string[]> {
  const clean = (list: string[] | undefined) => [...new Set((list ?? []).map((w) => w.trim()).filter(Boolean))];
  return { ko: clean(k?.ko), en: clean(k?.en) };
}

/** The width and height an SVG declares on its root, when it does. */
function svgBox(svg: string | undefined): { width: number; height: number } | undefined {
  const open = svg ? /^<svg\b[^>]*>/.exec(svg)?.[0] : undefined;
  const num = (a: string) => Number(new RegExp(`\\s${a}="([0-9.]+)"`).exec(open ?? '')?.[1] ?? NaN);
  const box = { width: num('width'), height: num('height') };
  return Number.isFinite(box.width) && Number.isFinite(box.height) ? box : undefined;
}

/** Every dataset a chart reads, in first-mention order. */
export function chartDatasetIds(chart: ChartDescriptor): string[] {
  const ids = [...chart.data, chart.map?.dataset, chart.indicator?.dataset].filter((x): x is string => typeof x === 'string');
  return [...new Set(ids)];
}

function renderFor(chart: ChartDescriptor, lang: Lang, ctx: ChartContext): SiteChartRender | null {
  const r = findRendered(ctx.rendered, chart.id, lang);
  if (!r) return null;
  const check = checkInlineSvg(r.svg);
  if (!check.ok) ctx.log.warn(`chart ${chart.id} (${lang}): SVG not inlined, shown as an image instead: ${check.reason}`);
  // The phone layout is inlined only when the wide one is: both pass the same guard, or neither shows.
  const narrow = check.ok && r.narrow ? checkInlineSvg(r.narrow.svg) : null;
  if (narrow && !narrow.ok) ctx.log.warn(`chart ${chart.id} (${lang}): phone layout not inlined, the wide chart is shown on phones too: ${narrow.reason}`);
  return {
    svg: check.ok ? check.svg : null,
    narrowSvg: narrow?.ok ? narrow.svg : null,
    alt: { text: r.alt.text, drafted: r.alt.drafted },
    files: chartFiles(chart.id, lang, r.cacheKey, Boolean(r.narrow)),
    cached: Boolean(r.cached),
  };
}

/** A name given once serves both languages unless it is Korean: then English pages mark it lang="ko". */
function proposer(name: ChartDescriptor['proposedBy']): SiteChart['proposedBy'] {
  if (!name) return null;
  if (typeof name === 'object') return { ko: name.ko, en: name.en };
  return { ko: name, en: HANGUL.test(name) ? null : name };
}

export function assembleChart(
  chart: ChartDescriptor,
  datasets: Map<string, SiteDataset>,
  preview: SitePreview | null,
  indicator: SiteIndicator | null,
  ctx: ChartContext,
): SiteChart {
  const used = chartDatasetIds(chart).map((id) => datasets.get(id)).filter((d): d is SiteDataset => Boolean(d));
  const departments = [...new Map(used.map((d) => [d.department.id, d.department])).values()];
  const licences = [...new Map(used.map((d) => [d.licence.id, d.licence])).values()];
  const fetched = used.map((d) => d.fetch?.fetchedAt).filter((t): t is string => Boolean(t)).sort();
  const path = perLang((lang) => paths.chart(lang, chart.id));
  const embedPath = perLang((lang) => paths.embed(lang, chart.id));
  const render = {} as PerLang<SiteChartRender | null>;
  for (const lang of LANGS) render[lang] = renderFor(chart, lang, ctx);
  const ids = chartDatasetIds(chart);
  const dataCycle = ctx.dataCycle(ids);
  const dataDate = ctx.dataDate(ids);
  const links = {} as PerLang<NonNullable<ReturnType<typeof feedbackLinks>>>;
  const cite = {} as SiteChart['cite'];
  for (const lang of LANGS) {
    const ref = { kind: 'chart' as const, id: chart.id, cycle: dataCycle, date: dataDate, url: absoluteUrl(ctx.baseUrl, path[lang]), title: chart.title[lang] };
    const l = feedbackLinks(ctx.settings, ref, lang);
    if (l) links[lang] = l;
    cite[lang] = citation({
      kind: 'chart', id: chart.id, lang, title: chart.title[lang], authors: departments.map((d) => d[lang]), siteTitle: ctx.settings.siteTitle[lang],
      cycle: dataCycle, dataDate, url: ctx.baseUrl ? absoluteUrl(ctx.baseUrl, path[lang]) : null, licence: licences.map((l) => l.title[lang]).join(', '),
    });
  }
  return {
    id: chart.id,
    area: chart.area,
    title: chart.title,
    description: chart.description,
    proposedBy: proposer(chart.proposedBy),
    datasets: used.map((d) => d.id),
    departments,
    licences,
    updatedAt: fetched.length ? fetched[fetched.length - 1] : null,
    period: datasets.get(chart.data[0] ?? '')?.period ?? null,
    sample: used.some((d) => d.sample),
    stale: used.filter((d) => d.stale).map((d) => ({ dataset: d.id, since: d.stale!.since, reason: d.stale!.reason })),
    render,
    preview,
    indicator,
    path,
    embedPath,
    embedCode: ctx.baseUrl ? perLang((lang) => embedSnippet(absoluteUrl(ctx.baseUrl, embedPath[lang]), chart.title[lang], svgBox(findRendered(ctx.rendered, chart.id, lang)?.svg))) : null,
    keywords: pageKeywords(chart.keywords),
    contact: used.map((d) => d.contact).find((c) => c !== null) ?? null,
    dataCycle,
    dataDate,
    feedback: { links: links.ko && links.en ? links : null, items: ctx.feedbackAbout('chart', chart.id) },
    cite,
  };
}
