// Rules about one dataset descriptor beyond its JSON Schema: how its parts refer to each
// other (primary key, district, derived columns) and the files it names.
import { GRAINS, periodOf, type Grain } from '../period.ts';
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
  problems.push(...timeRules(source, v, columns));

  if (isObj(v.extract)) problems.push(...(await extractRules(root, source, v.extract, opts)));
  return problems;
}

// A time column holds dates, months, quarters or years: text or integers, never measurements.
const TIME_TYPES = ['date', 'datetime', 'string', 'integer'];

/** `time`: its column exists and can hold a period; `asOf` reads as one. */
function timeRules(source: SourceDoc, v: Obj, columns: string[]): Problem[] {
  const problems: Problem[] = [];
  const add = (pointer: string, message: string, rule = 'time') => problems.push(problemAt(source, pointer, message, { rule }));
  const time = v.time;
  if (!isObj(time) || typeof time.grain !== 'string' || !(GRAINS as readonly string[]).includes(time.grain)) return problems; // the schema said why
  if ('column' in time && 'asOf' in time) {
    add('/time', '"time" has either "column" (each row\'s period) or "asOf" (one period for the whole dataset), not both', 'shape');
    return problems;
  }
  if (typeof time.column === 'string' && columns.length && columns.includes(time.column) && isObj(v.columns)) {
    const spec = v.columns[time.column];
    const type = isObj(spec) ? spec.type : 'string';
    if (typeof type === 'string' && !TIME_TYPES.includes(type)) {
      add('/time/column', `time column ${quote(time.column)} is of type ${type}; a period is a date, datetime, string (2026-11, 2026-Q3) or integer year`);
    }
    if (type === 'integer' && time.grain !== 'year') add('/time/grain', `time column ${quote(time.column)} holds integers, which can only be years; grain ${quote(time.grain)} needs dates or text such as 2026-11`);
  } else if (typeof time.column === 'string' && columns.length && !columns.includes(time.column)) {
    add('/time/column', `time column ${quote(time.column)} is not a declared column (columns: ${listed(columns)})${didYouMean(time.column, columns)}`, 'reference');
  }
  if ((typeof time.asOf === 'string' || typeof time.asOf === 'number') && !periodOf(time.asOf, time.grain as Grain)) {
    add('/time/asOf', `asOf ${quote(String(time.asOf))} is not a ${time.grain} (write ${EXAMPLE[time.grain as Grain]})`);
  }
  return problems;
}

const EXAMPLE: Record<Grain, string> = { day: '2026-11-27', month: '2026-11', quarter: '2026-Q3', year: '2016' };
