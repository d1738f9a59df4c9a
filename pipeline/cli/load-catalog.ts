import { loadCatalog, formatProblem } from '../catalog/index.ts';
import type { Catalog, Effects, Problem } from '../types.ts';

/**
 * The catalog for a cycle command: every problem is printed, files with errors are left out
 * by the loader, and the caller decides what errors mean for its exit code.
 */
export async function loadCatalogFor(root: string, effects: Pick<Effects, 'log' | 'env'>): Promise<{ catalog: Catalog; problems: Problem[]; errors: number }> {
  const { log } = effects;
  const { catalog, problems } = await loadCatalog(root, { env: effects.env });
  let errors = 0;
  for (const p of problems) {
    if (p.severity === 'error') errors++;
    (p.severity === 'error' ? log.error : log.warn)(formatProblem(p));
  }
  return { catalog, problems, errors };
}

/** Narrow the catalog to `--only` ids (unknown ids are a usage error for the caller to raise). */
export function unknownIds(catalog: Catalog, ids: string[] | undefined): string[] {
  if (!ids) return [];
  const known = new Set([...catalog.datasets.map((d) => d.id), ...catalog.charts.map((c) => c.id)]);
  return ids.filter((id) => !known.has(id));
}
