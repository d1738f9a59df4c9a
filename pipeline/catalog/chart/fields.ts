// Every field a chart reads exists in its dataset (or is made by one of its transforms), and
// its encoding type suits the column: quantitative on numbers, temporal on dates. Vega would
// silently draw nothing for a misspelt field; here the author gets the nearest column name.
import type { ColumnType } from '../../types.ts';
import { quote } from '../../errors.ts';
import { nearest } from '../suggest.ts';
import { encodedFields, isObj, transformInputs, views, type FieldRef, type Obj } from './views.ts';
import type { SpecIssue } from './vl-errors.ts';

export type DatasetColumns = ReadonlyMap<string, ReadonlyMap<string, ColumnType>>;

// Transforms whose output names are not written in the spec.
const DEFAULT_OUTPUTS: Record<string, string[]> = {
  fold: ['key', 'value'], density: ['value', 'density'], quantile: ['prob', 'value'], loess: [], regression: [], pivot: [],
};
/** Aggregates that count, so they are numbers whatever the column. */
const COUNTING = new Set(['count', 'distinct', 'valid', 'missing']);

function walkAs(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) return value.forEach((v) => walkAs(v, out));
  if (!isObj(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'values' || k === 'datasets') continue;
    if (k === 'as') for (const a of Array.isArray(v) ? v : [v]) if (typeof a === 'string') out.add(a);
    walkAs(v, out);
  }
}

/** Field names the spec's transforms create; undefined when a pivot makes them unknowable. */
export function producedFields(spec: Obj): Set<string> | undefined {
  const out = new Set<string>();
  walkAs(spec, out);
  let unknowable = false;
  for (const v of views(spec)) {
    const ts = v.view.transform;
    if (!Array.isArray(ts)) continue;
    for (const t of ts) {
      if (!isObj(t)) continue;
      if ('pivot' in t) unknowable = true;
      for (const [kind, names] of Object.entries(DEFAULT_OUTPUTS)) if (kind in t && !('as' in t)) names.forEach((n) => out.add(n));
      if ('lookup' in t && isObj(t.from) && Array.isArray(t.from.fields)) for (const f of t.from.fields) if (typeof f === 'string') out.add(f);
      if ('regression' in t || 'loess' in t) for (const key of ['regression', 'loess', 'on'] as const) if (typeof t[key] === 'string') out.add(t[key] as string);
    }
  }
  return unknowable ? undefined : out;
}

/** `a.b` and `a[0]` read column `a`; `a\.b` is the column named "a.b". */
const headOf = (field: string) => field.split(/(?<!\\)[.[]/)[0].replace(/\\(.)/g, '$1');
const unescape = (field: string) => field.replace(/\\(.)/g, '$1');

function missingField(ref: FieldRef, dataset: string, columns: string[], produced: Set<string>): SpecIssue {
  const meant = nearest(unescape(ref.field), [...columns, ...produced]);
  return {
    pointer: ref.pointer,
    at: 'value',
    say: () => `field ${quote(ref.field)} is not a column of dataset ${quote(dataset)}${meant ? `; did you mean "${meant}"?` : ''}`,
    hint: meant ? `change it to "${meant}"` : `use one of the dataset's columns: ${columns.join(', ')}`,
  };
}

function typeIssue(ref: FieldRef, dataset: string, type: ColumnType): SpecIssue | undefined {
  const def = ref.def;
  if (!def) return undefined;
  const aggregate = typeof def.aggregate === 'string' ? def.aggregate : undefined;
  const numeric = type === 'integer' || type === 'number';
  const temporal = type === 'date' || type === 'datetime';
  const at = (message: string, hint: string): SpecIssue => ({ pointer: ref.pointer.replace(/\/field$/, '/type'), at: 'value', say: () => message, hint });
  const where = `column ${quote(ref.field)} of ${quote(dataset)} is ${type}`;
  if (def.type === 'quantitative' && !numeric && !(aggregate && COUNTING.has(aggregate))) {
    return at(`encoding.${ref.channel} is quantitative but ${where}`, temporal ? 'use type: temporal for dates' : 'use type: nominal or ordinal, or aggregate: count');
  }
  if (def.type === 'temporal' && !temporal) return at(`encoding.${ref.channel} is temporal but ${where}`, 'temporal needs a date or datetime column; use ordinal for years or labels');
  if (def.timeUnit !== undefined && def.type !== 'temporal' && !temporal && !aggregate) {
    return { pointer: ref.pointer.replace(/\/field$/, '/timeUnit'), at: 'value', say: () => `encoding.${ref.channel} has a timeUnit but ${where}`, hint: 'timeUnit works on date or datetime columns; remove it' };
  }
  return undefined;
}

/**
 * Field problems of one (effective) spec; `fallback` is the dataset a spec without data
 * reads; `exprRefs` are `datum.x` reads found in its expressions (each belongs to the
 * innermost view around it).
 */
export function fieldIssues(spec: Obj, columns: DatasetColumns, fallback: string | undefined, exprRefs: FieldRef[] = []): SpecIssue[] {
  const produced = producedFields(spec);
  if (!produced) return [];
  const issues: SpecIssue[] = [];
  const seen = new Set<string>();
  const all = views(spec);
  const owner = (pointer: string) =>
    all.filter((v) => v.pointer === '' || pointer.startsWith(`${v.pointer}/`)).sort((a, b) => b.pointer.length - a.pointer.length)[0];
  for (const v of all) {
    const dataset = v.inline ? undefined : v.dataName ?? fallback;
    const cols = dataset ? columns.get(dataset) : undefined;
    if (!dataset || !cols) continue;
    const names = [...cols.keys()];
    const refs = [...encodedFields(v), ...transformInputs(v), ...exprRefs.filter((r) => owner(r.pointer) === v)];
    for (const ref of refs) {
      if (seen.has(ref.pointer)) continue;
      seen.add(ref.pointer);
      const plain = unescape(ref.field);
      if (!cols.has(plain) && !cols.has(headOf(ref.field)) && !produced.has(plain) && !produced.has(headOf(ref.field))) {
        issues.push(missingField(ref, dataset, names, produced));
        continue;
      }
      const type = cols.get(plain);
      if (type && !produced.has(plain)) {
        const issue = typeIssue(ref, dataset, type);
        if (issue) issues.push(issue);
      }
    }
  }
  return issues;
}
