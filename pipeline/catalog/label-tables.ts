// Reading labels/<id>.yaml (translation tables) and resolving each dataset column's `labels`
// against them. Like every catalog file they come from pull requests: a broken table is a
// located problem and is left out; a column that names a missing table gets a warning naming
// the tables there are, and its values are shown in Korean (the data still publishes).
import { resolve } from 'node:path';
import { quote } from '../errors.ts';
import type { LabelTable, Problem } from '../types.ts';
import { ajvProblems, show } from './ajv-problems.ts';
import { descriptorValidator } from './descriptor-schemas.ts';
import type { Entry } from './entry.ts';
import { fileNameProblems, isObj } from './file-rules.ts';
import { listFiles, readCatalogText, YAML_FILE } from './files.ts';
import { BUILTIN_TABLES, hasHangul, resolveLabels, unitInEnglish, unitWords, type LabelsSpec } from './labels.ts';
import { joinPointer } from './pointer.ts';
import { hasErrors, problemAt, problemInFile } from './problem.ts';
import { parseSourceDoc } from './source-doc.ts';
import { nearest } from './suggest.ts';

export const LABELS_DIR = 'labels';

export interface LoadedLabelTables {
  /** Usable tables by id. */
  tables: Record<string, LabelTable>;
  problems: Problem[];
}

export async function loadLabelTables(root: string): Promise<LoadedLabelTables> {
  const tables: Record<string, LabelTable> = {};
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const path of await listFiles(root, LABELS_DIR, YAML_FILE)) {
    const read = await readCatalogText(root, path);
    if ('error' in read) {
      problems.push(problemInFile(path, `translation table ${read.error}`, { rule: read.refused ? 'path' : 'file' }));
      continue;
    }
    const source = parseSourceDoc(path, read.text);
    const found: Problem[] = [...source.problems];
    const v = source.value;
    if (!hasErrors(found)) {
      if (!isObj(v)) {
        found.push(problemAt(source, '', `a translation table is a mapping (id: ..., title: ..., values: {한국어: English}); got ${show(v)}`, { rule: 'schema' }));
      } else {
        const validate = descriptorValidator('labels');
        if (!validate(v)) found.push(...ajvProblems(source, validate.errors));
        found.push(...fileNameProblems(source, v));
        if (typeof v.id === 'string') {
          const other = seen.get(v.id);
          if (other) found.push(problemAt(source, '/id', `translation table ${quote(v.id)} is also defined in ${other}; ids are unique`, { rule: 'unique-id' }));
          else seen.set(v.id, path);
        }
        if (isObj(v.values)) {
          for (const [ko, en] of Object.entries(v.values)) {
            if (typeof en === 'string' && hasHangul(en)) {
              found.push(problemAt(source, joinPointer(['values', ko]), `the English form of ${quote(ko)} has Korean letters in it: ${quote(en)}`, { severity: 'warning', rule: 'labels' }));
            }
          }
        }
      }
    }
    problems.push(...found);
    if (!hasErrors(found) && isObj(v)) {
      const t = v as unknown as LabelTable;
      tables[t.id] = { id: t.id, title: t.title, description: t.description, source: t.source, values: t.values, file: path };
    }
  }
  return { tables, problems };
}

/**
 * Checks `columns.<name>.labels` of dataset entries against the tables (toDataset resolves them)
 * and checks every unit has an English form. Unknown table ids are warnings of the dataset.
 */
export function labelRules(datasets: Entry[], tables: Record<string, LabelTable>, tableFiles: string[]): void {
  const known = [...new Set([...Object.keys(tables), ...Object.keys(BUILTIN_TABLES)])].sort();
  const units = unitWords(tables);
  for (const e of datasets) {
    const columns = e.value?.columns;
    if (!isObj(columns)) continue;
    for (const [name, col] of Object.entries(columns)) {
      if (!isObj(col)) continue;
      const pointer = ['columns', name];
      if (col.labels !== undefined && isLabelsSpec(col.labels)) {
        const parts = Array.isArray(col.labels) ? col.labels.map((p, i) => [p, i] as const) : [[col.labels, undefined] as const];
        for (const [part, index] of parts) {
          if (typeof part !== 'string' || resolveLabels(part, tables).unknown.length === 0) continue;
          const guess = nearest(part, known);
          const where = tableFiles.length ? `the tables are ${known.join(', ')}` : `there is no ${LABELS_DIR}/ folder; the built-in tables are ${Object.keys(BUILTIN_TABLES).join(', ')}`;
          const at = joinPointer(index === undefined ? [...pointer, 'labels'] : [...pointer, 'labels', index]);
          // A warning: without its table the column is shown in Korean, marked as Korean; the data still publishes.
          e.problems.push(problemAt(e.source, at, `no translation table ${quote(part)} (${LABELS_DIR}/${part}.yaml), so English pages show these values in Korean${guess ? `; did you mean ${quote(guess)}?` : ''}; ${where}`, { severity: 'warning', rule: 'labels' }));
        }
      }
      if (typeof col.unit === 'string' && unitInEnglish(col.unit, units) === undefined) {
        e.problems.push(problemAt(e.source, joinPointer([...pointer, 'unit']), `unit ${quote(col.unit)} has no English form, so English pages show it in Korean: add it to ${LABELS_DIR}/units.yaml (values: {${col.unit}: ...})`, { severity: 'warning', rule: 'labels' }));
      }
    }
  }
}

function isLabelsSpec(v: unknown): v is LabelsSpec {
  const one = (x: unknown) => typeof x === 'string' || isObj(x);
  return one(v) || (Array.isArray(v) && v.every(one));
}
