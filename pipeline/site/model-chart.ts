// One chart as the site shows it: the rendered SVG per language, its provenance (datasets,
// departments, licences, freshness), the data preview, the indicator card and the embed code.
import type { ChartDescriptor, Lang, Logger } from '../types.ts';
import { LANGS } from '../types.ts';
import { chartFiles } from './file-names.ts';
import { absoluteUrl, embedSnippet, feedbackUrl, paths, perLang } from './links.ts';
import type { PerLang, SiteChart, SiteChartRender, SiteDataset, SiteIndicator, SitePreview } from './model-types.ts';
import { findRendered, type RenderedChart } from './rendered.ts';
import { checkInlineSvg } from './svg-guard.ts';

export interface ChartContext {
  cycleId: string;
  /** Cycle of the last change of the data these datasets hold (for the feedback link). */
  dataCycle: (ids: string[]) => string;
  baseUrl: string | null;
  feedbackTemplate: string | null;
  repository: string | null;
  rendered: readonly RenderedChart[];
  log: Logger;
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
  return {
    svg: check.ok ? check.svg : null,
    alt: { text: r.alt.text, drafted: r.alt.drafted },
    files: chartFiles(chart.id, lang, r.cacheKey),
    cached: Boolean(r.cached),
  };
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
  const feedback = perLang((lang) => feedbackUrl(ctx.feedbackTemplate, ctx.repository, {
    kind: 'chart', id: chart.id, cycle: ctx.dataCycle(chartDatasetIds(chart)), url: absoluteUrl(ctx.baseUrl, path[lang]), title: chart.title[lang],
  }) ?? '');
  return {
    id: chart.id,
    area: chart.area,
    title: chart.title,
    description: chart.description,
    proposedBy: chart.proposedBy ?? null,
    datasets: used.map((d) => d.id),
    departments,
    licences,
    updatedAt: fetched.length ? fetched[fetched.length - 1] : null,
    sample: used.some((d) => d.sample),
    stale: used.filter((d) => d.stale).map((d) => ({ dataset: d.id, since: d.stale!.since, reason: d.stale!.reason })),
    render,
    preview,
    indicator,
    path,
    embedPath,
    embedCode: perLang((lang) => embedSnippet(absoluteUrl(ctx.baseUrl, embedPath[lang]), chart.title[lang])),
    feedback: feedback.ko && feedback.en ? feedback : null,
  };
}
