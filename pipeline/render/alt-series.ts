// Turns rows into the points an alt text talks about: one value per category, or per time
// period (and series). Rows may be raw dataset rows or the rows a chart's mark drew (already
// aggregated, with Vega-Lite's derived field names); both give the same points.
import type { AltRoles, FieldRole } from './alt-roles.ts';

export type Granularity = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute';

export interface Point {
  /** Category value, or the period's start (ms since epoch, UTC wall clock). */
  key: string | number;
  series?: string;
  value: number;
}

type AnyRow = Record<string, unknown>;

function read(row: AnyRow, role: FieldRole): unknown {
  for (const n of role.names) if (n in row) return row[n];
  return undefined;
}

/** Milliseconds of a date value; zone-less date-times are wall clock, read as UTC. */
export function toTime(v: unknown): number | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.getTime();
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string' || v === '') return undefined;
  const s = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v) ? `${v}Z` : /^\d{4}$/.test(v) ? `${v}-01-01` : v;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

function floorTo(t: number, g: Granularity): number {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (g) {
    case 'year': return Date.UTC(y, 0, 1);
    case 'quarter': return Date.UTC(y, m - (m % 3), 1);
    case 'month': return Date.UTC(y, m, 1);
    case 'week': return Date.UTC(y, m, d.getUTCDate() - d.getUTCDay());
    case 'day': return Date.UTC(y, m, d.getUTCDate());
    case 'hour': return Date.UTC(y, m, d.getUTCDate(), d.getUTCHours());
    default: return Date.UTC(y, m, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
  }
}

const UNIT_GRANULARITY: [RegExp, Granularity][] = [
  [/minutes$/, 'minute'], [/hours$/, 'hour'], [/(date|day)$/, 'day'], [/week$/, 'week'],
  [/month$/, 'month'], [/quarter$/, 'quarter'], [/year$/, 'year'],
];

/** The period a chart's time axis steps by: from its time unit, else from the data. */
export function granularity(unit: string | undefined, times: number[]): Granularity {
  if (unit) for (const [re, g] of UNIT_GRANULARITY) if (re.test(unit)) return g;
  const ds = times.map((t) => new Date(t));
  if (ds.some((d) => d.getUTCMinutes() !== 0)) return 'minute';
  if (ds.some((d) => d.getUTCHours() !== 0)) return 'hour';
  if (ds.some((d) => d.getUTCDate() !== 1)) return 'day';
  const months = new Set(ds.map((d) => d.getUTCMonth()));
  if (months.size <= 1) return 'year';
  return [...months].every((m) => m % 3 === 0) ? 'quarter' : 'month';
}

function combine(values: number[], op: string): number {
  switch (op) {
    case 'sum': return values.reduce((a, b) => a + b, 0);
    case 'count': return values.length;
    case 'min': return Math.min(...values);
    case 'max': return Math.max(...values);
    case 'median': {
      const s = [...values].sort((a, b) => a - b);
      const mid = s.length >> 1;
      return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }
    default: return values.reduce((a, b) => a + b, 0) / values.length;
  }
}

export interface Points {
  points: Point[];
  granularity?: Granularity;
}

/** One value per key (and series), combining duplicates the way the chart would draw them. */
export function toPoints(rows: AnyRow[], roles: AltRoles): Points {
  const { measure, time, category, series } = roles;
  const keyRole = time ?? category;
  if (!keyRole || !measure) return { points: [] };
  // counts: drawn rows carry `__count`, raw rows count one each; both add up per key
  const counting = measure.aggregate === 'count';
  const op = counting ? 'sum' : measure.aggregate ?? (roles.kind === 'bar' || roles.kind === 'area' ? 'sum' : 'mean');
  const raw: { key: string | number; series?: string; value: number }[] = [];
  for (const row of rows) {
    const k = read(row, keyRole);
    const key = time ? toTime(k) : k === null || k === undefined ? undefined : String(k);
    if (key === undefined) continue;
    const m = counting && !('__count' in row) ? 1 : read(row, measure);
    if (m === null || m === undefined || m === '') continue;
    const v = Number(m);
    if (!Number.isFinite(v)) continue;
    const s = series ? read(row, series) : undefined;
    raw.push({ key, series: s === undefined || s === null ? undefined : String(s), value: v });
  }
  const g = time ? granularity(time.unit, raw.map((r) => r.key as number)) : undefined;
  const groups = new Map<string, { key: string | number; series?: string; values: number[] }>();
  for (const r of raw) {
    const key = g ? floorTo(r.key as number, g) : r.key;
    const id = `${key}\u0000${r.series ?? ''}`;
    const group = groups.get(id) ?? groups.set(id, { key, series: r.series, values: [] }).get(id)!;
    group.values.push(r.value);
  }
  const points = [...groups.values()].map((gr) => ({ key: gr.key, series: gr.series, value: gr.values.length === 1 ? gr.values[0] : combine(gr.values, op) }));
  if (time) points.sort((a, b) => (a.key as number) - (b.key as number));
  return { points, granularity: g };
}
