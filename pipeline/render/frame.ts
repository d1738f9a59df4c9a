// The downloadable chart: the plot framed with what a shared image must carry wherever it goes
// (a messenger, a slide, a news article): the title, the measure and its unit, a source line
// (department, dataset, licence), the data date and cycle, the page's address when the site has
// one, and, for sample data, a mark no crop removes (a banner above and a watermark across the
// plot). The page itself inlines the plot alone; its own headings say all of this around it.
import { loadFontMetrics, type FontMetrics } from './font-metrics.ts';
import { FONT_STACK, pretendardFiles } from './fonts.ts';
import { escapeXml, svgIdBase } from './svg-a11y.ts';
import { fieldOf, visitChannelDefs, visitViews, type Obj } from './spec-walk.ts';
import { measure } from './text-metrics.ts';
import type { Lang } from '../types.ts';

/** Text lines around the plot, already in the page's language (the site words them). */
export interface DownloadFrame {
  title: string;
  /** What the values measure, with the unit: "농도 (㎍/㎥)". Default: from the chart's own encoding. */
  measure?: string | null;
  /** "출처: 기후환경본부 · 서울 일평균 대기오염도 · 공공누리 제1유형" */
  source: string;
  /** "데이터 기준일 2026-11-27 · 주기 2026-11-28T2100Z" */
  date: string;
  url?: string | null;
  /** Set for sample data: the banner text ("예시 데이터: 실제 측정값이 아닙니다"). */
  sample?: string | null;
  /** The watermark across the plot for sample data (short: "예시 데이터 · SAMPLE"). */
  sampleMark?: string | null;
}

const PAD = 16;
const MIN_WIDTH = 360;
const INK = '#1a1a1a';
const MUTED = '#555555';
const SAMPLE_BG = '#b3261e';

let fonts: { regular: FontMetrics; bold: FontMetrics } | undefined;
function metrics() {
  if (!fonts) {
    const f = pretendardFiles();
    fonts = { regular: loadFontMetrics(f.regular), bold: loadFontMetrics(f.bold) };
  }
  return fonts;
}

/** Lines of at most `width` px at `size` px: broken at spaces, and inside a word only when it alone is too long (a URL). */
export function wrap(text: string, width: number, size: number, font: FontMetrics): string[] {
  const fits = (s: string) => measure(font, s) * size <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (fits(next)) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (!fits(rest)) {
      let n = rest.length - 1;
      while (n > 1 && !fits(rest.slice(0, n))) n--;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

/** What the chart's values measure: the title of its first quantitative channel (y, x, colour, ...). */
export function measureOf(spec: Obj): string | null {
  const order = ['y', 'x', 'color', 'theta', 'size', 'radius', 'opacity'];
  let best: { rank: number; title: string } | null = null;
  visitViews(spec, (view) => {
    visitChannelDefs(view, (def, channel) => {
      const rank = order.indexOf(channel);
      if (rank < 0 || def.type !== 'quantitative' || typeof def.title !== 'string' || !def.title.trim()) return;
      if (!fieldOf(def) && def.aggregate === undefined) return;
      if (!best || rank < best.rank) best = { rank, title: def.title.trim() };
    });
  });
  return (best as { title: string } | null)?.title ?? null;
}

interface Block {
  lines: string[];
  size: number;
  lineHeight: number;
  bold?: boolean;
  fill: string;
  /** A filled band behind the lines (the sample banner). */
  band?: string;
}

/**
 * The plot SVG inside a taller SVG: header blocks, the plot (nested, its own role and title
 * removed: the frame is the image now), footer blocks. Returns the framed SVG, accessible
 * (role="img", <title>, <desc>) and self-contained.
 */
export function frameSvg(plot: string, frame: DownloadFrame, o: { chartId: string; lang: Lang; desc: string }): { svg: string; width: number; height: number; plotHeight: number } {
  const open = /^<svg\b[^>]*>/.exec(plot);
  if (!open) throw new Error('frame: the plot is not an SVG');
  const num = (attr: string) => Number(new RegExp(`\\s${attr}="([0-9.]+)"`).exec(open[0])?.[1] ?? NaN);
  const plotW = num('width');
  const plotH = num('height');
  if (!Number.isFinite(plotW) || !Number.isFinite(plotH)) throw new Error('frame: the plot SVG has no width and height');

  const width = Math.ceil(Math.max(MIN_WIDTH, plotW + 2 * PAD));
  const textW = width - 2 * PAD;
  const { regular, bold } = metrics();
  const block = (text: string | null | undefined, size: number, extra: Omit<Block, 'lines' | 'size' | 'lineHeight'>): Block[] =>
    text && text.trim() ? [{ lines: wrap(text.trim(), textW - (extra.band ? 16 : 0), size, extra.bold ? bold : regular), size, lineHeight: Math.round(size * 1.35), ...extra }] : [];

  const header = [
    ...block(frame.title, 20, { bold: true, fill: INK }),
    ...block(frame.measure, 13, { fill: MUTED }),
    ...block(frame.sample, 13, { bold: true, fill: '#ffffff', band: SAMPLE_BG }),
  ];
  const footer = [
    ...block(frame.source, 12, { fill: MUTED }),
    ...block(frame.date, 12, { fill: MUTED }),
    ...block(frame.url, 12, { fill: MUTED }),
  ];

  const parts: string[] = [];
  let y = PAD;
  const draw = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.band) {
        const h = b.lines.length * b.lineHeight + 10;
        parts.push(`<rect x="${PAD}" y="${y}" width="${textW}" height="${h}" rx="3" fill="${b.band}"/>`);
        y += 5;
      }
      for (const line of b.lines) {
        y += b.lineHeight;
        const x = b.band ? PAD + 8 : PAD;
        parts.push(`<text x="${x}" y="${y - Math.round(b.lineHeight - b.size) - 2}" font-size="${b.size}"${b.bold ? ' font-weight="bold"' : ''} fill="${b.fill}">${escapeXml(line)}</text>`);
      }
      y += b.band ? 11 : 3;
    }
  };
  draw(header);
  y += 4;
  const plotY = y;
  const base = svgIdBase(o.chartId, o.lang);
  // The plot keeps its drawing; its role, labels and title move to the frame.
  const inner = plot
    .slice(open[0].length)
    .replace(/^<title\b[^>]*>[\s\S]*?<\/title>/, '')
    .replace(/^<desc\b[^>]*>[\s\S]*?<\/desc>/, '');
  const innerTag = open[0]
    .replace(/\s(?:role|aria-[a-z]+|x|y)="[^"]*"/g, '')
    .replace(/^<svg\b/, `<svg x="${Math.round((width - plotW) / 2)}" y="${plotY}"`);
  parts.push(innerTag + inner);
  y += plotH;
  if (frame.sample && frame.sampleMark) {
    const cx = width / 2;
    const cy = plotY + plotH / 2;
    const size = Math.max(18, Math.min(48, Math.round(plotW / Math.max(8, Array.from(frame.sampleMark).length) * 1.1)));
    parts.push(`<text x="${cx}" y="${cy}" font-size="${size}" font-weight="bold" fill="${SAMPLE_BG}" fill-opacity="0.14" text-anchor="middle" dominant-baseline="middle" transform="rotate(-20 ${cx} ${cy})">${escapeXml(frame.sampleMark)}</text>`);
  }
  y += 10;
  draw(footer);
  const height = Math.ceil(y + PAD - 6);

  const titleId = `${base}-frame-title`;
  const descId = `${base}-frame-desc`;
  const desc = [frame.measure, frame.sample, o.desc, frame.source, frame.date, frame.url].filter(Boolean).join(' ');
  const svg = `<svg role="img" aria-labelledby="${titleId} ${descId}" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT_STACK)}">`
    + `<title id="${titleId}">${escapeXml(frame.title)}</title><desc id="${descId}">${escapeXml(desc)}</desc>`
    + `<rect width="${width}" height="${height}" fill="#ffffff"/>`
    + `${parts.join('')}</svg>`;
  return { svg, width, height, plotHeight: plotH };
}
