// The build half of a cycle, from validated snapshots to a site folder:
//   transform (DuckDB derived datasets) -> render (every chart x language) -> site (Eleventy)
// Each chart or derived dataset that fails is reported and left out; the rest still build.
// `citydash run` has already run the transform (its change log needs the derived datasets) and
// hands its result in; `citydash build` runs the same steps from the transform on.
import type { FeedbackRead } from '../feedback/index.ts';
import { assembleSiteModel, buildSite, checkSiteOutput, downloadFrame, readDataThrough, readRows, readSiteInputs } from '../site/index.ts';
import type { SiteChanges, SiteFreshness } from '../site/index.ts';
import { chartsInFlight, createRenderer, type RenderedChart } from '../render/index.ts';
import { budgetsOf } from '../budgets.ts';
import { inOrder } from '../pool.ts';
import { transform as runTransform, type TransformResult } from '../transform/index.ts';
import { loadRowSchema } from '../validate/index.ts';
import { LANGS, type Catalog, type ChartDescriptor, type ColumnSpec, type Lang, type Row, type RunContext, type SnapshotMeta } from '../types.ts';

export interface BuildOptions {
  cycleId: string;
  siteDir: string;
  freshness?: SiteFreshness;
  changes?: SiteChanges;
  /** The transform this cycle already ran; without it the build runs the transform itself. */
  transform?: TransformResult;
  /** Feedback read from GitHub (or kept), shown on chart and dataset pages and the feedback log. */
  feedback?: FeedbackRead;
}

export interface BuildFailure {
  kind: 'dataset' | 'chart';
  id: string;
  message: string;
}

export interface BuildResult {
  transform: TransformResult;
  charts: { rendered: number; cached: number; failed: number };
  pages: number;
  files: number;
  snapshots: Record<string, SnapshotMeta>;
  failures: BuildFailure[];
}

async function loadRows(path: string): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const row of readRows(path)) rows.push(row);
  return rows;
}

async function renderAll(catalog: Catalog, ctx: RunContext, snapshots: Record<string, SnapshotMeta>, failures: BuildFailure[], opts: BuildOptions, through: Record<string, string>) {
  const baseUrl = catalog.settings.baseUrl ? catalog.settings.baseUrl.replace(/\/+$/, '') : null;
  const frameInput = { cycleId: opts.cycleId, snapshots, freshness: opts.freshness, through, baseUrl };
  const renderer = createRenderer({ cacheDir: ctx.work.charts, budgets: budgetsOf(catalog.settings.budgets) });
  const columns: Record<string, Record<string, ColumnSpec>> = {};
  for (const ds of catalog.datasets) columns[ds.id] = ds.columns;
  // Rows are read once per dataset and shared by every chart and language that uses them.
  const cache = new Map<string, Promise<Row[]>>();
  const rowsOf = (id: string) => {
    if (!cache.has(id)) cache.set(id, loadRows(ctx.work.rows(id)));
    return cache.get(id)!;
  };
  // One job per chart and language, several in flight so PNGs (worker threads) overlap the next
  // chart's SVG; results, failures and log lines are then taken in catalog order, as if one by one.
  type Done = { chart: ChartDescriptor; lang: Lang; result?: RenderedChart; error?: Error; missing?: string[] };
  const jobs: (() => Promise<Done>)[] = [];
  for (const chart of catalog.charts) {
    const ids = [...new Set([...chart.data, ...(chart.map ? [chart.map.dataset] : [])])];
    const missing = ids.filter((id) => !snapshots[id]);
    if (missing.length) {
      jobs.push(async () => ({ chart, lang: LANGS[0]!, missing }));
      continue;
    }
    for (const lang of LANGS) {
      jobs.push(async () => {
        // An unreadable snapshot stops the build, as it always has; a chart's own failure does not.
        const data: Record<string, Row[]> = {};
        for (const id of ids) data[id] = await rowsOf(id);
        try {
          return { chart, lang, result: await renderer.renderChart(chart, lang, data, columns, downloadFrame(catalog, chart, lang, frameInput)) };
        } catch (err) {
          return { chart, lang, error: err as Error };
        }
      });
    }
  }
  const done = await inOrder(jobs, chartsInFlight());
  const rendered: RenderedChart[] = [];
  for (const { chart, lang, result, error, missing } of done) {
    if (missing) {
      failures.push({ kind: 'chart', id: chart.id, message: `${chart.file}: no data for ${missing.join(', ')}; chart left out` });
      ctx.effects.log.status('failed', chart.id, `no data for ${missing.join(', ')}`);
    } else if (result) {
      rendered.push(result);
      ctx.effects.log.debug(`[${result.cached ? 'cached' : 'rendered'}] ${chart.id} (${lang})`);
    } else {
      failures.push({ kind: 'chart', id: chart.id, message: error!.message });
      ctx.effects.log.status('failed', `${chart.id} (${lang})`, error!.message);
    }
  }
  return { rendered, stats: renderer.stats() };
}

export async function buildFromWork(catalog: Catalog, ctx: RunContext, opts: BuildOptions): Promise<BuildResult> {
  const { log } = ctx.effects;
  const failures: BuildFailure[] = [];
  // A wrong --out is the user's mistake: say so before minutes of transform and rendering.
  await checkSiteOutput(opts.siteDir);
  if (!catalog.settings.baseUrl) {
    log.warn('citydash.yaml sets no baseUrl: pages get no canonical or social-card links, no sitemap is written and charts offer no embed code (set baseUrl to the address the site is published at)');
  }

  const transform = opts.transform ?? (await runTransform(catalog, { catalogRoot: ctx.catalogRoot, work: ctx.work }, ctx.effects));
  for (const d of transform.datasets) {
    if (d.status === 'failed') failures.push({ kind: 'dataset', id: d.id, message: d.reason ?? 'failed' });
  }

  const { snapshots, reports } = await readSiteInputs(catalog, ctx.work, log);
  const through = await readDataThrough(catalog, snapshots, ctx.work.rows);
  const { rendered, stats } = await renderAll(catalog, ctx, snapshots, failures, opts, through);
  // Only complete charts (both languages) go on the site.
  const complete = rendered.filter((r) => rendered.filter((o) => o.id === r.id).length === LANGS.length);
  log.info(`charts: ${stats.rendered} rendered, ${stats.cached} cached, ${stats.failed} failed`);

  const model = await assembleSiteModel(
    catalog,
    {
      snapshots, rowsPath: ctx.work.rows, rendered: complete, cycleId: opts.cycleId, now: ctx.effects.now(),
      reports, freshness: opts.freshness, changes: opts.changes, feedback: opts.feedback, through,
    },
    log,
  );
  // Row schemas give datapackage.json its constraints; a schema that fails to load was already
  // reported by the catalog and validate stages, so it is simply left out here.
  const rowSchemas: Record<string, unknown> = {};
  for (const ds of catalog.datasets) {
    if (snapshots[ds.id]) rowSchemas[ds.id] = await loadRowSchema(ctx.catalogRoot, ds).catch(() => undefined);
  }
  const site = await buildSite(model, { outDir: opts.siteDir, rowsPath: ctx.work.rows, rendered: complete, rowSchemas, feedbackList: opts.feedback?.list ?? null }, ctx.effects);
  log.info(`site: ${site.pages} pages, ${site.files} files in ${opts.siteDir}`);
  return { transform, charts: { rendered: stats.rendered, cached: stats.cached, failed: stats.failed }, pages: site.pages, files: site.files, snapshots, failures };
}
