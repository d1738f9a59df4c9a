// The interactive chart bundle, loaded by loader.ts when a chart scrolls into view. It swaps the
// build's static SVG for a vega view of the same compiled spec: tooltips, hover, pan/zoom on time
// series, gu selection on the tile map. It runs under the site's CSP: the expression interpreter
// instead of generated code (`ast: true`), no injected <style>, no actions menu, no globals. The
// static SVG stays in the page, out of sight, for screen readers (it has the title, description
// and role="img"); the data table stays where it was.
import embed from 'vega-embed';
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { mountControls, type ControlPlan } from './controls.ts';
import { guardedLoader } from './guarded-loader.ts';
import { fitsWidth, fitWidth, followWidth } from './fit-width.ts';
import { addGuSelection, addHover, addTimeZoom, guMapTiles, timeScale } from './interactions.ts';
import { chartSpecUrl, fetchChartSpec, type VegaSpec } from './spec-source.ts';
import { createTooltip, type Tooltip } from './tooltip.ts';

let tooltip: Tooltip | null = null;

/** The x domain the static chart was drawn with, from a headless run of the unchanged spec. */
async function homeDomain(spec: VegaSpec, loader: vega.Loader): Promise<[number, number] | null> {
  const probe = new vega.View(vega.parse(spec as vega.Spec, undefined, { ast: true }), { renderer: 'none', loader, expr: expressionInterpreter } as vega.ViewOptions);
  try {
    await probe.runAsync();
    const d = probe.scale('x')?.domain() as unknown[] | undefined;
    const home = d?.map((v) => +(v as number));
    return home && home.length === 2 && home.every(Number.isFinite) && home[1] > home[0] ? [home[0], home[1]] : null;
  } finally {
    probe.finalize();
  }
}

/** Same query as site.css: below it the page shows the phone layout, and the view uses its spec. */
const PHONE = '(max-width: 47.99rem)';

/** The width inside the host's padding, where the view is drawn. */
function innerWidth(host: HTMLElement): number {
  const css = getComputedStyle(host);
  return host.clientWidth - (parseFloat(css.paddingLeft) || 0) - (parseFloat(css.paddingRight) || 0);
}

/** The width of the static chart the page shows now (the layout CSS chose), as drawn. */
function shownWidth(host: HTMLElement): number {
  const shown = Array.from(host.querySelectorAll<SVGSVGElement>(':scope > svg, :scope > .chart-layout > svg')).find((s) => s.getClientRects().length > 0);
  const w = Number(shown?.getAttribute('width'));
  return Number.isFinite(w) && w > 0 ? w : Infinity;
}

export async function enhance(host: HTMLElement): Promise<void> {
  if (host.dataset.enhanced) return;
  host.dataset.enhanced = 'loading';
  const phone = window.matchMedia?.(PHONE).matches ?? false;
  const url = chartSpecUrl(host, window.location, document.documentElement.lang, phone);
  const spec = await fetchChartSpec(url);
  const loader = guardedLoader(url);

  const plan: ControlPlan = { zoom: null, map: false };
  addHover(spec);
  const tiles = guMapTiles(spec);
  if (tiles) {
    addGuSelection(spec, tiles);
    plan.map = true;
  }
  const x = timeScale(spec);
  if (x) {
    const home = await homeDomain(structuredClone(spec), loader);
    if (home) {
      addTimeZoom(spec, x, home);
      plan.zoom = { utc: x.type === 'utc' };
    }
  }

  // Single and layered charts follow the box's width, up to the width they were designed at.
  const designed = shownWidth(host);
  const fit = !tiles && fitsWidth(spec) && Number.isFinite(designed);
  if (fit) fitWidth(spec, Math.min(designed, innerWidth(host)));

  const staticChart = Array.from(host.children) as HTMLElement[];
  const box = document.createElement('div');
  box.className = 'cd-view';
  // The view repeats what the static SVG and the table already say; it is for pointer users.
  box.setAttribute('aria-hidden', 'true');
  box.hidden = true;
  host.append(box);
  tooltip ??= createTooltip(document);
  const result = await embed(box, spec as never, {
    mode: 'vega',
    renderer: 'svg',
    actions: false,
    defaultStyle: false,
    ast: true,
    expr: expressionInterpreter,
    loader,
    tooltip: tooltip.handler as never,
    hover: true,
    logLevel: vega.Warn,
  });
  box.hidden = false;
  for (const el of staticChart) {
    el.classList.add('visually-hidden');
    // Inside role="img" every part is presentational; roles vega left on inner groups would
    // only make checkers and some screen readers look for names that are not there.
    // (`el` is the SVG itself, or one of its two layouts wrapping it: the SVG keeps its own role.)
    const roots = el.matches('svg') ? [el] : Array.from(el.querySelectorAll(':scope > svg'));
    for (const root of roots) {
      for (const inner of root.querySelectorAll('[role], [aria-roledescription]')) {
        inner.removeAttribute('role');
        inner.removeAttribute('aria-roledescription');
      }
    }
  }
  if (fit) followWidth(result.view, box, designed);
  host.dataset.enhanced = 'interactive';
  mountControls(host, result.view, plan);
}
