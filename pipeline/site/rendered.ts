// What the site needs from a rendered chart. Declared here structurally (the render stage owns
// the real type), so any value of the renderer's `RenderedChart` is accepted as-is.
import type { Lang } from '../types.ts';

export interface RenderedChart {
  id: string;
  lang: Lang;
  /** Inline-ready SVG (role="img", <title>, <desc>), text escaped by the renderer. */
  svg: string;
  png: Uint8Array;
  /** Compiled Vega spec with data inlined. */
  vega: object;
  vegaLite: object;
  alt: { text: string; drafted: boolean };
  cacheKey: string;
  /** True when this render came from the cache (nothing changed). */
  cached?: boolean;
}

export function findRendered(rendered: readonly RenderedChart[], id: string, lang: Lang): RenderedChart | undefined {
  return rendered.find((r) => r.id === id && r.lang === lang);
}
