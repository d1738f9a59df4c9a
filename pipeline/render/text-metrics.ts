// Vega lays out labels, legends and titles from text widths. In Node there is no canvas, so we
// install a measurer backed by Pretendard's real advance widths (the same hook vl-convert uses).
import { pretendardFiles } from './fonts.ts';
import { loadFontMetrics, type FontMetrics } from './font-metrics.ts';
import { textMetrics } from './vega-extras.ts';

let installed = false;

/** Idempotent: every renderer in the process shares vega's global text measurer. */
export function installTextMetrics(): void {
  if (installed) return;
  const files = pretendardFiles();
  const regular = loadFontMetrics(files.regular);
  const bold = loadFontMetrics(files.bold);
  textMetrics.width = (item, text) => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const limit = Number(item.limit) || 0;
    const s = text == null ? '' : String(text).trim();
    if (size <= 0 || s === '') return 0;
    const width = measure(isBold(item.fontWeight) ? bold : regular, s) * size;
    // vega truncates to `limit` before drawing; the drawn text is never wider than that
    return limit > 0 ? Math.min(width, limit) : width;
  };
  installed = true;
}

function isBold(weight: unknown): boolean {
  if (weight === undefined || weight === null) return false;
  if (typeof weight === 'number') return weight >= 600;
  return weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
}

/** Width in em of a string; unknown glyphs count as a full em (CJK) or half an em. */
export function measure(font: FontMetrics, text: string): number {
  let em = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    em += font.advance(cp) ?? (cp >= 0x1100 ? 1 : 0.5);
  }
  return em;
}
