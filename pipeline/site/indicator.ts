// A home-page indicator card from a chart's `indicator: {dataset, value, time?, filter?}`:
// the latest value, the change since the previous period and what that change means
// (better/worse per the column's `higherIsBetter`), plus a sparkline of the recent series.
import type { ChartDescriptor, Row } from '../types.ts';
import type { SiteColumn, SiteIndicator, SiteIndicatorPoint } from './model-types.ts';
import { CitydashError } from '../errors.ts';

export const SPARK_POINTS = 24;

export class IndicatorError extends CitydashError {
  constructor(chart: ChartDescriptor, detail: string) {
    super(`${chart.file} (chart ${chart.id}) indicator`, detail);
    this.name = 'IndicatorError';
  }
}

/** The column that orders the series: the one named, else the first date-like column. */
export function indicatorTimeColumn(named: string | undefined, columns: SiteColumn[]): string | null {
  if (named) return named;
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

export async function computeIndicator(chart: ChartDescriptor, columns: SiteColumn[], rows: AsyncIterable<Row>): Promise<SiteIndicator | null> {
  const spec = chart.indicator;
  if (!spec) return null;
  const valueCol = columns.find((c) => c.name === spec.value);
  if (!valueCol) throw new IndicatorError(chart, `value column ${JSON.stringify(spec.value)} is not a column of ${spec.dataset}`);
  const timeCol = indicatorTimeColumn(spec.time, columns);
  if (!timeCol || !columns.some((c) => c.name === timeCol)) {
    throw new IndicatorError(chart, `no time column ${timeCol ? JSON.stringify(timeCol) : ''} in ${spec.dataset}; set indicator.time`);
  }

  const byTime = new Map<string, { time: string | number; sum: number; n: number }>();
  for await (const row of rows) {
    if (!matches(row, spec.filter)) continue;
    const t = row[timeCol];
    const v = row[spec.value];
    if ((typeof t !== 'string' && typeof t !== 'number') || typeof v !== 'number' || !Number.isFinite(v)) continue;
    const key = `${typeof t}:${t}`;
    const slot = byTime.get(key);
    if (slot) {
      slot.sum += v;
      slot.n++;
    } else byTime.set(key, { time: t, sum: v, n: 1 });
  }
  if (byTime.size === 0) return null;

  const all = [...byTime.values()].sort((a, b) => compareTime(a.time, b.time));
  const averaged = all.some((s) => s.n > 1);
  const series: SiteIndicatorPoint[] = all.slice(-SPARK_POINTS).map((s) => ({ time: s.time, value: round(s.sum / s.n) }));
  const latest = series[series.length - 1];
  const previous = series.length > 1 ? series[series.length - 2] : null;

  let change: SiteIndicator['change'] = null;
  if (previous) {
    const delta = round(latest.value - previous.value);
    const direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
    const hib = valueCol.higherIsBetter;
    const meaning = direction === 'flat' || hib === null ? 'neutral' : (direction === 'up') === hib ? 'better' : 'worse';
    change = { delta, percent: previous.value !== 0 ? round((delta / Math.abs(previous.value)) * 100, 4) : null, direction, meaning };
  }

  return {
    dataset: spec.dataset,
    column: spec.value,
    unit: valueCol.unit,
    time: latest.time,
    value: latest.value,
    previous,
    change,
    series,
    sparkline: sparklinePoints(series.map((p) => p.value)),
    averaged,
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
