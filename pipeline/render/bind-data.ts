// Binds `data: {name: <dataset-id>}` to the dataset's rows as top-level `datasets`, so the
// compiled Vega spec carries its data inline (the browser view and downloads need no URL),
// and refuses anything that would make the build read a URL or a file.
import { CitydashError, quote } from '../errors.ts';
import type { ColumnSpec, Row } from '../types.ts';
import { isPlainObject } from './merge.ts';
import { visitKey, visitViews, type Obj } from './spec-walk.ts';

/** A problem with the chart's data references; the renderer wraps it in ChartRenderError. */
export class DataBindingError extends CitydashError {
  constructor(detail: string) {
    super(undefined, detail);
  }
}

const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** Datetime values get a "Z" so every JS engine parses them as the same instant (see temporal.ts). */
export function bindableRows(rows: Row[], columns: Record<string, ColumnSpec> | undefined): Row[] {
  const datetimes = Object.entries(columns ?? {}).filter(([, c]) => c.type === 'datetime').map(([k]) => k);
  if (datetimes.length === 0) return rows;
  return rows.map((row) => {
    const out = { ...row };
    for (const k of datetimes) {
      const v = out[k];
      if (typeof v === 'string' && WALL_CLOCK.test(v)) out[k] = `${v}Z`;
    }
    return out;
  });
}

/** Names of the datasets a spec reads (views and lookups); throws on URLs and unknown names. */
export function dataNames(spec: Obj, allowed: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  visitKey(spec, 'data', (holder) => {
    const data = holder.data;
    if (!isPlainObject(data)) return;
    if ('url' in data) throw new DataBindingError(`data URLs are not allowed (found url ${quote(data.url)}); use data: {name: <dataset-id>}`);
    if (typeof data.name !== 'string') return;
    if (!allowed.has(data.name)) {
      throw new DataBindingError(`unknown dataset ${quote(data.name)}: the chart's data list is [${[...allowed].join(', ')}]`);
    }
    names.add(data.name);
  });
  return names;
}

/**
 * Puts the rows of every dataset the spec reads into `spec.datasets`. A spec with no data
 * anywhere reads the chart's only dataset. Mutates `spec`.
 */
export function bindData(
  spec: Obj,
  chartData: string[],
  data: Record<string, Row[]>,
  columns: Record<string, Record<string, ColumnSpec>>,
  extra: Record<string, unknown> = {},
): void {
  let anyData = false;
  visitViews(spec, (view) => {
    if (view.data !== undefined) anyData = true;
  });
  if (!anyData) {
    if (chartData.length !== 1) throw new DataBindingError(`the spec has no data and the chart lists ${chartData.length} datasets; set data: {name: <dataset-id>}`);
    spec.data = { name: chartData[0] };
  }
  const allowed = new Set([...chartData, ...Object.keys(extra)]);
  const datasets: Record<string, unknown> = isPlainObject(spec.datasets) ? { ...spec.datasets } : {};
  for (const name of dataNames(spec, allowed)) {
    if (name in extra) {
      datasets[name] = extra[name];
      continue;
    }
    const rows = data[name];
    if (!rows) throw new DataBindingError(`no rows were given for dataset ${quote(name)} (unknown or failed dataset)`);
    datasets[name] = bindableRows(rows, columns[name]);
  }
  spec.datasets = datasets;
}
