// The interactive view follows its box's width (issue 12). A single or layered chart is laid out
// by vega to fit a width (`autosize: fit-x`, as Vega-Lite's `width: "container"` compiles to):
// the plot shrinks, axes and legends keep their size. The width is the box's, at most the width
// the chart was designed at, and follows the box when it changes (a phone turned, a window
// resized). Maps keep their proportions (a stretched gu would mislead) and scale as images.
import type { View } from 'vega';
import type { VegaSpec } from './spec-source.ts';

/** Whether vega can fit this spec to a width: one top-level `width` signal, no grid layout, no map projection. */
export function fitsWidth(spec: VegaSpec): boolean {
  const width = spec.signals?.find((s) => s.name === 'width');
  if (!width || 'layout' in spec || Array.isArray(spec.projections)) return false;
  const auto = spec.autosize as string | { type?: string } | undefined;
  const type = typeof auto === 'string' ? auto : auto?.type ?? 'pad';
  return type === 'pad' || type === 'fit' || type === 'fit-x';
}

/** Switches a fitting spec to `fit-x` at `width` px in all. Mutates `spec`. */
export function fitWidth(spec: VegaSpec, width: number): void {
  spec.autosize = { type: 'fit-x', contains: 'padding' };
  spec.signals = (spec.signals ?? []).map((s) => (s.name === 'width' ? { name: 'width', value: Math.floor(width) } : s));
}

/** Keeps the view as wide as `box` (at most `max` px) while the page lives. */
export function followWidth(view: View, box: HTMLElement, max: number): void {
  if (!('ResizeObserver' in window)) return;
  let last = -1;
  const observer = new ResizeObserver(() => {
    const w = Math.floor(Math.min(max, box.clientWidth));
    if (w <= 0 || w === last) return;
    last = w;
    view.width(w);
    void view.runAsync();
  });
  observer.observe(box);
}
