// Which datasets a `fetch`/`validate` run covers: the ids named (and --only), or every source
// dataset. Derived datasets have nothing to fetch or validate here (`citydash build` makes
// them). A name that is no dataset is a usage error with a suggestion; a dataset whose
// descriptor did not load is reported as the catalog error it is.
import { basename } from 'node:path';
import { didYouMean } from '../catalog/index.ts';
import { CliError, quote } from '../errors.ts';
import { isSourceDataset } from '../extract/index.ts';
import { selectShard } from '../shard.ts';
import type { Catalog, DatasetDescriptor, Problem } from '../types.ts';

/** Exit code for "the catalog has errors" (docs/architecture.md §3: check/validate found errors). */
export const EXIT_FOUND_ERRORS = 3;

export interface Selection {
  datasets: DatasetDescriptor[];
  /** Named datasets left out, with why. */
  skipped: { id: string; reason: string }[];
}

/** `shard` (`K/N`) keeps a stable share of the selection, so N CI jobs fetch the catalog between them. */
export function selectDatasets(catalog: Catalog, problems: readonly Problem[], ids: readonly string[], only: readonly string[] = [], shard?: string): Selection {
  const picked = pick(catalog, problems, ids, only);
  if (!shard) return picked;
  const mine = new Set(selectShard(picked.datasets.map((d) => d.id), shard));
  return { datasets: picked.datasets.filter((d) => mine.has(d.id)), skipped: picked.skipped };
}

function pick(catalog: Catalog, problems: readonly Problem[], ids: readonly string[], only: readonly string[]): Selection {
  const named = [...new Set([...ids, ...only])];
  if (named.length === 0) return { datasets: catalog.datasets.filter(isSourceDataset), skipped: [] };
  const byId = new Map(catalog.datasets.map((d) => [d.id, d]));
  const datasets: DatasetDescriptor[] = [];
  const skipped: Selection['skipped'] = [];
  for (const id of named) {
    const ds = byId.get(id);
    if (!ds) throw unknownDataset(id, catalog, problems);
    if (isSourceDataset(ds)) datasets.push(ds);
    else skipped.push({ id, reason: 'derived dataset: built from other datasets by `citydash build`' });
  }
  return { datasets, skipped };
}

function unknownDataset(id: string, catalog: Catalog, problems: readonly Problem[]): CliError {
  const broken = problems.find((p) => p.severity === 'error' && basename(p.file).replace(/\.ya?ml$/i, '') === id);
  if (broken) return new CliError(`dataset ${quote(id)} did not load: its descriptor ${broken.file} has errors (listed above)`, EXIT_FOUND_ERRORS);
  const known = catalog.datasets.map((d) => d.id);
  const list = known.length ? known.join(', ') : '(none: no descriptors under sources/)';
  return new CliError(`unknown dataset id ${quote(id)}${didYouMean(id, known)} (known: ${list})`, 1);
}
