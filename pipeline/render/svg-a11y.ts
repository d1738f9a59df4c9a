// Makes vega's SVG an accessible, inline-safe image: role="img" labelled by a <title> (the chart
// title) and a <desc> (the alt text), and every internal id (clip paths, gradients) renamed
// after the chart and language, so several charts inline on one page never share an id and
// the output does not depend on how many charts this process drew before.
import type { Lang } from '../types.ts';
import { hasHangul } from '../hangul.ts';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Prefix of every id in one chart's SVG, e.g. `chart-pm25-by-gu-ko`. */
export function svgIdBase(chartId: string, lang: Lang): string {
  const slug = chartId.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'chart';
  return `chart-${slug}-${lang}`;
}

function renameIds(svg: string, base: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) if (!ids.has(m[1])) ids.set(m[1], `${base}-${ids.size + 1}`);
  if (ids.size === 0) return svg;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(\\sid="|url\\(#|href="#)(${[...ids.keys()].map(esc).join('|')})(?=["')])`, 'g');
  return svg.replace(pattern, (_, pre: string, id: string) => `${pre}${ids.get(id)}`);
}

const ROOT_ARIA = /\s(?:role|aria-[a-z]+)="[^"]*"/g;
// Inside role="img" every child is presentational; vega's inner roles (graphics-symbol, with a
// roledescription but no name) would only make screen readers and axe see unnamed images.
const INNER_ARIA = /\s(?:role|aria-roledescription|aria-label)="[^"]*"/g;

export function accessibleSvg(svg: string, o: { chartId: string; lang: Lang; title: string; desc: string }): string {
  const base = svgIdBase(o.chartId, o.lang);
  const renamed = renameIds(svg, `${base}-def`);
  const open = /^<svg\b[^>]*>/.exec(renamed);
  if (!open) throw new Error('vega output does not start with <svg>');
  const titleId = `${base}-title`;
  const descId = `${base}-desc`;
  const tag = open[0].replace(ROOT_ARIA, '').replace(/^<svg\b/, `<svg role="img" aria-labelledby="${titleId} ${descId}"`);
  const korean = (text: string) => (o.lang !== 'ko' && hasHangul(text) ? ' lang="ko"' : '');
  const head = `<title id="${titleId}"${korean(o.title)}>${escapeXml(o.title)}</title><desc id="${descId}"${korean(o.desc)}>${escapeXml(o.desc)}</desc>`;
  return tag + head + markKoreanText(renamed.slice(open[0].length).replace(INNER_ARIA, ''), o.lang);
}

/**
 * On an English chart a value with no English form (a bike station's name, say) stays Korean:
 * its <text> says so (lang="ko"), as the pages mark such values, so a screen reader reads it
 * in Korean and readers can tell it was not translated.
 */
function markKoreanText(svg: string, lang: Lang): string {
  if (lang === 'ko') return svg;
  return svg.replace(/<text\b([^>]*)>([^<]*)<\/text>/g, (whole, attrs: string, text: string) =>
    hasHangul(text) && !/\slang=/.test(attrs) ? `<text${attrs} lang="ko">${text}</text>` : whole);
}
