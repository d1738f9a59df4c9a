// The two layouts every chart is drawn in (issue 12). The wide one is the chart as its author
// wrote it (560–790 px); the narrow one is for a phone: the whole chart, axes and legend
// included, fits NARROW_WIDTH, legends sit below the plot, axes carry fewer ticks and shorter
// labels, side-by-side views stack. The page shows one or the other by CSS (site.css), so a
// reader without JavaScript gets the narrow chart on a phone too.
import { isPlainObject } from './merge.ts';
import { visitChannelDefs, visitViews, type Obj } from './spec-walk.ts';

export type Layout = 'wide' | 'narrow';
export const LAYOUTS: readonly Layout[] = ['wide', 'narrow'];

/** Whole-chart width of the narrow layout: a 360 px phone's content box less its margins. */
export const NARROW_WIDTH = 320;
/** Longest axis or legend label on a phone; longer ones end in "…" (the table has them whole). */
const NARROW_LABEL_LIMIT = 120;
const NARROW_GRADIENT = 200;
/** Names on a ranking's y axis ("서울대입구(관악구청) (2호선)") are kept whole up to this width. */
const NARROW_Y_LABEL_LIMIT = 170;

/** Views whose own size Vega-Lite can fit to a width (single and layered views; not concat or facet). */
function fits(spec: Obj): boolean {
  return !['hconcat', 'vconcat', 'concat', 'facet', 'repeat'].some((k) => k in spec) && !hasRowOrColumn(spec);
}

function hasRowOrColumn(spec: Obj): boolean {
  let found = false;
  visitViews(spec, (view) => {
    if (isPlainObject(view.encoding) && ('row' in view.encoding || 'column' in view.encoding || 'facet' in view.encoding)) found = true;
  });
  return found;
}

/** Legends below the plot, in at most two columns, with a shorter gradient. Mutates `def`. */
function legendBelow(def: Obj): void {
  if (!isPlainObject(def.legend)) return;
  const legend = { ...def.legend };
  if (legend.orient !== 'none') legend.orient = 'bottom';
  delete legend.direction;
  if (typeof legend.gradientLength === 'number') legend.gradientLength = Math.min(legend.gradientLength, NARROW_GRADIENT);
  def.legend = legend;
}

/**
 * The narrow variant of a localized Vega-Lite spec (theme config already merged). Returns a new
 * spec; `spec` is not changed. `keepSize` for a chart drawn at its narrow size already (the gu map).
 */
export function narrowLayout(spec: Obj, o: { keepSize?: boolean } = {}): Obj {
  const out = structuredClone(spec);
  const config = isPlainObject(out.config) ? out.config : {};
  const legend = isPlainObject(config.legend) ? config.legend : {};
  const axis = isPlainObject(config.axis) ? config.axis : {};
  out.config = {
    ...config,
    legend: { ...legend, orient: 'bottom', columns: 2, labelLimit: NARROW_LABEL_LIMIT, gradientLength: NARROW_GRADIENT, gradientThickness: 12 },
    axis: { ...axis, labelLimit: NARROW_LABEL_LIMIT, titleLimit: NARROW_WIDTH - 24 },
    // three ticks on a phone's x axis ("0, 50,000, 100,000"; "Sep, Oct, Nov"); the title ends at the
    // plot's right edge, so a title wider than a phone's plot stays in view
    axisX: { ...(isPlainObject(config.axisX) ? config.axisX : {}), labelOverlap: 'greedy', tickCount: 3, titleAnchor: 'end' },
    // a ranking's names are what it is about: they get more room than the bars' axis
    axisY: { ...(isPlainObject(config.axisY) ? config.axisY : {}), labelLimit: NARROW_Y_LABEL_LIMIT, labelFontSize: 11 },
  };
  visitViews(out, (view) => visitChannelDefs(view, legendBelow));
  if (o.keepSize) return out;
  if (fits(out)) {
    // Vega-Lite fits the whole chart (axes, titles, padding) into the width; heights stay.
    out.width = NARROW_WIDTH;
    out.autosize = { type: 'fit-x', contains: 'padding' };
  } else {
    // Side by side becomes one above the other; each part as wide as a phone allows.
    if (Array.isArray(out.hconcat)) {
      out.vconcat = out.hconcat;
      delete out.hconcat;
    }
    // small multiples in two columns of 105 px plots (each with its y axis: 2 × 155 px in all)
    const grid = typeof out.columns === 'number';
    if (grid && (out.columns as number) > 2) out.columns = 2;
    const inner = grid ? 105 : NARROW_WIDTH - 80;
    visitViews(out, (view) => {
      if (typeof view.width === 'number' && view.width > inner) view.width = inner;
    });
  }
  return out;
}
