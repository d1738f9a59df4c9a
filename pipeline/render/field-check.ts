// Vega silently draws nothing for a misspelt field. We name the field and the dataset
// instead, so a chart author sees "field 'pm2.5' not found" in the PR check.
import { CitydashError, quote } from '../errors.ts';
import type { ColumnSpec, Row } from '../types.ts';
import { BUILTIN_COLUMN_TITLES } from './default-titles.ts';
import { isPlainObject } from './merge.ts';
import { fieldOf, visitChannelDefs, visitKey, visitViews, type Obj } from './spec-walk.ts';

export class FieldNotFoundError extends CitydashError {
  constructor(detail: string) {
    super(undefined, detail);
  }
}

// Transforms whose default output names are not written in the spec.
const DEFAULT_OUTPUTS: Record<string, string[]> = {
  fold: ['key', 'value'],
  density: ['value', 'density'],
  quantile: ['prob', 'value'],
  regression: [],
  loess: [],
};

/** Fields that transforms anywhere in the spec create; undefined when they cannot be known. */
function producedFields(spec: Obj): Set<string> | undefined {
  const out = new Set<string>(Object.keys(BUILTIN_COLUMN_TITLES));
  let unknowable = false;
  visitKey(spec, 'as', (h) => {
    for (const a of Array.isArray(h.as) ? h.as : [h.as]) if (typeof a === 'string') out.add(a);
  });
  visitKey(spec, 'transform', (h) => {
    if (!Array.isArray(h.transform)) return;
    for (const t of h.transform) {
      if (!isPlainObject(t)) continue;
      if ('pivot' in t) unknowable = true;
      for (const [kind, names] of Object.entries(DEFAULT_OUTPUTS)) if (kind in t) names.forEach((n) => out.add(n));
      if ('lookup' in t && isPlainObject(t.from) && Array.isArray(t.from.fields)) {
        for (const f of t.from.fields) if (typeof f === 'string') out.add(f);
      }
    }
  });
  return unknowable ? undefined : out;
}

/** Throws when an encoding reads a field that neither its dataset nor a transform provides. */
export function checkFields(spec: Obj, data: Record<string, Row[]>, columns: Record<string, Record<string, ColumnSpec>>): void {
  const produced = producedFields(spec);
  if (!produced) return;
  const known = new Map<string, Set<string>>();
  const knownIn = (ds: string): Set<string> => {
    let set = known.get(ds);
    if (!set) {
      set = new Set([...Object.keys(columns[ds] ?? {}), ...produced]);
      for (const row of (data[ds] ?? []).slice(0, 100)) for (const k of Object.keys(row)) set.add(k);
      known.set(ds, set);
    }
    return set;
  };
  visitViews(spec, (view, dataName) => {
    if (!dataName || !(dataName in data)) return;
    const fields = knownIn(dataName);
    visitChannelDefs(view, (def, channel) => {
      const field = fieldOf(def);
      if (!field) return;
      const plain = field.replace(/\\(.)/g, '$1');
      const head = field.split(/(?<!\\)[.[]/)[0].replace(/\\(.)/g, '$1');
      if (fields.has(plain) || fields.has(head)) return;
      const list = [...fields].filter((f) => !produced.has(f) || f in (columns[dataName] ?? {})).slice(0, 20).join(', ');
      throw new FieldNotFoundError(`encoding.${channel}: field ${quote(field)} not found in dataset ${quote(dataName)} (columns: ${list})`);
    });
  });
}
