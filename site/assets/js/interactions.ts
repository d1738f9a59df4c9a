// Interactions added to a compiled Vega spec in the browser, so every chart gets them without
// changing its Vega-Lite source: hover emphasis on marks that have a tooltip, pan and zoom of the
// x axis of time series, and selecting a gu on the 25-gu tile map. Signal names start with `cd_`
// so they never collide with the spec's own.
import type { VegaSpec } from './spec-source.ts';

type Json = Record<string, unknown>;
type Mark = Json & { type?: string; name?: string; encode?: Record<string, Json>; marks?: Mark[]; clip?: unknown };

const HOVER_STROKE = '#1a1a1a';
const AREA_MARKS = new Set(['rect', 'symbol', 'arc', 'area']);
const LINE_MARKS = new Set(['line', 'trail', 'rule']);

function valueOf(enc: unknown): unknown {
  return enc && typeof enc === 'object' && 'value' in enc ? (enc as { value: unknown }).value : undefined;
}

function eachMark(marks: Mark[] | undefined, visit: (m: Mark) => void): void {
  for (const m of marks ?? []) {
    visit(m);
    if (m.type === 'group') eachMark(m.marks, visit);
  }
}

/**
 * Marks with a tooltip get an outline (or a thicker line) while hovered; vega-embed's hover mode
 * applies `hover` and re-applies `update` on exit, so `update` must name what `hover` changes.
 */
export function addHover(spec: VegaSpec): number {
  let count = 0;
  eachMark(spec.marks as Mark[] | undefined, (m) => {
    const enc = m.encode;
    const update = enc?.update;
    if (!enc || !update || !update.tooltip || enc.hover || !m.type) return;
    const width = valueOf(update.strokeWidth);
    if (AREA_MARKS.has(m.type)) {
      enc.hover = { stroke: { value: HOVER_STROKE }, strokeWidth: { value: Math.max(2, typeof width === 'number' ? width : 0) } };
      update.stroke ??= { value: null };
      update.strokeWidth ??= { value: 0 };
      count++;
    } else if (LINE_MARKS.has(m.type) && typeof width === 'number') {
      enc.hover = { strokeWidth: { value: width + 1.5 } };
      count++;
    }
  });
  return count;
}

/** The value layer of the gu tile map (renderer template `gu-map`): rects placed by tile columns. */
export function guMapTiles(spec: VegaSpec): Mark | null {
  let found: Mark | null = null;
  eachMark(spec.marks as Mark[] | undefined, (m) => {
    const u = m.encode?.update;
    const x = u?.x as Json | undefined;
    const fill = u?.fill as Json | undefined;
    if (!found && m.type === 'rect' && m.name && x?.field === 'tile_col' && fill && 'scale' in fill) found = m;
  });
  return found;
}

export const GU_SIGNAL = 'cd_gu';

/** Click a gu to select it (again to clear): the others fade, so the chosen one stands out. */
export function addGuSelection(spec: VegaSpec, tiles: Mark): void {
  const signals = (spec.signals ??= []);
  signals.push({
    name: GU_SIGNAL,
    value: null,
    on: [
      { events: `@${tiles.name}:click`, update: `datum.tile_name === ${GU_SIGNAL} ? null : datum.tile_name` },
      { events: 'dblclick', update: 'null' },
    ],
  });
  const fade = { signal: `${GU_SIGNAL} === null || datum.tile_name === ${GU_SIGNAL} ? 1 : 0.3` };
  eachMark(spec.marks as Mark[] | undefined, (m) => {
    const u = m.encode?.update;
    const x = u?.x as Json | undefined;
    if (!u || (x?.field !== 'tile_col' && x?.field !== 'tile_cx') || m === undefined) return;
    if (m === tiles || m.type === 'text') u.opacity = fade;
    // Labels sit on top of their tile: let the pointer through, so hovering or clicking a gu
    // anywhere shows and selects the tile (with its name and value), not a bare label.
    if (m.type === 'text') {
      m.interactive = false;
      delete u.tooltip;
    }
  });
  (tiles.encode!.update as Json).cursor = { value: 'pointer' };
}

/** The x scale of a time series, which pan and zoom act on; null for any other chart. */
export function timeScale(spec: VegaSpec): Json | null {
  const x = (spec.scales ?? []).find((s) => s.name === 'x');
  return x && (x.type === 'time' || x.type === 'utc') ? x : null;
}

export const XDOM = 'cd_xdom';
export const XHOME = 'cd_xhome';

/**
 * Replaces the x domain by a signal starting at `home` (the domain the static chart shows):
 * drag to pan, Ctrl/⌘ + wheel to zoom around the pointer, double-click to reset. Plain wheel
 * scrolling is left to the page. Marks are clipped to the plot area while zoomed.
 */
export function addTimeZoom(spec: VegaSpec, scale: Json, home: [number, number]): void {
  scale.domain = { signal: XDOM };
  for (const key of ['nice', 'zero', 'domainMin', 'domainMax', 'domainMid', 'domainRaw']) delete scale[key];
  const wheel = { type: 'wheel', consume: true, filter: 'event.ctrlKey || event.metaKey' };
  const drag = '[mousedown, window:mouseup] > window:mousemove!';
  const dragTouch = '[touchstart, window:touchend] > window:touchmove!';
  // small multiples (a facet's grid `layout`) share one x scale; their plot width is `child_width`
  const width = 'layout' in spec ? 'child_width' : 'width';
  const pan = `cd_down === null ? cd_xdom : [cd_start[0] + (cd_down - x()) * span(cd_start) / ${width}, cd_start[1] + (cd_down - x()) * span(cd_start) / ${width}]`;
  (spec.signals ??= []).push(
    { name: XHOME, value: home },
    { name: 'cd_down', value: null, on: [{ events: 'mousedown, touchstart', update: 'x()' }, { events: 'window:mouseup, window:touchend', update: 'null' }] },
    { name: 'cd_start', value: null, on: [{ events: 'mousedown, touchstart', update: `slice(${XDOM})` }] },
    { name: 'cd_anchor', value: 0, on: [{ events: wheel, update: "+invert('x', x())" }] },
    { name: 'cd_zoom', value: 1, on: [{ events: wheel, force: true, update: 'pow(1.002, event.deltaY * pow(16, event.deltaMode))' }] },
    {
      name: XDOM,
      value: home,
      on: [
        { events: drag, update: pan },
        { events: dragTouch, update: pan },
        { events: { signal: 'cd_zoom' }, update: `[cd_anchor + (${XDOM}[0] - cd_anchor) * cd_zoom, cd_anchor + (${XDOM}[1] - cd_anchor) * cd_zoom]` },
        { events: 'dblclick', update: XHOME },
      ],
    },
  );
  // Clip the plotted marks: the root's, or in small multiples each panel's (not the panel
  // groups themselves, nor the header and footer groups around them, which would vanish).
  const marks = (spec.marks ?? []) as Mark[];
  const panels = 'layout' in spec ? marks.filter((m) => m.type === 'group' && (m.from as Json | undefined)?.facet) : [];
  for (const m of panels.length ? panels.flatMap((p) => (p.marks ?? []) as Mark[]) : marks) m.clip = true;
}

/** Zoom by `factor` (< 1 zooms in) around the middle, never wider than the whole series. */
export function zoomDomain(current: [number, number], home: [number, number], factor: number): [number, number] {
  const full = home[1] - home[0];
  const span = Math.min(full, Math.max(full / 200, (current[1] - current[0]) * factor));
  const mid = (current[0] + current[1]) / 2;
  return clampDomain([mid - span / 2, mid + span / 2], home);
}

/** Move by `share` of the visible span (negative: earlier), staying inside the series. */
export function panDomain(current: [number, number], home: [number, number], share: number): [number, number] {
  const shift = (current[1] - current[0]) * share;
  return clampDomain([current[0] + shift, current[1] + shift], home);
}

function clampDomain(d: [number, number], home: [number, number]): [number, number] {
  const span = d[1] - d[0];
  if (d[0] < home[0]) return [home[0], home[0] + span];
  if (d[1] > home[1]) return [home[1] - span, home[1]];
  return d;
}
