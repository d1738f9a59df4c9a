// The transform stage's entrance: every derived dataset of the catalog computed from the
// validated snapshots in the work dir, then validated and stored exactly like a source dataset.
// A cycle calls it once and hands the result on to the build.
import { budgetsOf } from '../budgets.ts';
import type { Catalog, Effects } from '../types.ts';
import { loadRowSchema, validate } from '../validate/index.ts';
import type { WorkDir } from '../workdir.ts';
import { runTransforms } from './run-transforms.ts';
import type { TransformResult, ValidateFn } from './types.ts';

export interface TransformOptions {
  /** Where the descriptors' row schemas are read from. */
  catalogRoot: string;
  work: WorkDir;
}

/** Derived datasets are validated and stored exactly like source datasets. */
function derivedValidator(options: TransformOptions, effects: Effects): ValidateFn {
  return async (rows, ds) => {
    const schema = await loadRowSchema(options.catalogRoot, ds);
    const fetch = { outcome: 'fresh' as const, source: `sql:${ds.id}`, fetchedAt: effects.now().toISOString(), sample: false };
    return validate({ from: 'rows', dataset: ds, rows, schema, fetch, derived: { from: ds.from ?? [], sql: ds.sql ?? '' } }, { work: options.work }, effects);
  };
}

export async function transform(catalog: Catalog, options: TransformOptions, effects: Effects): Promise<TransformResult> {
  return runTransforms(catalog, { work: options.work, effects, validate: derivedValidator(options, effects), budgets: budgetsOf(catalog.settings.budgets) });
}
