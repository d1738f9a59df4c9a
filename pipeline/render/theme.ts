// The one shared look of every chart: a colour-blind-safe palette (Okabe-Ito), a Korean-capable
// font stack, sizes readable on a phone, and the page language's number/time locale.
import type { Lang } from '../types.ts';
import { FONT_STACK } from './fonts.ts';
import { DATE_FORMAT, LOCALES } from './locale.ts';

/** Okabe & Ito (2008), ordered so the first colours keep contrast on white; yellow last. */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7', '#000000', '#F0E442'];

const TEXT = '#1a1a1a';
const MUTED = '#4d4d4d';
const RULE = '#8c8c8c';
const GRID = '#e3e3e3';

/** Vega-Lite `config` for one language. Charts may override any part in `spec.config`. */
export function themeConfig(lang: Lang): Record<string, unknown> {
  return {
    background: '#ffffff',
    padding: 8,
    font: FONT_STACK,
    // mark-level aria labels would bloat every SVG; the root carries role="img", title and desc
    aria: false,
    fieldTitle: 'plain',
    numberFormat: ',.3~f',
    timeFormat: DATE_FORMAT[lang],
    locale: LOCALES[lang],
    view: { continuousWidth: 560, continuousHeight: 300, stroke: null },
    // hover tooltips in the interactive view show every encoded field, titled like the axes
    mark: { color: OKABE_ITO[0], tooltip: true },
    line: { strokeWidth: 2.5 },
    point: { size: 50, filled: true },
    bar: { binSpacing: 1 },
    text: { font: FONT_STACK, fontSize: 12, color: TEXT },
    title: {
      font: FONT_STACK, fontSize: 17, fontWeight: 'bold', color: TEXT, anchor: 'start', offset: 12,
      subtitleFont: FONT_STACK, subtitleFontSize: 13, subtitleColor: MUTED,
    },
    axis: {
      labelFont: FONT_STACK, labelFontSize: 12, labelColor: MUTED, labelLimit: 220,
      titleFont: FONT_STACK, titleFontSize: 13, titleFontWeight: 'bold', titleColor: TEXT, titlePadding: 8,
      domainColor: RULE, tickColor: RULE, gridColor: GRID,
    },
    legend: {
      labelFont: FONT_STACK, labelFontSize: 12, labelColor: MUTED, labelLimit: 220,
      titleFont: FONT_STACK, titleFontSize: 13, titleFontWeight: 'bold', titleColor: TEXT, titleLimit: 320,
      symbolSize: 120,
    },
    header: {
      labelFont: FONT_STACK, labelFontSize: 13, labelColor: TEXT,
      titleFont: FONT_STACK, titleFontSize: 13, titleFontWeight: 'bold', titleColor: TEXT,
    },
    range: {
      category: OKABE_ITO,
      ordinal: { scheme: 'blues' },
      ramp: { scheme: 'blues' },
      heatmap: { scheme: 'viridis' },
      diverging: { scheme: 'blueorange' },
    },
  };
}
