// `citydash check`: every rule over everything a pull request can touch, in one run.
// The rules are the catalog loader's (pipeline/catalog), the same ones build and run apply.
// Nothing here runs author code or reads outside the catalog: specs are walked and
// validated as data, SQL is parsed and bound (never run) on a locked DuckDB connection, and
// previews render only charts that passed, from sample data inside the catalog.
import { resolve } from 'node:path';
import { loadCatalog, readDescriptorFiles, sortProblems } from '../catalog/index.ts';
import type { Catalog, ChartDescriptor, Effects, Problem } from '../types.ts';
import { catalogChanges } from './changes.ts';
import { dataProblems } from './data-rules.ts';
import type { PreviewRequest } from './previews.ts';
import { dedupe, inPaths, withHint } from './problem-hints.ts';
import type { CheckOptions, CheckResult } from './types.ts';

export async function checkCatalog(root: string, opts: CheckOptions = {}, effects: Effects): Promise<CheckResult> {
  const abs = resolve(root);
  const loaded = await loadCatalog(abs, { env: effects.env });
  const files = await readDescriptorFiles(abs);
  const datasetIds = new Set(files.filter((f) => f.kind === 'dataset' && f.id).map((f) => f.id!));
  // The catalog's loader applies every rule (files, paths, SQL, chart specs), as it does for
  // build and run: what check refuses is what every other command leaves out.
  let problems: Problem[] = loaded.problems.map(withHint);

  // What the data itself says about its descriptor (headers, types): check's own advice.
  problems.push(...(await dataProblems(loaded.catalog, files)).map(withHint));

  const baseRoot = opts.base ? resolve(opts.base.root) : undefined;
  const base = baseRoot ? { root: baseRoot, files: await readDescriptorFiles(baseRoot) } : undefined;
  const compared = await catalogChanges(base, { root: abs, files });
  problems.push(...compared.problems);
  problems = dedupe(sortProblems(problems));

  const result: CheckResult = {
    ok: true,
    errors: 0,
    warnings: 0,
    problems: [],
    changes: compared.changes,
    previews: [],
    counts: { datasets: datasetIds.size, charts: files.filter((f) => f.kind === 'chart').length, files: files.length },
  };
  if (opts.previews) {
    const requests = previewRequests(loaded.catalog.charts, compared.changes, problems, opts.changedPaths);
    effects.log.info(`check: rendering ${requests.length} chart preview(s)`);
    // The renderer (Vega-Lite, resvg, fonts) loads only when previews are asked for.
    const { renderPreviews } = await import('./previews.ts');
    const rendered = await renderPreviews(withoutBroken(loaded.catalog, problems), requests, opts.previews.outDir, effects);
    result.previews = rendered.previews;
    result.previewDir = resolve(opts.previews.outDir);
    problems = dedupe(sortProblems([...problems, ...rendered.problems]));
  }
  result.problems = inPaths(problems, opts.changedPaths);
  result.errors = result.problems.filter((p) => p.severity === 'error').length;
  result.warnings = result.problems.length - result.errors;
  result.ok = result.errors === 0;
  return result;
}

/**
 * The catalog minus datasets with errors (and those derived from them): SQL or a source
 * that failed its check is never run or read for a preview.
 */
function withoutBroken(catalog: Catalog, problems: Problem[]): Catalog {
  const broken = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file));
  let datasets = catalog.datasets.filter((d) => !broken.has(d.file));
  for (let changed = true; changed; ) {
    const ids = new Set(datasets.map((d) => d.id));
    const kept = datasets.filter((d) => (d.from ?? []).every((id) => ids.has(id)));
    changed = kept.length !== datasets.length;
    datasets = kept;
  }
  return { ...catalog, datasets };
}

/** New and changed charts that loaded and have no errors of their own (in the given paths). */
function previewRequests(
  charts: ChartDescriptor[],
  changes: CheckResult['changes'],
  problems: Problem[],
  paths: string[] | undefined,
): PreviewRequest[] {
  const broken = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file));
  const status = new Map<string, 'added' | 'changed'>([
    ...changes.charts.added.map((id) => [id, 'added'] as const),
    ...changes.charts.changed.map((id) => [id, 'changed'] as const),
  ]);
  return charts
    .filter((c) => status.has(c.id) && !broken.has(c.file) && inPaths([{ file: c.file, line: 1, col: 1, message: '', severity: 'error' }], paths).length > 0)
    .map((chart) => ({ chart, status: status.get(chart.id)! }));
}
