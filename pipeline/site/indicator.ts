// A home-page indicator card from a chart's `indicator: {dataset, value, time?, filter?, label?,
// compare?}`: the latest value of one series, its period in the dataset's grain, the change
// against a comparable period (the one before, or the same one a year earlier for seasonal data)
// and what that change means, plus a sparkline of the recent series.
//
// A change is called better or worse only when the column says which way is better
// (higherIsBetter) AND the comparison means something: a year apart, or from one month, quarter
// or year to the next. A single day's change (today's fine dust against yesterday's) is weather,
// not progress, so the card states it without judging it. Values in percent change by
// percentage points, and are never also given a relative change in percent.
import type { ChartDescriptor, Row } from '../types.ts';
import { comparePeriods, periodKey, periodOf, shiftPeriod, yearBefore, type Grain, type Period } from '../period.ts';
import type { SiteColumn, SiteIndicator, SiteIndicatorPoint } from './model-types.ts';
import { CitydashError } from '../errors.ts';

export const SPARK_POINTS = 24;

export class IndicatorError extends CitydashError {
  constructor(chart: ChartDescriptor, detail: string) {
    super(`${chart.file} (chart ${chart.id}) indicator`, detail);
    this.name = 'IndicatorError';
  }
}

/** The column that orders the series: the one named, the dataset's time column, else the first date-like one. */
export function indicatorTimeColumn(named: string | undefined, columns: SiteColumn[], declared?: string | null): string | null {
  if (named) return named;
  if (declared) return declared;
  const dated = columns.find((c) => c.type === 'date' || c.type === 'datetime');
  if (dated) return dated.name;
  const byName = columns.find((c) => /^(year|month|period|yyyy|연도|년도|기준년도|기준월)$/i.test(c.name));
  return byName?.name ?? columns.find((c) => c.key)?.name ?? null;
}

function compareTime(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function matches(row: Row, filter: Record<string, string | number> | undefined): boolean {
  if (!filter) return true;
  for (const [k, v] of Object.entries(filter)) if (row[k] === null || row[k] === undefined || String(row[k]) !== String(v)) return false;
  return true;
}

const round = (n: number, digits = 10) => Number(n.toFixed(digits));

/** Percentages change by percentage points (%p is how Korean statistics write them). */
const isPercent = (unit: string | null) => unit !== null && /^\s*(%|%p|퍼센트|percent)\s*$/i.test(unit);

interface Slot {
  time: string | number;
  period: Period | null;
  sum: number;
  n: number;
}

/**
 * `time`: the dataset's declaration (column and grain); with it rows group by period and the
 * card compares like with like. Without it rows group by the raw time value, compared with the
 * point before, and the change is never judged.
 */
export async function computeIndicator(
  chart: ChartDescriptor,
  columns: SiteColumn[],
  rows: AsyncIterable<Row>,
  time?: { column?: string | null; grain: Grain } | null,
): Promise<SiteIndicator | null> {
  const spec = chart.indicator;
  if (!spec) return null;
  const valueCol = columns.find((c) => c.name === spec.value);
  if (!valueCol) throw new IndicatorError(chart, `value column ${JSON.stringify(spec.value)} is not a column of ${spec.dataset}`);
  const timeCol = indicatorTimeColumn(spec.time, columns, time?.column);
  if (!timeCol || !columns.some((c) => c.name === timeCol)) {
    throw new IndicatorError(chart, `no time column ${timeCol ? JSON.stringify(timeCol) : ''} in ${spec.dataset}; set indicator.time`);
  }
  // The grain applies when the series is ordered by the dataset's own time column.
  const grain = time && (!time.column || time.column === timeCol) ? time.grain : null;

  const slots = new Map<string, Slot>();
  for await (const row of rows) {
    if (!matches(row, spec.filter)) continue;
    const t = row[timeCol];
    const v = row[spec.value];
    if ((typeof t !== 'string' && typeof t !== 'number') || typeof v !== 'number' || !Number.isFinite(v)) continue;
    const period = grain ? periodOf(t, grain) : null;
    if (grain && !period) continue; // not a readable period of this grain: no place in the series
    const key = period ? periodKey(period) : `${typeof t}:${t}`;
    const slot = slots.get(key);
    if (slot) {
      slot.sum += v;
      slot.n++;
    } else slots.set(key, { time: t, period, sum: v, n: 1 });
  }
  if (slots.size === 0) return null;

  const all = [...slots.values()].sort((a, b) => (a.period && b.period ? comparePeriods(a.period, b.period) : compareTime(a.time, b.time)));
  const points: SiteIndicatorPoint[] = all.map((s) => ({ time: s.time, value: round(s.sum / s.n), period: s.period }));
  const latest = points[points.length - 1]!;
  const compare = spec.compare ?? 'previous';

  // The comparable period: exactly the one before (or a year before); a gap is not papered over
  // with an older point, which would compare unlike periods.
  let previous: SiteIndicatorPoint | null = null;
  let missing: Period | null = null;
  if (latest.period) {
    const wanted = compare === 'year-ago' ? yearBefore(latest.period) : shiftPeriod(latest.period, -1);
    previous = points.find((p) => p.period && comparePeriods(p.period, wanted) === 0) ?? null;
    if (!previous) missing = wanted;
  } else if (compare === 'previous') {
    previous = points.length > 1 ? points[points.length - 2]! : null;
  }

  let change: SiteIndicator['change'] = null;
  if (previous) {
    const delta = round(latest.value - previous.value);
    const direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
    const points = isPercent(valueCol.unit);
    const hib = valueCol.higherIsBetter;
    const meaningful = grain !== null && (compare === 'year-ago' || grain !== 'day');
    const meaning = direction === 'flat' || hib === null || !meaningful ? 'neutral' : (direction === 'up') === hib ? 'better' : 'worse';
    const percent = points || previous.value === 0 ? null : round((delta / Math.abs(previous.value)) * 100, 4);
    change = { delta, percent, points, direction, meaning };
  }

  const series = points.slice(-SPARK_POINTS);
  return {
    dataset: spec.dataset,
    column: spec.value,
    measure: valueCol.title,
    label: spec.label ?? null,
    filter: Object.entries(spec.filter ?? {}).map(([name, v]) => {
      const labels = columns.find((c) => c.name === name)?.labels;
      const value = String(v);
      return { value, en: labels && Object.hasOwn(labels, value) ? labels[value]! : null };
    }),
    unit: valueCol.unit,
    unitEn: valueCol.unitEn ?? null,
    grain,
    time: latest.time,
    period: latest.period ?? null,
    value: latest.value,
    compare,
    previous,
    missing,
    change,
    series,
    sparkline: sparklinePoints(series.map((p) => p.value)),
    averaged: all.some((s) => s.n > 1),
  };
}

/** Polyline points in a `0 0 100 32` box, 2 units of padding top and bottom. */
export function sparklinePoints(values: number[]): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  return values
    .map((v, i) => {
      const x = values.length === 1 ? 50 : (i / (values.length - 1)) * 100;
      const y = span === 0 ? 16 : 30 - ((v - min) / span) * 28;
      return `${round(x, 2)},${round(y, 2)}`;
    })
    .join(' ');
}
