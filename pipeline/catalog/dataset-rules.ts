// Rules about one dataset descriptor beyond its JSON Schema: how its parts refer to each
// other (primary key, district, derived columns) and the files it names.
import type { Problem } from '../types.ts';
import { quote } from '../errors.ts';
import { extractRules, type ExtractRuleOptions } from './extract-rules.ts';
import { datasetFolderProblems, fileNameProblems, isObj, type Obj } from './file-rules.ts';
import { DISTRICT_COLUMNS } from './normalize.ts';
import { joinPointer } from './pointer.ts';
import { problemAt } from './problem.ts';
import type { SourceDoc } from './source-doc.ts';
import { didYouMean } from './suggest.ts';
import { descriptorSchemas } from './descriptor-schemas.ts';

/** Columns every row of the dataset has: the declared ones, plus gu_* when conformed to districts. */
export function datasetColumns(v: Obj): string[] {
  const declared = isObj(v.columns) ? Object.keys(v.columns) : [];
  return isObj(v.district) ? [...declared, ...DISTRICT_COLUMNS.filter((c) => !declared.includes(c))] : declared;
}

const listed = (names: string[]) => (names.length ? names.join(', ') : 'none');
const ROOT_KEYS = Object.keys((descriptorSchemas.dataset.properties ?? {}) as object);

export type DatasetRuleOptions = ExtractRuleOptions;

export async function datasetRules(root: string, source: SourceDoc, v: Obj, opts: DatasetRuleOptions = {}): Promise<Problem[]> {
  const problems = [...fileNameProblems(source, v), ...datasetFolderProblems(source, v)];
  const add = (pointer: string, message: string, at: 'key' | 'value' = 'value', rule = 'reference') => problems.push(problemAt(source, pointer, message, { at, rule }));
  const derived = 'from' in v || 'sql' in v;

  if ('extract' in v && derived) add('/extract', 'a dataset has either "extract" (fetched) or "from" and "sql" (derived), not both', 'key', 'shape');
  const misspelt = Object.keys(v).some((k) => !ROOT_KEYS.includes(k)); // the unknown key's message already says what is wrong
  if (!('extract' in v) && !derived && !misspelt) add('', 'missing required key "extract" (where to fetch the data), or "from" and "sql" for a derived dataset', 'key', 'shape');

  const columns = datasetColumns(v);
  if (isObj(v.columns)) {
    for (const [name, spec] of Object.entries(v.columns)) {
      if (derived && isObj(spec) && 'from' in spec) add(joinPointer(['columns', name, 'from']), `derived columns take no "from": column ${quote(name)} is named by the SQL result`, 'key', 'shape');
      if (isObj(v.district) && (DISTRICT_COLUMNS as readonly string[]).includes(name)) {
        add(joinPointer(['columns', name]), `column ${quote(name)} clashes with the column "district" adds (${DISTRICT_COLUMNS.join(', ')}); rename it`, 'key', 'shape');
      }
    }
  }
  const checkColumn = (pointer: string, name: unknown, role: string, known: string[]) => {
    if (typeof name !== 'string' || known.length === 0 || known.includes(name)) return;
    add(pointer, `${role} ${quote(name)} is not a declared column (columns: ${listed(known)})${didYouMean(name, known)}`);
  };
  if (Array.isArray(v.primaryKey)) v.primaryKey.forEach((c, i) => checkColumn(`/primaryKey/${i}`, c, 'primary key column', columns));
  // The district column is read before gu_* exist, so only declared columns count here.
  const declared = isObj(v.columns) ? Object.keys(v.columns) : [];
  if (isObj(v.district)) checkColumn('/district/from', v.district.from, 'district column', declared);

  if (isObj(v.extract)) problems.push(...(await extractRules(root, source, v.extract, opts)));
  return problems;
}
