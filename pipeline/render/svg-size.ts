// The drawn chart's size, checked before anything rasterises it: resvg allocates width × height
// × 4 bytes (at PNG_SCALE²) outside the JavaScript heap, where no worker limit reaches. Written
// sizes are capped by the catalog rules (4000 px); what a spec computes (steps × categories,
// padding, facets, signals) is only known once vega has laid it out.
export const SVG_LIMITS = {
  /** Longest side of the drawn chart, in px. */
  side: 8000,
  /** Area in px² (at PNG_SCALE 2 this is 64 Mpx, 256 MB of RGBA). */
  area: 16_000_000,
  /** Length of the SVG text in characters. */
  chars: 32 * 1024 * 1024,
} as const;

/** Why the SVG is too big to go on, or undefined. Reads the root element's width and height. */
export function svgSizeProblem(svg: string): string | undefined {
  if (svg.length > SVG_LIMITS.chars) return `the drawn SVG is ${(svg.length / 1048576).toFixed(0)} MB of text (at most ${SVG_LIMITS.chars / 1048576} MB)`;
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const num = (name: string) => Number(new RegExp(`\\s${name}="([^"]*)"`).exec(root)?.[1]);
  const width = num('width');
  const height = num('height');
  if (!Number.isFinite(width) || !Number.isFinite(height)) return undefined;
  if (width > SVG_LIMITS.side || height > SVG_LIMITS.side || width * height > SVG_LIMITS.area) {
    return `the chart is drawn ${Math.round(width)} × ${Math.round(height)} px (at most ${SVG_LIMITS.side} px a side and ${SVG_LIMITS.area / 1e6} million px in all)`;
  }
  return undefined;
}
