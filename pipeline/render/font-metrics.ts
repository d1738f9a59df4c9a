// Advance widths read straight from an OpenType file (cmap + hmtx), so layout in Node measures
// text the way resvg and the browser will draw it. Without this vega guesses 0.8em per
// character, which is too narrow for Hangul and too wide for digits.
import { readFileSync } from 'node:fs';

export interface FontMetrics {
  /** Advance width of one code point in em, or undefined when the font has no glyph. */
  advance(codePoint: number): number | undefined;
}

interface Table {
  offset: number;
  length: number;
}

export function loadFontMetrics(path: string): FontMetrics {
  const buf = readFileSync(path);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const tables = readTableDirectory(view, path);
  const need = (tag: string): Table => {
    const t = tables.get(tag);
    if (!t) throw new Error(`font ${path}: no ${tag} table`);
    return t;
  };
  const unitsPerEm = view.getUint16(need('head').offset + 18);
  const numberOfHMetrics = view.getUint16(need('hhea').offset + 34);
  const hmtx = need('hmtx').offset;
  const glyphOf = readCmap(view, need('cmap').offset, path);
  const memo = new Map<number, number | undefined>();
  return {
    advance(cp) {
      if (memo.has(cp)) return memo.get(cp);
      const glyph = glyphOf(cp);
      let em: number | undefined;
      if (glyph) {
        const index = Math.min(glyph, numberOfHMetrics - 1);
        em = view.getUint16(hmtx + index * 4) / unitsPerEm;
      }
      memo.set(cp, em);
      return em;
    },
  };
}

function readTableDirectory(view: DataView, path: string): Map<string, Table> {
  const tables = new Map<string, Table>();
  const numTables = view.getUint16(4);
  if (numTables === 0 || 12 + numTables * 16 > view.byteLength) throw new Error(`font ${path}: not an OpenType file`);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(view.getUint8(rec), view.getUint8(rec + 1), view.getUint8(rec + 2), view.getUint8(rec + 3));
    tables.set(tag, { offset: view.getUint32(rec + 8), length: view.getUint32(rec + 12) });
  }
  return tables;
}

/** Returns a code point -> glyph id function from the best Unicode subtable (format 12, else 4). */
function readCmap(view: DataView, cmap: number, path: string): (cp: number) => number {
  const count = view.getUint16(cmap + 2);
  let format4: number | undefined;
  let format12: number | undefined;
  for (let i = 0; i < count; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const sub = cmap + view.getUint32(rec + 4);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const format = view.getUint16(sub);
    if (format === 12) format12 ??= sub;
    if (format === 4) format4 ??= sub;
  }
  if (format12 !== undefined) return format12Lookup(view, format12);
  if (format4 !== undefined) return format4Lookup(view, format4);
  throw new Error(`font ${path}: no Unicode cmap subtable`);
}

function format12Lookup(view: DataView, sub: number): (cp: number) => number {
  const groups = view.getUint32(sub + 12);
  return (cp) => {
    let lo = 0;
    let hi = groups - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const g = sub + 16 + mid * 12;
      const start = view.getUint32(g);
      const end = view.getUint32(g + 4);
      if (cp < start) hi = mid - 1;
      else if (cp > end) lo = mid + 1;
      else return view.getUint32(g + 8) + (cp - start);
    }
    return 0;
  };
}

function format4Lookup(view: DataView, sub: number): (cp: number) => number {
  const segCount = view.getUint16(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + segCount * 2 + 2;
  const deltas = starts + segCount * 2;
  const rangeOffsets = deltas + segCount * 2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let i = 0; i < segCount; i++) {
      if (cp > view.getUint16(ends + i * 2)) continue;
      const start = view.getUint16(starts + i * 2);
      if (cp < start) return 0;
      const delta = view.getInt16(deltas + i * 2);
      const ro = view.getUint16(rangeOffsets + i * 2);
      if (ro === 0) return (cp + delta) & 0xffff;
      const g = view.getUint16(rangeOffsets + i * 2 + ro + (cp - start) * 2);
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
}
