// Derived SQL rules applied where the catalog is loaded: a dataset whose SQL `check` refuses is
// left out of every command's catalog, so its SQL never reaches a DuckDB that runs it.
import { entryId, type Entry } from '../entry.ts';
import type { DescriptorFile } from '../descriptor-files.ts';
import { sqlProblems } from './rules.ts';

export const asDescriptorFile = (e: Entry): DescriptorFile => ({ kind: e.kind, path: e.source.path, source: e.source, value: e.value, id: entryId(e) });

export async function sqlRules(datasets: Entry[]): Promise<void> {
  if (!datasets.some((e) => typeof e.value?.sql === 'string')) return;
  const byPath = new Map(datasets.map((e) => [e.source.path, e]));
  const ids = new Set(datasets.map(entryId).filter((id): id is string => id !== undefined));
  for (const p of await sqlProblems(datasets.map(asDescriptorFile), ids)) byPath.get(p.file)?.problems.push(p);
}
