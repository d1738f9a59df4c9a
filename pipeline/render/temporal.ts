// Dates are Seoul wall-clock values without a zone ("2026-11-28", "2026-11-28T21:00"). We draw
// them as UTC throughout (UTC time units and scales, datetimes bound with a "Z"), so the
// labels read the same on a build machine in any time zone and in any reader's browser.
// Formats follow the page language: "2026년 11월" / "Nov 2026".
import type { ColumnSpec, Lang } from '../types.ts';
import { AXIS_MULTI_FORMATS, DATE_FORMAT, DATETIME_FORMAT, TIME_UNIT_FORMATS } from './locale.ts';
import { isPlainObject } from './merge.ts';
import { fieldOf, visitChannelDefs, visitKey, visitViews, type Obj } from './spec-walk.ts';

const POSITION = new Set(['x', 'y']);
const LEGEND = new Set(['color', 'fill', 'stroke', 'size', 'opacity', 'fillOpacity', 'strokeOpacity', 'strokeWidth', 'shape']);
const SCALED = new Set([...POSITION, ...LEGEND, 'xOffset', 'yOffset', 'theta', 'radius']);
const TEXTUAL = new Set(['text', 'tooltip']);

/** `yearmonth` -> `utcyearmonth`; `{unit, utc}` objects get `utc: true`. */
function utcTimeUnit(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith('utc') ? value : `utc${value}`;
  if (isPlainObject(value)) {
    const unit = typeof value.unit === 'string' ? value.unit.replace(/^utc/, '') : undefined;
    const keys = Object.keys(value).filter((k) => k !== 'unit' && k !== 'utc');
    // the plain form keeps Vega-Lite's derived field names predictable (utcyearmonth_date)
    if (unit && keys.length === 0) return `utc${unit}`;
    return { ...value, utc: true };
  }
  return value;
}

/** The time unit of a definition without its utc prefix, e.g. `yearmonth`. */
export function plainTimeUnit(def: Obj): string | undefined {
  const tu = def.timeUnit;
  if (typeof tu === 'string') return tu.replace(/^utc/, '');
  if (isPlainObject(tu) && typeof tu.unit === 'string') return tu.unit.replace(/^utc/, '');
  return undefined;
}

function setFormat(holder: Obj, key: 'axis' | 'legend', format: unknown): void {
  const current = holder[key];
  if (current === null) return;
  const guide = isPlainObject(current) ? current : {};
  if (guide.format === undefined) holder[key] = { ...guide, format };
}

export type ColumnResolver = (field: string, dataName: string | undefined) => ColumnSpec | undefined;

/** Makes every time unit and temporal scale UTC and sets language formats. Mutates `spec`. */
export function normalizeTemporal(spec: Obj, lang: Lang, column: ColumnResolver): void {
  visitKey(spec, 'timeUnit', (holder) => {
    holder.timeUnit = utcTimeUnit(holder.timeUnit);
  });
  visitViews(spec, (view, dataName) => {
    visitChannelDefs(view, (def, channel) => {
      if (def.type !== 'temporal' && def.timeUnit === undefined) return;
      const unit = plainTimeUnit(def);
      const unitFormat = unit ? TIME_UNIT_FORMATS[lang][unit] : undefined;
      if (unit === undefined && SCALED.has(channel) && def.scale !== null) {
        const scale = isPlainObject(def.scale) ? def.scale : {};
        if (scale.type === undefined) def.scale = { ...scale, type: 'utc' };
      }
      if (POSITION.has(channel)) {
        const format = unit ? unitFormat : AXIS_MULTI_FORMATS[lang];
        if (format) setFormat(def, 'axis', format);
      } else if (LEGEND.has(channel)) {
        const format = unit ? unitFormat : DATE_FORMAT[lang];
        if (format) setFormat(def, 'legend', format);
      } else if (TEXTUAL.has(channel) && def.format === undefined) {
        if (unit) {
          if (unitFormat) def.format = unitFormat;
          return;
        }
        // Vega-Lite formats raw dates in text and tooltips with local time; a UTC time unit
        // that keeps every minute makes it use UTC without changing the value
        const field = fieldOf(def);
        const isDate = field !== undefined && column(field, dataName)?.type === 'date';
        def.timeUnit = isDate ? 'utcyearmonthdate' : 'utcyearmonthdatehoursminutes';
        def.format = isDate ? DATE_FORMAT[lang] : DATETIME_FORMAT[lang];
      }
    });
  });
}
