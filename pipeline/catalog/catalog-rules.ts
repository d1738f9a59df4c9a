// Rules across files: unique ids, and every reference between descriptors (derived
// datasets' inputs, charts' datasets and columns, chart areas) resolving to something
// usable. A descriptor that refers to a broken one is left out too, with a message
// saying which, so no later stage meets a dangling id.
import type { Problem } from '../types.ts';
import { quote } from '../errors.ts';
import { datasetColumns } from './dataset-rules.ts';
import { entryId, entryOk, type Entry } from './entry.ts';
import { isObj, type Obj } from './file-rules.ts';
import { joinPointer } from './pointer.ts';
import { locate, type SourceDoc } from './source-doc.ts';
import { problemAt } from './problem.ts';
import { didYouMean } from './suggest.ts';

const ref = (source: SourceDoc, pointer: string, message: string, severity: Problem['severity'] = 'error') =>
  problemAt(source, pointer, message, { rule: 'reference', severity });
const where = (e: Entry) => {
  const { line, col } = locate(e.source, '/id');
  return `${e.source.path}:${line}:${col}`;
};

/** Ids must be unique: each file that shares an id says where the others are. */
export function duplicateIdRules(entries: Entry[]): void {
  const byId = new Map<string, Entry[]>();
  for (const e of entries) {
    const id = entryId(e);
    if (id !== undefined) byId.set(id, [...(byId.get(id) ?? []), e]);
  }
  for (const [id, same] of byId) {
    if (same.length < 2) continue;
    for (const e of same) {
      const others = same.filter((o) => o !== e).map(where).join(', ');
      e.problems.push(problemAt(e.source, '/id', `duplicate ${e.kind} id ${quote(id)}: also used by ${others}`, { rule: 'unique-id' }));
    }
  }
}

export interface DatasetIndex {
  /** Every dataset id with a descriptor (usable or not). */
  all: Map<string, Entry>;
}

export function indexDatasets(datasets: Entry[]): DatasetIndex {
  const all = new Map<string, Entry>();
  for (const e of datasets) {
    const id = entryId(e);
    if (id !== undefined && !all.has(id)) all.set(id, e);
  }
  return { all };
}

/** A reference to a dataset id: unknown (with a suggestion) or broken (with where). */
function datasetRef(index: DatasetIndex, from: Entry, pointer: string, id: unknown, role: string): Problem | undefined {
  if (typeof id !== 'string') return undefined;
  const target = index.all.get(id);
  if (!target) return ref(from.source, pointer, `${role} names unknown dataset ${quote(id)}${didYouMean(id, index.all.keys())}`);
  if (!entryOk(target)) return ref(from.source, pointer, `${role} names dataset ${quote(id)}, which has errors (see ${target.source.path}) and is left out`);
  return undefined;
}

/**
 * Derived datasets' `from`: ids exist, no cycles, and inputs are usable. Repeats until
 * nothing changes, since a derived dataset left out can break another derived from it.
 */
export function derivedRules(datasets: Entry[]): void {
  const index = indexDatasets(datasets);
  const derived = datasets.filter((e) => Array.isArray(e.value?.from));
  const inCycle = new Set<string>();
  for (const e of derived) {
    const cycle = findCycle(e, index);
    if (!cycle) continue;
    e.problems.push(ref(e.source, cycle.pointer, `derived datasets form a cycle: ${cycle.path.join(' -> ')}`));
    inCycle.add(entryId(e)!);
  }
  let changed = true;
  const reported = new Set<string>();
  while (changed) {
    changed = false;
    for (const e of derived) {
      (e.value!.from as unknown[]).forEach((id, i) => {
        const key = `${e.source.path}|${i}`;
        // Within a cycle the cycle message says it all.
        const cyclic = inCycle.has(entryId(e)!) && typeof id === 'string' && inCycle.has(id);
        const problem = reported.has(key) || cyclic ? undefined : datasetRef(index, e, `/from/${i}`, id, '"from"');
        if (!problem) return;
        reported.add(key);
        e.problems.push(problem);
        changed = true;
      });
    }
  }
}

function findCycle(start: Entry, index: DatasetIndex): { pointer: string; path: string[] } | undefined {
  const startId = entryId(start);
  if (startId === undefined) return undefined;
  const inputs = (e: Entry): string[] => (Array.isArray(e.value?.from) ? (e.value.from as unknown[]).filter((x): x is string => typeof x === 'string') : []);
  // Depth-first from each input of `start`, looking for a way back to it.
  const from = start.value!.from as unknown[];
  for (const first of inputs(start)) {
    const stack: { id: string; path: string[] }[] = [{ id: first, path: [startId, first] }];
    const seen = new Set<string>();
    while (stack.length) {
      const { id, path } = stack.pop()!;
      if (id === startId) return { pointer: `/from/${from.indexOf(first)}`, path };
      if (seen.has(id)) continue;
      seen.add(id);
      const next = index.all.get(id);
      if (next) for (const n of inputs(next)) stack.push({ id: n, path: [...path, n] });
    }
  }
  return undefined;
}

/** Charts: datasets and columns they name, their area listed in the settings. */
export function chartRules(charts: Entry[], datasets: Entry[], areas: string[] | undefined): void {
  const index = indexDatasets(datasets);
  for (const e of charts) {
    const v = e.value;
    if (!v) continue;
    const add = (p: Problem | undefined) => p && e.problems.push(p);
    if (Array.isArray(v.data)) v.data.forEach((id, i) => add(datasetRef(index, e, `/data/${i}`, id, '"data"')));
    for (const part of ['map', 'indicator'] as const) {
      const section = v[part];
      if (!isObj(section)) continue;
      const problem = datasetRef(index, e, `/${part}/dataset`, section.dataset, `"${part}.dataset"`);
      add(problem);
      const target = typeof section.dataset === 'string' ? index.all.get(section.dataset) : undefined;
      if (problem || !target?.value) continue;
      if (Array.isArray(v.data) && !v.data.includes(section.dataset)) {
        add(ref(e.source, `/${part}/dataset`, `"${part}.dataset" ${quote(section.dataset)} is not listed in "data", so its rows are not loaded for this chart`, 'warning'));
      }
      for (const field of ['value', 'code', 'time']) add(columnRef(e, `/${part}/${field}`, section[field], target.value, `"${part}.${field}"`));
      if (isObj(section.filter)) for (const k of Object.keys(section.filter)) add(columnRef(e, joinPointer([part, 'filter', k]), k, target.value, `"${part}.filter" key`, 'key'));
      if (part === 'indicator') for (const p of cardRules(e, section, target.value)) add(p);
    }
    if (areas && typeof v.area === 'string' && !areas.includes(v.area)) {
      add(ref(e.source, '/area', `area ${quote(v.area)} is not listed in citydash.yaml "areas" (listed: ${areas.join(', ') || 'none'})${didYouMean(v.area, areas)}`));
    }
  }
}

/** What a home-page card needs to explain itself: the period of its number, and which series it shows. */
function cardRules(e: Entry, card: Obj, dataset: Obj): Problem[] {
  const out: Problem[] = [];
  const id = quote(String(dataset.id));
  if (!isObj(dataset.time)) {
    if (card.compare === 'year-ago') {
      out.push(problemAt(e.source, '/indicator/compare', `"year-ago" needs to know the period of each row, but dataset ${id} declares no "time" ({column, grain})`, { rule: 'reference' }));
    } else {
      out.push(problemAt(e.source, '/indicator/dataset', `dataset ${id} declares no "time" ({column, grain}), so the card cannot name the period of its number ("data as of") or of what it is compared with`, { rule: 'card', severity: 'warning' }));
    }
  }
  if (isObj(card.filter) && !isObj(card.label)) {
    out.push(problemAt(e.source, '/indicator/filter', 'the card shows one series (filter) but does not name it: add "label" ({ko, en}), e.g. {ko: 2호선, en: Line 2}', { rule: 'card', severity: 'warning', at: 'key' }));
  }
  return out;
}

function columnRef(e: Entry, pointer: string, name: unknown, dataset: Obj, role: string, at: 'key' | 'value' = 'value'): Problem | undefined {
  if (typeof name !== 'string') return undefined;
  const columns = datasetColumns(dataset);
  if (columns.includes(name)) return undefined;
  return problemAt(e.source, pointer, `${role} ${quote(name)} is not a column of dataset ${quote(dataset.id)} (columns: ${columns.join(', ')})${didYouMean(name, columns)}`, { rule: 'reference', at });
}
