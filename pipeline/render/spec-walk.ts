// Walks a Vega-Lite spec's views (unit, layer, concat, facet/repeat) and their channel
// definitions, so localisation steps work on composite charts as well as single marks.
import { isPlainObject } from './merge.ts';

export type Obj = Record<string, unknown>;

const CHILD_LISTS = ['layer', 'hconcat', 'vconcat', 'concat'] as const;

/**
 * Calls `fn` for every view, outermost first, with the dataset name in effect there
 * (the nearest enclosing `data: {name}`).
 */
export function visitViews(spec: Obj, fn: (view: Obj, dataName: string | undefined) => void, inherited?: string): void {
  const data = spec.data;
  const dataName = isPlainObject(data) ? (typeof data.name === 'string' ? data.name : undefined) : inherited;
  fn(spec, dataName);
  for (const key of CHILD_LISTS) {
    const list = spec[key];
    if (Array.isArray(list)) for (const child of list) if (isPlainObject(child)) visitViews(child, fn, dataName);
  }
  if (isPlainObject(spec.spec)) visitViews(spec.spec, fn, dataName);
}

/** Every field or datum definition in a view's `encoding`, including arrays and conditions. */
export function visitChannelDefs(view: Obj, fn: (def: Obj, channel: string) => void): void {
  const enc = view.encoding;
  if (!isPlainObject(enc)) return;
  for (const [channel, value] of Object.entries(enc)) {
    for (const def of Array.isArray(value) ? value : [value]) {
      if (!isPlainObject(def)) continue;
      fn(def, channel);
      const cond = def.condition;
      for (const c of Array.isArray(cond) ? cond : [cond]) if (isPlainObject(c) && 'field' in c) fn(c, channel);
    }
  }
}

/** The field a definition reads, when it is a plain string. */
export function fieldOf(def: Obj): string | undefined {
  return typeof def.field === 'string' ? def.field : undefined;
}

/** The chart's main mark type in a view ('bar', 'line', ...), or undefined for composites. */
export function markType(view: Obj): string | undefined {
  const mark = view.mark;
  if (typeof mark === 'string') return mark;
  if (isPlainObject(mark) && typeof mark.type === 'string') return mark.type;
  return undefined;
}

/** Calls `fn` on every object with a given key anywhere in `value`, skipping inline data. */
export function visitKey(value: unknown, key: string, fn: (holder: Obj) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) visitKey(v, key, fn);
    return;
  }
  if (!isPlainObject(value)) return;
  if (key in value) fn(value);
  for (const [k, v] of Object.entries(value)) {
    if (k === 'datasets' || k === 'values' || k === 'usermeta' || k === 'config') continue;
    visitKey(v, key, fn);
  }
}
