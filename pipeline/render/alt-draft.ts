// Drafts alt text from a chart's spec and data when the author wrote none: the kind of chart,
// what is measured (with unit), the range of time or categories, the latest value and its
// change on the period before, and the extremes. Korean sentences avoid particles that depend
// on the last syllable (이/가, 은/는 after numbers), so they read correctly for any value.
import { describeReference } from './reference-bands.ts';
import { GU, conformDistrict } from '../districts.ts';
import type { ChartDescriptor, ColumnSpec, Lang, Row } from '../types.ts';
import { altRoles, type AltRoles, type ChartKind } from './alt-roles.ts';
import { toPoints, type Granularity, type Point } from './alt-series.ts';
import { LOCALES } from './locale.ts';
import { columnUnit, titleWithUnit, withUnit } from './units.ts';
import { formatters, type Formatters } from './vega-extras.ts';

const KIND: Record<Lang, Record<ChartKind, string>> = {
  ko: { bar: '막대 그래프', line: '꺾은선 그래프', area: '영역 그래프', point: '점 그래프', arc: '원 그래프', rect: '히트맵', map: '지도', other: '차트' },
  en: { bar: 'Bar chart', line: 'Line chart', area: 'Area chart', point: 'Dot plot', arc: 'Pie chart', rect: 'Heat map', map: 'Map', other: 'Chart' },
};
const PERIOD_FORMAT: Record<Lang, Record<Granularity, string>> = {
  ko: { year: '%Y년', quarter: '%Y년 %q분기', month: '%Y년 %-m월', week: '%Y년 %-m월 %-d일 주', day: '%Y년 %-m월 %-d일', hour: '%Y년 %-m월 %-d일 %H시', minute: '%Y년 %-m월 %-d일 %H:%M' },
  en: { year: '%Y', quarter: 'Q%q %Y', month: '%b %Y', week: 'week of %b %-d, %Y', day: '%b %-d, %Y', hour: '%b %-d, %Y %H:00', minute: '%b %-d, %Y %H:%M' },
};
const EVERY: Record<Lang, Record<Granularity, string>> = {
  ko: { year: '연도별', quarter: '분기별', month: '월별', week: '주별', day: '일별', hour: '시간별', minute: '시각별' },
  en: { year: 'yearly', quarter: 'quarterly', month: 'monthly', week: 'weekly', day: 'daily', hour: 'hourly', minute: '' },
};
const PREVIOUS: Record<Lang, Record<Granularity, string>> = {
  ko: { year: '전년', quarter: '전 분기', month: '전월', week: '전주', day: '전일', hour: '1시간 전', minute: '직전 측정' },
  en: { year: 'the previous year', quarter: 'the previous quarter', month: 'the previous month', week: 'the previous week', day: 'the previous day', hour: 'the previous hour', minute: 'the previous reading' },
};

interface Ctx {
  lang: Lang;
  fmt: Formatters;
  roles: AltRoles;
  /** Distinct series in the data (before stacked series are summed). */
  seriesCount: number;
  num: (n: number) => string;
  val: (n: number) => string;
}

/** Digits enough for the data, the same for every number: counts none, ppm three decimals. */
function numberFormat(fmt: Formatters, points: Point[]): (n: number) => string {
  const max = points.reduce((m, p) => Math.max(m, Math.abs(p.value)), 0);
  const integers = points.every((p) => Number.isInteger(p.value));
  return fmt.format(integers || max >= 100 ? ',.0f' : max < 1 ? ',.3f' : ',.1f');
}

function categoryName(key: string, gu: boolean, lang: Lang): string {
  if (!gu) return key;
  const g = conformDistrict(key);
  return g ? g[lang] : key;
}

function measureTitle(c: Ctx): string {
  const m = c.roles.measure!;
  return titleWithUnit(m.title, m.unit, c.lang, c.lang === 'en');
}

function extremes(points: Point[]): { max: Point; min: Point } {
  let max = points[0];
  let min = points[0];
  for (const p of points) {
    if (p.value > max.value) max = p;
    if (p.value < min.value) min = p;
  }
  return { max, min };
}

/** ", 민원 분야별 6개 계열" / " by Field (6 series)" when colour splits the data. */
function splitPhrase(c: Ctx): string {
  const role = c.roles.series;
  if (!role || c.seriesCount < 2) return '';
  return c.lang === 'ko' ? `, ${role.title}별 ${c.seriesCount}개 계열` : ` by ${role.title} (${c.seriesCount} series)`;
}

function describeCategories(c: Ctx, points: Point[], kind: string): string[] {
  const cat = c.roles.category!;
  const isGu = cat.gu;
  const name = (p: Point) => categoryName(String(p.key), isGu, c.lang);
  const n = points.length;
  const what = measureTitle(c);
  const { max, min } = extremes(points);
  if (c.lang === 'ko') {
    const scope = isGu ? `서울 ${n}개 구의 ${what}` : `${n}개 ${cat.title}별 ${what}`;
    const place = isGu ? '곳' : '항목';
    const out = [`${kind}: ${scope}${splitPhrase(c)}.`];
    if (n > 1 && max.value === min.value) out.push(`모든 ${place}의 값이 같습니다(${c.val(max.value)}).`);
    else if (n > 1) out.push(`가장 높은 ${place}은 ${name(max)}(${c.val(max.value)}), 가장 낮은 ${place}은 ${name(min)}(${c.val(min.value)})입니다.`);
    return out;
  }
  const scope = isGu ? `${what} in Seoul's ${n} districts` : `${what} by ${cat.title} (${n})`;
  const out = [`${kind}: ${scope}${splitPhrase(c)}.`];
  if (n > 1 && max.value === min.value) out.push(`All values are equal (${c.val(max.value)}).`);
  else if (n > 1) out.push(`Highest: ${name(max)} (${c.val(max.value)}); lowest: ${name(min)} (${c.val(min.value)}).`);
  return out;
}

function describeTime(c: Ctx, points: Point[], g: Granularity, kind: string): string[] {
  const period = c.fmt.utcFormat(PERIOD_FORMAT[c.lang][g]);
  const when = (p: Point) => period(p.key as number);
  const seriesRole = c.roles.series;
  const series = [...new Set(points.map((p) => p.series).filter((s): s is string => s !== undefined))];
  const seriesName = (s: string) => categoryName(s, seriesRole?.gu ?? false, c.lang);
  const first = points[0];
  const last = points[points.length - 1];
  const what = measureTitle(c);
  const every = EVERY[c.lang][g];
  const ko = c.lang === 'ko';
  const out: string[] = [];
  const range = first.key === last.key ? when(first) : ko ? `${when(first)}부터 ${when(last)}까지` : `from ${when(first)} to ${when(last)}`;
  const split = splitPhrase(c);
  // "monthly visitors" but "monthly PM2.5": lower-case only a capitalised word, not an acronym
  const inSentence = /^[A-Z][a-z]/.test(what) ? what[0].toLowerCase() + what.slice(1) : what;
  out.push(ko ? `${kind}: ${range} ${every} ${what}${split}.`.replace(/\s+/g, ' ') : `${kind}: ${every ? `${every} ${inSentence}` : what} ${range}${split}.`);
  if (series.length <= 1) {
    const before = points.length > 1 ? points[points.length - 2] : undefined;
    out.push(latestSentence(c, last, before, when, PREVIOUS[c.lang][g]));
  } else if (series.length <= 4) {
    const latest = series.map((s) => [...points].reverse().find((p) => p.series === s)!).filter(Boolean);
    const list = latest.map((p) => `${seriesName(p.series!)} ${c.val(p.value)}`).join(', ');
    out.push(ko ? `최근 값(${when(last)}): ${list}.` : `Latest values (${when(last)}): ${list}.`);
  }
  const { max, min } = extremes(points);
  if (points.length > 1 && max.value === min.value) {
    out.push(ko ? `모든 값이 같습니다(${c.val(max.value)}).` : `All values are equal (${c.val(max.value)}).`);
  } else if (points.length > 1) {
    const label = (p: Point) => (p.series !== undefined && series.length > 1 ? `${seriesName(p.series)}, ${when(p)}` : when(p));
    const topic = series.length > 1 ? '값은' : '때는';
    out.push(ko
      ? `가장 높은 ${topic} ${label(max)}(${c.val(max.value)}), 가장 낮은 ${topic} ${label(min)}(${c.val(min.value)})입니다.`
      : `Highest: ${label(max)} (${c.val(max.value)}); lowest: ${label(min)} (${c.val(min.value)}).`);
  }
  return out;
}

function latestSentence(c: Ctx, last: Point, before: Point | undefined, when: (p: Point) => string, previous: string): string {
  const ko = c.lang === 'ko';
  if (!before) return ko ? `값은 ${c.val(last.value)}입니다.` : `The value is ${c.val(last.value)}.`;
  const d = last.value - before.value;
  const same = c.num(Math.abs(d)) === c.num(0);
  const total = c.roles.stacked === true && c.seriesCount > 1;
  if (ko) {
    const change = same ? '변화가 없습니다' : `${c.val(Math.abs(d))} ${d > 0 ? '높습니다' : '낮습니다'}`;
    return `최근 ${total ? '합계' : '값'}(${when(last)})${total ? '는' : '은'} ${c.val(last.value)}이며, ${previous}(${when(before)}) 대비 ${change}.`;
  }
  const change = same ? `unchanged from ${previous} (${when(before)})` : `${d > 0 ? 'up' : 'down'} ${c.val(Math.abs(d))} from ${previous} (${when(before)})`;
  return `Latest ${total ? 'total' : 'value'} (${when(last)}): ${c.val(last.value)}, ${change}.`;
}

/** Stacked bars show the sum of their series per key; the series stay named in the scope. */
function totals(points: Point[]): Point[] {
  const sums = new Map<string | number, Point>();
  for (const p of points) {
    const t = sums.get(p.key);
    if (t) t.value += p.value;
    else sums.set(p.key, { key: p.key, value: p.value });
  }
  return [...sums.values()];
}

function missingGu(c: Ctx, points: Point[]): string | undefined {
  const have = new Set(points.map((p) => conformDistrict(String(p.key))?.code));
  const missing = GU.filter((g) => !have.has(g.code)).map((g) => g[c.lang]);
  if (missing.length === 0 || missing.length === GU.length) return undefined;
  return c.lang === 'ko' ? `자료가 없는 구: ${missing.join(', ')}.` : `No data for: ${missing.join(', ')}.`;
}

/**
 * Alt text for `chart` in `lang` from `rows` (raw dataset rows or the rows its main mark drew)
 * and the main dataset's `columns` (titles and units).
 */
export function draftAlt(chart: ChartDescriptor, lang: Lang, rows: readonly (Row | Record<string, unknown>)[], columns: Record<string, ColumnSpec>): string {
  const roles = altRoles(chart, lang, columns);
  const fmt = formatters(LOCALES[lang]);
  const kind = KIND[lang][roles.kind];
  const title = chart.title[lang];
  const { points, granularity } = toPoints(rows as Record<string, unknown>[], roles);
  if (!roles.measure || points.length === 0) {
    return lang === 'ko' ? `${kind}: ${title}. 표시할 자료가 없습니다.` : `${kind}: ${title}. There is no data to show.`;
  }
  const shown = roles.stacked ? totals(points) : points;
  const num = numberFormat(fmt, shown);
  const unit = roles.measure.unit;
  const seriesCount = new Set(points.map((p) => p.series).filter((x) => x !== undefined)).size;
  const c: Ctx = { lang, fmt, roles, seriesCount, num, val: (n) => withUnit(num(n), unit, lang) };
  const sentences = roles.time && granularity ? describeTime(c, shown, granularity, kind) : describeCategories(c, shown, kind);
  if (roles.category?.gu && (roles.kind === 'map' || points.length > 20)) {
    const missing = missingGu(c, points);
    if (missing) sentences.push(missing);
  }
  // the bands drawn behind the data are part of what the chart shows
  const bands = describeReference(chart.reference, lang, (f) => columnUnit(columns[f], lang));
  if (bands) sentences.push(bands);
  return sentences.join(' ');
}
