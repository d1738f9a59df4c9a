// Row schemas named by datasets: read, parsed and checked once per file however many
// datasets share it, then compared with each dataset's columns.
import type { Problem } from '../types.ts';
import { quote } from '../errors.ts';
import { datasetColumns } from './dataset-rules.ts';
import { isObj, type Obj } from './file-rules.ts';
import { readCatalogText, readText } from './files.ts';
import { resolveCatalogPath } from './paths.ts';
import { DISTRICT_COLUMNS } from './normalize.ts';
import { joinPointer } from './pointer.ts';
import { hasErrors, problemAt } from './problem.ts';
import { checkRowSchema } from './row-schema-check.ts';
import { parseSourceDoc, type SourceDoc } from './source-doc.ts';

export interface RowSchemaFile {
  /** Catalog-relative path. */
  path: string;
  /** Why the file could not be read (reported against the descriptor that names it). */
  readError?: string;
  /** The path rule refused it (a link leaving the catalog, a FIFO), rather than it being missing. */
  refused?: boolean;
  source?: SourceDoc;
  /** Problems inside the schema file. */
  problems: Problem[];
  ok: boolean;
}

export class RowSchemaCache {
  private readonly files = new Map<string, Promise<RowSchemaFile>>();
  constructor(private readonly root: string) {}

  /** The schema at a catalog-relative path, read from `real` (its real path, checked by the caller) or found again from the path. */
  get(path: string, real?: string): Promise<RowSchemaFile> {
    let file = this.files.get(path);
    if (!file) {
      file = this.load(path, real);
      this.files.set(path, file);
    }
    return file;
  }

  async all(): Promise<RowSchemaFile[]> {
    return Promise.all(this.files.values());
  }

  private async load(path: string, real?: string): Promise<RowSchemaFile> {
    const read = real ? await readText(real) : await readCatalogText(this.root, path);
    if ('error' in read) return { path, readError: read.error, refused: 'refused' in read && read.refused === true, problems: [], ok: false };
    const source = parseSourceDoc(path, read.text, 'json');
    const problems = [...source.problems];
    if (!hasErrors(problems)) problems.push(...checkRowSchema(source));
    return { path, source, problems, ok: !hasErrors(problems) };
  }
}

/** Said with every problem about `schema:`, so the author knows where the path starts. */
const SCHEMA_HINT = 'schema paths are relative to the catalog root, e.g. schemas/<id>.schema.json';

/**
 * The dataset's `schema`: problems in the descriptor about it (missing file, columns the
 * schema would reject) and whether the schema file itself is usable.
 */
export async function rowSchemaProblems(root: string, cache: RowSchemaCache, source: SourceDoc, v: Obj): Promise<{ problems: Problem[]; usable: boolean; file?: RowSchemaFile }> {
  if (typeof v.schema !== 'string') return { problems: [], usable: false };
  const at = (message: string, rule: string) => ({ problems: [problemAt(source, '/schema', message, { rule, hint: SCHEMA_HINT })], usable: false });
  const verdict = await resolveCatalogPath({ root, base: root, value: v.schema, what: 'schema file' });
  if (!verdict.ok) return at(verdict.message, verdict.rule);
  const file = await cache.get(verdict.shown, verdict.real);
  if (file.readError) return at(`schema file ${quote(v.schema)} ${file.readError}`, 'file-exists');
  if (!file.ok || !file.source || !isObj(file.source.value)) return { problems: [], usable: false, file };
  return { problems: coverageProblems(source, v, file.source), usable: true, file };
}

/** Columns the row schema would reject on every row, and required properties no row has. */
function coverageProblems(source: SourceDoc, v: Obj, schemaDoc: SourceDoc): Problem[] {
  const schema = schemaDoc.value as Obj;
  const problems: Problem[] = [];
  const columns = datasetColumns(v);
  const properties = isObj(schema.properties) ? Object.keys(schema.properties) : [];
  const closed = schema.additionalProperties === false || schema.unevaluatedProperties === false;
  if (closed && isObj(v.columns)) {
    for (const name of Object.keys(v.columns)) {
      if (properties.includes(name)) continue;
      problems.push(
        problemAt(source, joinPointer(['columns', name]), `column ${quote(name)} is not in the "properties" of ${schemaDoc.path}, which allows no others: every row would be rejected`, { at: 'key', rule: 'row-schema' }),
      );
    }
  }
  const missingGu = DISTRICT_COLUMNS.filter((c) => !properties.includes(c));
  if (closed && isObj(v.district) && missingGu.length) {
    problems.push(
      problemAt(source, '/district', `${schemaDoc.path} must allow ${missingGu.map((c) => `"${c}"`).join(', ')} (string or null): "district" adds them to every row`, { at: 'key', rule: 'row-schema' }),
    );
  }
  if (isObj(v.columns) && isObj(schema.properties)) problems.push(...typeProblems(source, v.columns, schema.properties, schemaDoc.path));
  if (Array.isArray(schema.required) && columns.length) {
    schema.required.forEach((name, i) => {
      if (typeof name === 'string' && !columns.includes(name)) {
        const id = typeof v.id === 'string' ? `dataset ${quote(v.id)}` : source.path;
        problems.push(problemAt(schemaDoc, `/required/${i}`, `"required" lists ${quote(name)}, which ${id} has no column for (columns: ${columns.join(', ')})`, { rule: 'row-schema' }));
      }
    });
  }
  return problems;
}

/** JSON types the canonical values of each column type are (docs/architecture.md §2). */
const PRODUCES: Record<string, string[]> = {
  string: ['string'], date: ['string'], datetime: ['string'], integer: ['integer', 'number'], number: ['number'], boolean: ['boolean'],
};

/**
 * A descriptor type the row schema contradicts: every value of the column would be rejected
 * (an integer column the schema calls a string), or some would (a number column the schema
 * holds to integers). Also the JSON Schema formats canonical dates never satisfy.
 */
function typeProblems(source: SourceDoc, columns: Obj, properties: Obj, schemaFile: string): Problem[] {
  const problems: Problem[] = [];
  for (const [name, spec] of Object.entries(columns)) {
    const prop = properties[name];
    if (!isObj(spec) || typeof spec.type !== 'string' || !PRODUCES[spec.type] || !isObj(prop)) continue;
    const pointer = joinPointer(['columns', name, 'type']);
    const declared = (Array.isArray(prop.type) ? prop.type : [prop.type]).filter((t): t is string => typeof t === 'string' && t !== 'null');
    const produced = PRODUCES[spec.type]!;
    const said = declared.map((t) => quote(t)).join(' or ');
    const partly = spec.type === 'number' && declared.includes('integer');
    if (declared.length && !partly && !declared.some((t) => produced.includes(t))) {
      problems.push(problemAt(source, pointer, `column ${quote(name)} is ${spec.type}, but ${schemaFile} says ${said} for it: every value would be rejected`, { rule: 'type-agreement' }));
    } else if (spec.type === 'number' && declared.length && declared.every((t) => t === 'integer')) {
      problems.push(problemAt(source, pointer, `column ${quote(name)} is number, but ${schemaFile} allows only "integer": values with decimals would be rejected`, { rule: 'type-agreement', severity: 'warning' }));
    }
    if ((spec.type === 'date' || spec.type === 'datetime') && (prop.format === 'date-time' || (spec.type === 'datetime' && prop.format === 'date'))) {
      const canonical = spec.type === 'date' ? 'yyyy-MM-dd' : 'yyyy-MM-ddTHH:mm (Seoul time, no zone)';
      problems.push(problemAt(source, pointer, `column ${quote(name)} is ${spec.type}, written ${canonical}, which ${schemaFile}'s "format": ${quote(prop.format)} refuses; use a "pattern" instead`, { rule: 'type-agreement' }));
    }
  }
  return problems;
}
