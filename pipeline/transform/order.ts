import type { DatasetDescriptor } from '../types.ts';

/** Derived datasets (those with `from`) in an order where every source comes first. */
export interface DerivationPlan {
  order: DatasetDescriptor[];
  /** Datasets caught in a `from` loop, each with the loop starting and ending at itself. */
  cycles: Map<string, string[]>;
}

export function isDerived(ds: DatasetDescriptor): boolean {
  return ds.from !== undefined || ds.sql !== undefined;
}

/** Strongly connected components (Tarjan), so every loop is found, not just the first. */
function components(ids: string[], edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      out.push(comp);
    }
  };
  for (const id of ids) if (!index.has(id)) visit(id);
  return out;
}

/** Shortest loop from `start` back to itself inside one component (breadth-first). */
function loopThrough(start: string, members: Set<string>, edges: Map<string, string[]>): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of edges.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = parent.get(u)!) path.splice(1, 0, u);
        return [...path, start];
      }
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

export function planDerivations(datasets: DatasetDescriptor[]): DerivationPlan {
  const derived = datasets.filter(isDerived);
  const byId = new Map(derived.map((ds) => [ds.id, ds]));
  const edges = new Map(derived.map((ds) => [ds.id, [...new Set(ds.from ?? [])].filter((f) => byId.has(f))]));
  const cycles = new Map<string, string[]>();
  for (const comp of components([...byId.keys()], edges)) {
    const members = new Set(comp);
    const looped = comp.length > 1 || (edges.get(comp[0]!) ?? []).includes(comp[0]!);
    if (looped) for (const id of comp) cycles.set(id, loopThrough(id, members, edges));
  }
  const order: DatasetDescriptor[] = [];
  const placed = new Set<string>();
  const place = (id: string) => {
    if (placed.has(id)) return;
    placed.add(id);
    // Members of a loop are placed without their sources: they fail, their dependants follow.
    if (!cycles.has(id)) for (const src of edges.get(id) ?? []) place(src);
    order.push(byId.get(id)!);
  };
  for (const ds of derived) place(ds.id);
  return { order, cycles };
}
