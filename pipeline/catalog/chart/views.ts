// Walks a Vega-Lite spec's views and the field references inside them, keeping the JSON
// pointer of each, so rules can report the exact line of a channel or transform.
import { joinPointer } from '../pointer.ts';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface View {
  view: Obj;
  pointer: string;
  /** The nearest enclosing `data: {name}` (inherited by layers and facets). */
  dataName?: string;
  /** Pointer of that `data.name`, for messages. */
  dataPointer?: string;
  /** The view reads inline values (or another non-catalog source), not a dataset. */
  inline?: boolean;
}

const CHILD_LISTS = ['layer', 'hconcat', 'vconcat', 'concat'] as const;

type Scope = { name?: string; pointer?: string; inline?: boolean };

export function views(spec: Obj, pointer = '', inherited?: Scope): View[] {
  const data = spec.data;
  const own = isObj(data) && typeof data.name === 'string' ? { name: data.name, pointer: `${pointer}/data/name` } : undefined;
  const scope: Scope = isObj(data) ? own ?? { inline: true } : inherited ?? {};
  const out: View[] = [{ view: spec, pointer, dataName: scope.name, dataPointer: scope.pointer, inline: scope.inline }];
  for (const key of CHILD_LISTS) {
    const list = spec[key];
    if (Array.isArray(list)) list.forEach((child, i) => isObj(child) && out.push(...views(child, `${pointer}/${key}/${i}`, scope)));
  }
  if (isObj(spec.spec)) out.push(...views(spec.spec, `${pointer}/spec`, scope));
  return out;
}

/** A field name a spec reads, where it is written, and the definition around it. */
export interface FieldRef {
  field: string;
  pointer: string;
  /** Channel definition (type, aggregate, timeUnit), when the field is encoded. */
  def?: Obj;
  channel?: string;
}

const plainField = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** Every `field` in a view's encoding: arrays (tooltip, detail), conditions and sort fields. */
export function encodedFields(v: View): FieldRef[] {
  const out: FieldRef[] = [];
  const enc = v.view.encoding;
  const visit = (def: Obj, pointer: string, channel: string) => {
    if (plainField(def.field)) out.push({ field: def.field, pointer: `${pointer}/field`, def, channel });
    if (isObj(def.sort) && plainField(def.sort.field)) out.push({ field: def.sort.field, pointer: `${pointer}/sort/field` });
    const cond = def.condition;
    const conds = Array.isArray(cond) ? cond : [cond];
    conds.forEach((c, i) => isObj(c) && visit(c, Array.isArray(cond) ? `${pointer}/condition/${i}` : `${pointer}/condition`, channel));
  };
  const facet = v.view.facet;
  if (isObj(facet)) {
    if ('field' in facet) visit(facet, `${v.pointer}/facet`, 'facet');
    for (const key of ['row', 'column'] as const) if (isObj(facet[key])) visit(facet[key] as Obj, `${v.pointer}/facet/${key}`, key);
  }
  if (!isObj(enc)) return out;
  for (const [channel, value] of Object.entries(enc)) {
    const base = `${v.pointer}${joinPointer(['encoding', channel])}`;
    if (Array.isArray(value)) value.forEach((d, i) => isObj(d) && visit(d, `${base}/${i}`, channel));
    else if (isObj(value)) visit(value, base, channel);
  }
  return out;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Fields a view's transforms read (groupby, aggregate, fold, timeUnit, bin, window, lookup, filter predicates). */
export function transformInputs(v: View): FieldRef[] {
  const out: FieldRef[] = [];
  const ts = v.view.transform;
  if (!Array.isArray(ts)) return out;
  ts.forEach((t, i) => {
    if (!isObj(t)) return;
    const at = `${v.pointer}/transform/${i}`;
    const add = (field: unknown, pointer: string) => plainField(field) && out.push({ field, pointer });
    for (const key of ['groupby', 'fold', 'flatten', 'pivot'] as const) {
      const value = t[key];
      if (typeof value === 'string') add(value, `${at}/${key}`);
      else list(value).forEach((f, j) => add(f, `${at}/${key}/${j}`));
    }
    for (const key of ['aggregate', 'window', 'joinaggregate'] as const) list(t[key]).forEach((a, j) => isObj(a) && add(a.field, `${at}/${key}/${j}/field`));
    if ('timeUnit' in t || 'bin' in t) add(t.field, `${at}/field`);
    if ('lookup' in t) add(t.lookup, `${at}/lookup`);
    list(t.sort).forEach((s, j) => isObj(s) && add(s.field, `${at}/sort/${j}/field`));
    if (isObj(t.filter)) predicateFields(t.filter, `${at}/filter`, add);
    if ('value' in t && 'pivot' in t) add(t.value, `${at}/value`);
    if ('density' in t) add(t.density, `${at}/density`);
    if ('quantile' in t) add(t.quantile, `${at}/quantile`);
  });
  return out;
}

function predicateFields(p: Obj, pointer: string, add: (f: unknown, p: string) => void): void {
  if ('field' in p) add(p.field, `${pointer}/field`);
  for (const key of ['and', 'or'] as const) list(p[key]).forEach((q, i) => isObj(q) && predicateFields(q, `${pointer}/${key}/${i}`, add));
  if (isObj(p.not)) predicateFields(p.not, `${pointer}/not`, add);
}
