// The validate stage's one entrance (docs/architecture.md §10): `validate(input, options, effects)`.
// It validates one dataset's rows against its columns, row schema and primary key and, unless
// told to store nothing, stores the valid rows as the dataset's snapshot with a report. Three
// kinds of input:
//   stored: what extract stored in raw/<id>/ (the cycle has just fetched it; the `validate` and
//           `check` commands fetch what is missing first, through extract's fetchIfMissing);
//   file:   a file given by hand (`validate --file`), checked against the descriptor, stored nowhere;
//   rows:   rows already in hand, typed (a derived dataset's, from the transform).
// It never fetches: fetching is extract's business, so validate never goes to the network.
import type { Catalog, DatasetDescriptor, Effects, FetchInfo, Row } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { validateFile, validateStored } from './validate-dataset.ts';
import { validateRows, type ValidationResult } from './validate-rows.ts';

export type ValidateInput =
  | {
      from: 'stored';
      dataset: DatasetDescriptor;
      catalog: Catalog;
      /** Why the fetch that should have stored the input failed: the dataset fails, saying so. */
      fetchFailure?: string;
    }
  | { from: 'file'; dataset: DatasetDescriptor; catalog: Catalog; path: string; /** how the file is named in messages */ where: string }
  | {
      from: 'rows';
      dataset: DatasetDescriptor;
      rows: AsyncIterable<Row>;
      /** The dataset's row schema (loadRowSchema). */
      schema: unknown;
      /** Kept in the snapshot's meta: where the rows came from. */
      fetch: FetchInfo;
      /** Derived datasets: their source ids and SQL, kept in the meta. */
      derived?: { from: string[]; sql: string };
    };

export interface ValidateOptions {
  work: WorkDir;
}

/** One dataset validated; `meta` is the stored snapshot's (null when it failed, or for a file). */
export async function validate(input: ValidateInput, options: ValidateOptions, effects: Effects): Promise<ValidationResult> {
  const ctx = { work: options.work, effects };
  switch (input.from) {
    case 'stored':
      return validateStored(input.dataset, input.catalog, ctx, input.fetchFailure);
    case 'file':
      return { report: await validateFile(input.dataset, input.catalog, input.path, input.where, ctx), meta: null };
    case 'rows':
      return validateRows(input.rows, input.dataset, input.schema, { work: options.work, effects, fetch: input.fetch, derived: input.derived });
  }
}
