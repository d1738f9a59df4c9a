import { accessibleSvg, escapeXml } from '../../pipeline/render/svg-a11y.ts';
import { compactSvg } from '../../pipeline/render/svg-compact.ts';
import { loadFontMetrics } from '../../pipeline/render/font-metrics.ts';
import { measure } from '../../pipeline/render/text-metrics.ts';
import { pretendardFiles } from '../../pipeline/render/fonts.ts';

test('title and desc are escaped; the root is an image labelled by both', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" role="graphics-document" aria-label="Vega" width="10" height="10"><rect/></svg>';
  const out = accessibleSvg(svg, { chartId: 'A b/c', lang: 'en', title: '<script>alert(1)</script>', desc: 'x" onload="y & \'z\'' });
  expect(out).toBe(
    '<svg role="img" aria-labelledby="chart-a-b-c-en-title chart-a-b-c-en-desc" xmlns="http://www.w3.org/2000/svg" width="10" height="10">' +
      '<title id="chart-a-b-c-en-title">&lt;script&gt;alert(1)&lt;/script&gt;</title>' +
      '<desc id="chart-a-b-c-en-desc">x&quot; onload=&quot;y &amp; &#39;z&#39;</desc><rect/></svg>',
  );
  expect(escapeXml('{{ x }}')).toBe('{{ x }}');
});

test('internal ids are renamed after the chart and language, with their references', () => {
  const svg = '<svg width="1" height="1"><defs><clipPath id="clip7"><rect/></clipPath><linearGradient id="gradient_3"/></defs><g clip-path="url(#clip7)"><rect fill="url(#gradient_3)"/><use href="#clip7"/></g></svg>';
  const out = accessibleSvg(svg, { chartId: 'pm', lang: 'ko', title: 't', desc: 'd' });
  expect(out).toContain('<clipPath id="chart-pm-ko-def-1">');
  expect(out).toContain('<linearGradient id="chart-pm-ko-def-2"/>');
  expect(out).toContain('clip-path="url(#chart-pm-ko-def-1)"');
  expect(out).toContain('fill="url(#chart-pm-ko-def-2)"');
  expect(out).toContain('<use href="#chart-pm-ko-def-1"/>');
});

test('coordinates are rounded, text is not', () => {
  expect(compactSvg('<path d="M1.23456,-0.0001L2.5,3.14159"/><text transform="translate(-46.11328125,20)">3.14159</text>')).toBe(
    '<path d="M1.2,0L2.5,3.1"/><text transform="translate(-46.11,20)">3.14159</text>',
  );
});

test('Pretendard advance widths: Hangul is wider than digits, and measured from the font', () => {
  const font = loadFontMetrics(pretendardFiles().regular);
  const hangul = measure(font, '강남구') / 3;
  const digits = measure(font, '1234') / 4;
  expect(hangul).toBeGreaterThan(0.8);
  expect(hangul).toBeLessThan(1.05);
  expect(digits).toBeGreaterThan(0.45);
  expect(digits).toBeLessThan(0.7);
  expect(font.advance('가'.codePointAt(0)!)).toBeDefined();
  expect(font.advance(0x10ffff)).toBeUndefined();
});
