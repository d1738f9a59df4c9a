// Pretendard cut down to the characters one chart uses, for resvg. resvg-js reads fonts only from
// files and maps the whole file again for every run of text it lays out: with the 1.5 MB
// Pretendard OTFs that was about half of a chart's PNG time (page faults, not drawing). A subset
// of the chart's own characters (tens of kB) draws the same glyphs with the same metrics and
// kerning, so the PNG is the same image. harfbuzz's hb-subset runs as WebAssembly (no imports,
// no JavaScript generated from strings); each font is read into it once per thread.
// Plain JavaScript: png-worker.mjs, a worker thread without the TypeScript loader, imports it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const WASM = createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
const HB_MEMORY_MODE_READONLY = 1;
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

let hb;
const faces = new Map();

function harfbuzz() {
  if (!hb) {
    const module = new WebAssembly.Module(readFileSync(WASM));
    hb = new WebAssembly.Instance(module, {}).exports;
    hb._initialize();
  }
  return hb;
}

function face(file) {
  let f = faces.get(file);
  if (f === undefined) {
    const h = harfbuzz();
    const bytes = readFileSync(file);
    const at = h.malloc(bytes.length);
    new Uint8Array(h.memory.buffer).set(bytes, at);
    // the font's bytes stay in wasm memory for the thread's life: the face reads them in place
    const blob = h.hb_blob_create(at, bytes.length, HB_MEMORY_MODE_READONLY, 0, 0);
    f = h.hb_face_create(blob, 0);
    h.hb_blob_destroy(blob);
    faces.set(file, f);
  }
  return f;
}

/**
 * Every character an SVG can draw: its text with character references decoded (a title's
 * apostrophe arrives as &#39;). Markup characters come along too; a few extra glyphs cost nothing.
 */
export function svgCodePoints(svg) {
  const text = svg.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g, (m, dec, hex, name) => {
    if (name) return ENTITIES[name];
    const cp = dec ? Number(dec) : parseInt(hex, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
  const points = new Set();
  for (const ch of text) points.add(ch.codePointAt(0));
  return points;
}

/** The font file cut to `codePoints` (OpenType bytes, same family, weight and metrics). */
export function subsetFont(file, codePoints) {
  const h = harfbuzz();
  const source = face(file);
  const input = h.hb_subset_input_create_or_fail();
  if (!input) throw new Error('font subset: harfbuzz could not allocate its input');
  let subset;
  try {
    const unicodes = h.hb_subset_input_unicode_set(input);
    for (const cp of codePoints) h.hb_set_add(unicodes, cp);
    subset = h.hb_subset_or_fail(source, input);
  } finally {
    h.hb_subset_input_destroy(input);
  }
  if (!subset) throw new Error(`font subset: harfbuzz could not subset ${file}`);
  const blob = h.hb_face_reference_blob(subset);
  try {
    const length = h.hb_blob_get_length(blob);
    if (!length) throw new Error(`font subset: harfbuzz returned an empty font for ${file}`);
    // copied out: the wasm memory may grow (and move) on the next call
    return new Uint8Array(h.memory.buffer, h.hb_blob_get_data(blob, 0), length).slice();
  } finally {
    h.hb_blob_destroy(blob);
    h.hb_face_destroy(subset);
  }
}
