// PNGs are drawn with Pretendard cut to each chart's characters (font-subset.mjs): the images
// must be exactly what the whole fonts draw, for the bundled charts' real SVGs in both languages,
// including characters that arrive as references (&#39; in "Seoul's").
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { subsetFont, svgCodePoints } from '../../pipeline/render/font-subset.mjs';
import { FONT_FAMILY, pretendardFiles } from '../../pipeline/render/fonts.ts';
import { pngPoolState } from '../../pipeline/render/png-pool.ts';
import { svgToPng } from '../../pipeline/render/png.ts';

const SVGS = join(import.meta.dirname, '../e2e/__svg__');
// Korean and English, a title with an apostrophe, a gu map, a heatmap, small multiples
const NAMES = ['population-trend.en', 'population-trend.ko', 'pm25-by-district.ko', 'pm25-by-district.en', 'pm25-monthly-heatmap.ko', 'market-vs-mart-prices.en'];

function wholeFontPng(svg: string): Buffer {
  const files = pretendardFiles();
  const source = svg.replace(/\sfont-family="[^"]*"/g, ` font-family="${FONT_FAMILY}"`);
  return Buffer.from(new Resvg(source, {
    fitTo: { mode: 'zoom', value: 2 },
    background: '#ffffff',
    font: { fontFiles: [files.regular, files.bold], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    logLevel: 'off',
  }).render().asPng());
}

test('the recorded SVGs the test names exist', () => {
  const have = new Set(readdirSync(SVGS).map((f) => f.replace(/\.svg$/, '')));
  expect(NAMES.filter((n) => !have.has(n))).toEqual([]);
});

test.each(NAMES)('%s: the PNG from the subset fonts is the PNG from the whole fonts, byte for byte', async (name) => {
  const svg = readFileSync(join(SVGS, `${name}.svg`), 'utf8');
  const png = Buffer.from(await svgToPng(svg));
  expect(png.equals(wholeFontPng(svg))).toBe(true);
  expect(pngPoolState().inProcess).toBe(false);
});

test('an SVG\'s characters include those written as references', () => {
  const points = svgCodePoints('<text>Seoul&#39;s &#x2019;&amp;&lt;서울</text>');
  for (const ch of ["'", '\u2019', '&', '<', '서', '울', 'S']) expect(points.has(ch.codePointAt(0)!)).toBe(true);
  // a reference past Unicode is left as text, not thrown on
  expect(svgCodePoints('&#x110000;').has('#'.codePointAt(0)!)).toBe(true);
});

test('a subset is a small fraction of the font and keeps the family name', () => {
  const { regular } = pretendardFiles();
  const subset = subsetFont(regular, svgCodePoints('<text>서울의 인구 Seoul 2026</text>'));
  const whole = readFileSync(regular);
  expect(subset.length).toBeLessThan(whole.length / 20);
  // OpenType with CFF outlines, and the name table still says Pretendard (UTF-16BE)
  expect(Buffer.from(subset.subarray(0, 4)).toString('latin1')).toBe('OTTO');
  expect(Buffer.from(subset).includes(Buffer.from('\0P\0r\0e\0t\0e\0n\0d\0a\0r\0d', 'latin1'))).toBe(true);
});

test('the font folder goes once the PNG workers stop', async () => {
  await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text y="15">서울</text></svg>');
  const [dir] = pngPoolState().fontDirs;
  expect(dir && existsSync(dir)).toBe(true);
  // workers stop after a second idle; waiting for that event, not timing it
  for (let i = 0; i < 300 && existsSync(dir!); i++) await new Promise((r) => setTimeout(r, 100));
  expect(existsSync(dir!)).toBe(false);
  expect(pngPoolState()).toEqual({ workers: 0, inProcess: false, fontDirs: [] });
});
