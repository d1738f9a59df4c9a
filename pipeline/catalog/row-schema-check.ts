// A row schema (schemas/*.json) must be valid JSON, valid JSON Schema 2020-12, and safe to
// run against untrusted data on every row: self-contained (no remote $ref), no $data, no
// `format: regex`, and no regular expression on a string of unbounded length.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { Problem } from '../types.ts';
import { quote } from '../errors.ts';
import { ajvProblems } from './ajv-problems.ts';
import { joinPointer, pathLabel, splitPointer } from './pointer.ts';
import { problemAt } from './problem.ts';
import type { SourceDoc } from './source-doc.ts';
import { didYouMean } from './suggest.ts';
import { linearPatternError, linearRegExp } from './linear-regexp.ts';

/** Longest string a pattern may be run on. */
export const MAX_PATTERN_SUBJECT = 10_000;
const META_2020 = /^https:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/;

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_ONE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'additionalItems', 'contentSchema'];
const SCHEMA_LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const DATA = ['const', 'enum', 'default', 'examples'];
const OTHER = [
  '$schema', '$id', '$ref', '$dynamicRef', '$dynamicAnchor', '$anchor', '$recursiveRef', '$recursiveAnchor', '$comment', '$vocabulary',
  'type', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern',
  'maxItems', 'minItems', 'uniqueItems', 'maxContains', 'minContains', 'maxProperties', 'minProperties', 'required',
  'dependentRequired', 'dependencies', 'format', 'contentEncoding', 'contentMediaType', 'title', 'description', 'deprecated',
  'readOnly', 'writeOnly', 'nullable',
];
const KEYWORDS = [...SCHEMA_MAPS, ...SCHEMA_ONE, ...SCHEMA_LIST, ...DATA, ...OTHER];
const FORMATS = Object.keys(fullFormats).filter((f) => f !== 'regex');

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

let ajv: Ajv2020 | undefined;
function checker(): Ajv2020 {
  if (!ajv) {
    // The validator's regular-expression engine, so a pattern check accepts is one it can run.
    ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, strictTypes: false, strictTuples: false, allowUnionTypes: true, logger: false, code: { regExp: linearRegExp } });
    addFormats.default(ajv);
  }
  return ajv;
}

/** Every problem with one row schema; none means it compiles and is safe to run. */
export function checkRowSchema(source: SourceDoc): Problem[] {
  const schema = source.value;
  if (typeof schema === 'boolean') return [problemAt(source, '', 'a row schema must be a JSON object (describing the columns of one row), not true or false', { rule: 'row-schema' })];
  if (!isObj(schema)) return [problemAt(source, '', 'a row schema must be a JSON object describing one row', { rule: 'row-schema' })];
  const problems: Problem[] = [];
  const add = (pointer: string, message: string, at: 'key' | 'value' = 'value') => problems.push(problemAt(source, pointer, message, { at, rule: 'row-schema' }));
  const anchors = collectAnchors(schema);

  findData(schema, [], (path) => add(joinPointer(path), '"$data" is not allowed (a schema must not depend on the data it checks)', 'key'));
  if ('$schema' in schema && !(typeof schema.$schema === 'string' && META_2020.test(schema.$schema))) {
    add('/$schema', `"$schema" must be https://json-schema.org/draft/2020-12/schema (or left out); got ${quote(schema.$schema)}`);
  }

  const walk = (node: unknown, path: (string | number)[]): void => {
    if (typeof node === 'boolean' || !isObj(node)) return; // non-objects are reported by the meta-schema
    const here = joinPointer(path);
    for (const [key, value] of Object.entries(node)) {
      const at = [...path, key];
      if (key === '$data') continue;
      if (!KEYWORDS.includes(key)) add(joinPointer(at), `unknown keyword ${quote(key)}${didYouMean(key, KEYWORDS)}`, 'key');
      else if (SCHEMA_ONE.includes(key)) walk(value, at);
      else if (SCHEMA_LIST.includes(key) && Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i]));
      else if (SCHEMA_MAPS.includes(key) && isObj(value)) for (const [name, sub] of Object.entries(value)) walk(sub, [...at, name]);
    }
    if (typeof node.pattern === 'string') checkPattern(node, here, node.pattern, add);
    if (isObj(node.patternProperties)) {
      for (const p of Object.keys(node.patternProperties)) {
        const bad = regexError(p);
        if (bad) add(joinPointer([...path, 'patternProperties', p]), `${quote(p)} is not a valid regular expression: ${bad}`, 'key');
      }
      const names = isObj(node.propertyNames) ? node.propertyNames : undefined;
      if (!names || typeof names.maxLength !== 'number') add(`${here}/patternProperties`, '"patternProperties" needs "propertyNames": {"maxLength": N} next to it (no unbounded patterns on unbounded strings)', 'key');
    }
    if (node.format === 'regex') add(`${here}/format`, '"format": "regex" is not allowed (it would compile data as a regular expression)');
    else if (typeof node.format === 'string' && !FORMATS.includes(node.format)) {
      add(`${here}/format`, `unknown format ${quote(node.format)} (known: ${FORMATS.join(', ')})${didYouMean(node.format, FORMATS)}`);
    }
    for (const refKey of ['$ref', '$dynamicRef', '$recursiveRef']) {
      const ref = node[refKey];
      if (typeof ref === 'string') checkRef(schema, anchors, ref, `${here}/${refKey}`, refKey, add);
    }
  };
  walk(schema, []);
  if (problems.length) return problems;

  const meta = checker();
  if (!meta.validateSchema(schema)) return ajvProblems(source, meta.errors, 'row-schema');
  try {
    meta.compile(schema);
  } catch (e) {
    add('', `not a usable JSON Schema: ${(e as Error).message}`);
  } finally {
    meta.removeSchema(schema); // no $id clashes between files, or between runs
  }
  return problems;
}

function checkPattern(node: Obj, here: string, pattern: string, add: (p: string, m: string, at?: 'key' | 'value') => void): void {
  const bad = regexError(pattern);
  if (bad) return add(`${here}/pattern`, `"pattern" ${quote(pattern)} is not a valid regular expression: ${bad}`);
  if (typeof node.maxLength !== 'number') {
    return add(`${here}/pattern`, '"pattern" needs a "maxLength" next to it (an unbounded pattern on an unbounded string can make validation hang)', 'key');
  }
  if (node.maxLength > MAX_PATTERN_SUBJECT) add(`${here}/maxLength`, `"maxLength" ${node.maxLength} is too large to bound "pattern" (at most ${MAX_PATTERN_SUBJECT})`);
}

const regexError = linearPatternError;

function checkRef(root: Obj, anchors: Set<string>, ref: string, pointer: string, refKey: string, add: (p: string, m: string) => void): void {
  if (!ref.startsWith('#')) {
    return add(pointer, `remote "${refKey}" ${quote(ref)} is not allowed: a row schema must be self-contained (copy the definition into "$defs")`);
  }
  if (ref === '#') return;
  if (!ref.startsWith('#/')) {
    if (!anchors.has(ref.slice(1))) add(pointer, `"${refKey}" ${quote(ref)} names no "$anchor" in this schema`);
    return;
  }
  let node: unknown = root;
  const segments = splitPointer(decodeURIComponent(ref.slice(1)));
  for (const [i, seg] of segments.entries()) {
    const next = isObj(node) ? node[seg] : Array.isArray(node) ? node[Number(seg)] : undefined;
    if (next === undefined) {
      const siblings = isObj(node) ? Object.keys(node) : [];
      const parent = pathLabel(joinPointer(segments.slice(0, i))) || 'the schema';
      return add(pointer, `"${refKey}" ${quote(ref)} points at nothing: ${parent} has no ${quote(seg)}${didYouMean(seg, siblings)}`);
    }
    node = next;
  }
}

function collectAnchors(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((v) => collectAnchors(v, out));
  else if (isObj(node)) {
    for (const [k, v] of Object.entries(node)) {
      if ((k === '$anchor' || k === '$dynamicAnchor') && typeof v === 'string') out.add(v);
      else collectAnchors(v, out);
    }
  }
  return out;
}

function findData(node: unknown, path: (string | number)[], found: (path: (string | number)[]) => void): void {
  if (Array.isArray(node)) node.forEach((v, i) => findData(v, [...path, i], found));
  else if (isObj(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$data') found([...path, k]);
      else findData(v, [...path, k], found);
    }
  }
}
