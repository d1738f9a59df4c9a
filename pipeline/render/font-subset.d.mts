// Types of font-subset.mjs (plain JavaScript for the PNG worker thread).
/** Every character an SVG can draw, character references decoded. */
export function svgCodePoints(svg: string): Set<number>;
/** The font file cut to `codePoints` (OpenType bytes, same family, weight and metrics). */
export function subsetFont(file: string, codePoints: Iterable<number>): Uint8Array;
