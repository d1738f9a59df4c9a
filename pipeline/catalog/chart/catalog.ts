// Chart spec rules applied where the catalog is loaded: a chart whose spec `check` refuses
// (URLs, expressions off the allowlist, invalid Vega-Lite, unknown fields) is left out of every
// command's catalog, so the renderer never sees it.
import { DISTRICT_COLUMNS } from '../normalize.ts';
import { entryId, type Entry } from '../entry.ts';
import { isObj } from '../file-rules.ts';
import { asDescriptorFile } from '../sql/catalog.ts';
import { isColumnType } from '../../column-types.ts';
import type { ColumnType } from '../../types.ts';
import type { DatasetColumns } from './fields.ts';
import { chartProblems } from './rules.ts';

/** Column types of every dataset that parses (broken ones too: their charts still get checked). */
function columnTypes(datasets: readonly Entry[]): DatasetColumns {
  const out = new Map<string, Map<string, ColumnType>>();
  for (const e of datasets) {
    const id = entryId(e);
    const v = e.value;
    if (!id || !v || out.has(id) || !isObj(v.columns)) continue;
    const cols = new Map<string, ColumnType>();
    for (const [name, spec] of Object.entries(v.columns)) cols.set(name, isObj(spec) && isColumnType(spec.type) ? spec.type : 'string');
    // Derived SQL may pass the district columns through without declaring them.
    const passesGu = typeof v.sql === 'string' && /\bgu_(code|ko|en)\b/.test(v.sql);
    if (isObj(v.district) || passesGu) for (const c of DISTRICT_COLUMNS) if (!cols.has(c)) cols.set(c, 'string');
    out.set(id, cols);
  }
  return out;
}

export function chartSpecRules(charts: Entry[], datasets: readonly Entry[]): void {
  if (charts.length === 0) return;
  const columns = columnTypes(datasets);
  const datasetIds = new Set(datasets.map(entryId).filter((id): id is string => id !== undefined));
  for (const e of charts) e.problems.push(...chartProblems(asDescriptorFile(e), { columns, datasetIds }));
}
