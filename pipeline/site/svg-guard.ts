// Chart SVG is the one piece of markup the templates insert unescaped (it comes from our own
// renderer, which escapes every text it draws). This check is the second lock on that door: an
// SVG with anything that could run or load something (script, foreignObject, event handlers,
// style attributes the CSP would block, non-fragment links) is not inlined; the page then shows
// the SVG file through <img>, where nothing can run.

const ELEMENTS = new Set([
  'svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan',
  'title', 'desc', 'defs', 'clippath', 'lineargradient', 'radialgradient', 'stop', 'pattern',
  'mask', 'marker', 'symbol', 'use', 'metadata',
]);

const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/y;
const ATTR = /([^\s=/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;

export type SvgCheck = { ok: true; svg: string } | { ok: false; reason: string };

export function checkInlineSvg(input: string): SvgCheck {
  const svg = input
    .replace(/^\uFEFF/, '')
    .replace(/^\s*<\?xml[^>]*\?>/, '')
    .replace(/^\s*<!DOCTYPE[^>[]*(\[[^\]]*\])?\s*>/i, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
  if (!/^<svg[\s>]/.test(svg)) return { ok: false, reason: 'does not start with <svg' };
  for (let i = svg.indexOf('<'); i !== -1; i = svg.indexOf('<', i + 1)) {
    TAG.lastIndex = i;
    const m = TAG.exec(svg);
    if (!m) return { ok: false, reason: `markup that is not an element at offset ${i}` };
    const name = m[2].toLowerCase();
    if (!ELEMENTS.has(name)) return { ok: false, reason: `element <${m[2]}> is not allowed inline` };
    if (m[1]) continue;
    for (const a of m[3].matchAll(ATTR)) {
      const attr = a[1].toLowerCase();
      const value = (a[2] ?? '').replace(/^["']|["']$/g, '');
      if (attr.startsWith('on')) return { ok: false, reason: `event handler ${attr} on <${m[2]}>` };
      if (attr === 'style') return { ok: false, reason: `style attribute on <${m[2]}> (blocked by the CSP)` };
      if ((attr === 'href' || attr.endsWith(':href')) && !value.startsWith('#')) return { ok: false, reason: `link ${attr} on <${m[2]}> leaves the document` };
    }
  }
  return { ok: true, svg };
}
