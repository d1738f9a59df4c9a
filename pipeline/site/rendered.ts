// What the site needs from a rendered chart: the renderer's own type, with the render-time
// details (cache hit, compiler warnings) optional so fixtures and cached renders fit as-is.
import type { RenderedChart as Rendered } from '../render/index.ts';
import type { Lang } from '../types.ts';

export type RenderedChart = Omit<Rendered, 'cached' | 'warnings' | 'download'> & { cached?: boolean; warnings?: string[]; download?: string };

export function findRendered(rendered: readonly RenderedChart[], id: string, lang: Lang): RenderedChart | undefined {
  return rendered.find((r) => r.id === id && r.lang === lang);
}
