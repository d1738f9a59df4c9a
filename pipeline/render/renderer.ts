// One long-lived renderer for a whole cycle: both languages of every chart, each with its own
// locale, unchanged charts from the cache. The spec is localized and its data bound here; the
// Vega-Lite compile and vega's drawing, where a spec's expressions run, happen in a pool of child
// processes with a heap and time budget per chart (render-pool.ts); the PNG in png-pool's workers.
import type { ChartDescriptor, ColumnSpec, Lang, Row } from '../types.ts';
import { draftAlt } from './alt-draft.ts';
import { DataBindingError } from './bind-data.ts';
import { cacheKey, readCached, writeCached, type CachedChart } from './cache.ts';
import { DEFAULT_BUDGETS } from '../budgets.ts';
import { ChartRenderError } from './errors.ts';
import { FieldNotFoundError } from './field-check.ts';
import { frameSvg, measureOf, type DownloadFrame } from './frame.ts';
import { readBoundaries, type GuBoundaries } from './gu-topo.ts';
import { localizeChart, type LocalizedChart } from './localize.ts';
import { pngParallelism } from './png-pool.ts';
import { PNG_SCALE, svgToPng } from './png.ts';
import { RenderJobFailure, RenderPool, type RenderBudget } from './render-pool.ts';
import { accessibleSvg } from './svg-a11y.ts';
import { compactSvg } from './svg-compact.ts';
import { svgSizeProblem } from './svg-size.ts';
import { LIBRARY_VERSIONS, RENDERER_CODE_VERSION } from './versions.ts';

export interface RenderedChart {
  id: string;
  lang: Lang;
  /** Inline-ready SVG: role="img", aria-labelledby -> <title> (chart title) and <desc> (alt text). */
  svg: string;
  /** The SVG people download: the plot framed with title, measure, source, date and address (`frame`), else the plot. */
  download: string;
  /** The download SVG at 2x, drawn with Pretendard. */
  png: Uint8Array;
  /** Compiled Vega spec with data values and locale inlined, for the browser view. */
  vega: object;
  /** The phone layout (layouts.ts): its inline SVG (same title and alt text) and its Vega spec. */
  narrow?: { svg: string; vega: object };
  /** The localized Vega-Lite spec as rendered (theme config, data inlined as `datasets`). */
  vegaLite: object;
  alt: { text: string; drafted: boolean };
  cacheKey: string;
  cached: boolean;
  /** Vega-Lite/Vega warnings (e.g. a dropped property), for `citydash check`. */
  warnings: string[];
}

export interface RendererOptions {
  /** Where rendered charts are kept between cycles (e.g. workDir.charts); no cache when unset. */
  cacheDir?: string;
  /** Boundaries of the 25 gu (TopoJSON with SIG_CD); gu maps become choropleths. */
  geo?: { topojson: object; object: string };
  /** Heap and time each chart may use (citydash.yaml budgets; default DEFAULT_BUDGETS). */
  budgets?: RenderBudget;
}

export interface RenderStats {
  rendered: number;
  cached: number;
  failed: number;
}

export interface Renderer {
  renderChart(
    chart: ChartDescriptor,
    lang: Lang,
    data: Record<string, Row[]>,
    columns: Record<string, Record<string, ColumnSpec>>,
    /** What the downloads carry around the plot (title, source, date, address, sample mark). */
    frame?: DownloadFrame,
  ): Promise<RenderedChart>;
  stats(): RenderStats;
}

/**
 * How many charts a caller keeps in flight: one more than there are PNG workers, so a chart's
 * PNG overlaps the next chart's compile and draw in the render processes.
 */
export function chartsInFlight(): number {
  return pngParallelism() + 1;
}

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Throws BoundaryDataError when `opts.geo` is not a usable gu TopoJSON. */
export function createRenderer(opts: RendererOptions = {}): Renderer {
  const geo: GuBoundaries | undefined = opts.geo ? readBoundaries(opts.geo.topojson, opts.geo.object) : undefined;
  const counts: RenderStats = { rendered: 0, cached: 0, failed: 0 };
  // Started on the first chart the cache does not have; its processes stop by themselves when idle.
  let pool: RenderPool | undefined;
  const budget: RenderBudget = opts.budgets ?? DEFAULT_BUDGETS;

  async function render(chart: ChartDescriptor, lang: Lang, data: Record<string, Row[]>, columns: Record<string, Record<string, ColumnSpec>>, given?: DownloadFrame): Promise<RenderedChart> {
    const fail = (part: string, detail: string) => new ChartRenderError(chart.file, chart.id, lang, part, detail);
    let local: LocalizedChart;
    let narrowLocal: LocalizedChart;
    try {
      local = localizeChart(chart, lang, data, columns, geo);
      narrowLocal = localizeChart(chart, lang, data, columns, geo, 'narrow');
    } catch (e) {
      const part = e instanceof FieldNotFoundError ? 'field' : e instanceof DataBindingError ? 'data' : 'spec';
      throw fail(part, (e as Error).message);
    }
    const mainColumns = local.mainDataset ? columns[local.mainDataset] ?? {} : {};
    const title = chart.title?.[lang] ?? chart.id;
    const givenAlt = chart.alt?.[lang]?.trim() || undefined;
    const frame = given ? { ...given, measure: given.measure === undefined ? measureOf(local.spec) : given.measure } : undefined;
    const key = cacheKey({
      code: RENDERER_CODE_VERSION, libraries: LIBRARY_VERSIONS, png: PNG_SCALE,
      id: chart.id, lang, title, alt: givenAlt ?? null, columns: mainColumns, spec: local.spec, narrow: narrowLocal.spec, frame: frame ?? null,
    });
    if (opts.cacheDir) {
      const hit = await readCached(opts.cacheDir, key);
      if (hit) {
        counts.cached++;
        return { id: chart.id, lang, ...hit, cacheKey: key, cached: true };
      }
    }
    const vegaLite = json(local.spec);
    let entry: CachedChart;
    try {
      pool ??= new RenderPool(budget);
      // both layouts in the pool, side by side; the phone one needs no alt text of its own
      const [drawn, narrowDrawn] = await Promise.all([
        pool.run({ spec: local.spec, lang, mainMark: local.mainMark, alt: givenAlt ? undefined : { chart, columns: mainColumns } }),
        pool.run({ spec: narrowLocal.spec, lang }),
      ]);
      const vega = drawn.vega;
      // without rows read back from the main mark, the alt text describes the dataset's rows
      const alt = givenAlt
        ? { text: givenAlt, drafted: false }
        : { text: drawn.alt ?? draftAlt(chart, lang, (local.mainDataset ? local.rows[local.mainDataset] : undefined) ?? [], mainColumns), drafted: true };
      // what the phone layout alone warns about (the rest is said once, for the chart)
      const wide = new Set(drawn.warnings);
      const narrowWarnings = narrowDrawn.warnings.filter((w) => !wide.has(w)).map((w) => `phone layout: ${w}`);
      const svg = accessibleSvg(compactSvg(drawn.svg), { chartId: chart.id, lang, title, desc: alt.text });
      const narrowSvg = accessibleSvg(compactSvg(narrowDrawn.svg), { chartId: `${chart.id}-narrow`, lang, title, desc: alt.text });
      let download = svg;
      if (frame) {
        try {
          download = frameSvg(svg, frame, { chartId: chart.id, lang, desc: alt.text }).svg;
        } catch (e) {
          throw fail('frame', (e as Error).message);
        }
      }
      let png: Uint8Array;
      try {
        const tooBig = svgSizeProblem(download);
        if (tooBig) throw new Error(tooBig);
        png = await svgToPng(download);
      } catch (e) {
        throw fail('png', (e as Error).message);
      }
      entry = { svg, download, png, vega, vegaLite, alt, narrow: { svg: narrowSvg, vega: narrowDrawn.vega }, warnings: [...drawn.warnings, ...narrowWarnings] };
    } catch (e) {
      if (e instanceof ChartRenderError) throw e;
      throw fail(e instanceof RenderJobFailure ? e.part : 'render', (e as Error).message);
    }
    if (opts.cacheDir) {
      try {
        await writeCached(opts.cacheDir, key, entry);
      } catch (e) {
        entry.warnings.push(`chart cache not written: ${(e as Error).message}`);
      }
    }
    counts.rendered++;
    return { id: chart.id, lang, ...entry, cacheKey: key, cached: false };
  }

  return {
    async renderChart(chart, lang, data, columns, frame) {
      try {
        return await render(chart, lang, data, columns, frame);
      } catch (e) {
        counts.failed++;
        throw e;
      }
    },
    stats: () => ({ ...counts }),
  };
}
