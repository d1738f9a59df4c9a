// Vega-Lite's own JSON Schema (draft-07), compiled once per process: it is ~1.9 MB, and
// ajv's default (inlined, optimised) code takes ~20 s to build, so refs stay functions and
// the optimiser is off (~2 s). The installed package ships the same validator compiled ahead of
// time (npm pack writes lib/catalog/chart/vl-validate.cjs with ajv's standalone code), used when it was
// made from the very schema installed beside it. The raw schema is also walked to learn which
// alternatives apply at a place in a spec, which turns ajv's anyOf noise into one useful message.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import { sha256 as sha256Hex } from '../../hash.ts';
import { loadPrecompiled } from '../precompiled.ts';

export type Schema = Record<string, unknown>;

/** strict off: the schema uses keywords ajv does not know; formats are not what we check. */
export const VEGA_LITE_AJV_OPTIONS: Options = { allErrors: true, strict: false, validateFormats: false, logger: false, inlineRefs: false, code: { optimize: false } };
/** The ahead-of-time validator's file name, beside this module in the package. */
export const PRECOMPILED_VALIDATOR = 'vl-validate.cjs';

let compiled: { validate: ValidateFunction; root: Schema } | undefined;

/** The installed vega-lite's schema, as text, and the sha256 that names it. */
export function vegaLiteSchemaText(): { text: string; sha256: string } {
  const require = createRequire(import.meta.url);
  const text = readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8');
  return { text, sha256: sha256Hex(text) };
}

/** The compiled Vega-Lite validator (allErrors) and the schema it was built from. */
export function vegaLiteValidator(): { validate: ValidateFunction; root: Schema } {
  if (!compiled) {
    const { text, sha256 } = vegaLiteSchemaText();
    const root = JSON.parse(text) as Schema;
    compiled = { validate: loadPrecompiled<ValidateFunction>(import.meta.url, PRECOMPILED_VALIDATOR, sha256) ?? new Ajv(VEGA_LITE_AJV_OPTIONS).compile(root), root };
  }
  return compiled;
}

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

function deref(root: Schema, s: Schema): Schema {
  let cur = s;
  for (let i = 0; i < 32 && typeof cur.$ref === 'string'; i++) {
    const ref = cur.$ref as string;
    if (!ref.startsWith('#/')) break;
    let next: unknown = root;
    for (const seg of ref.slice(2).split('/')) next = isSchema(next) ? next[decodeURIComponent(seg).replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    if (!isSchema(next)) break;
    cur = next;
  }
  return cur;
}

/** The concrete alternatives a schema allows: refs followed, anyOf/oneOf/allOf flattened. */
function flatten(root: Schema, s: Schema, out: Schema[], depth = 0): void {
  const d = deref(root, s);
  if (out.includes(d) || depth > 40) return;
  const branches = [d.anyOf, d.oneOf, d.allOf].filter(Array.isArray).flat() as unknown[];
  if (branches.length) {
    for (const b of branches) if (isSchema(b)) flatten(root, b, out, depth + 1);
    if (!d.type && !d.properties && !d.enum && !('const' in d)) return;
  }
  out.push(d);
}

function children(s: Schema, seg: string): Schema[] {
  const out: Schema[] = [];
  if (isSchema(s.properties) && isSchema(s.properties[seg])) out.push(s.properties[seg] as Schema);
  else if (isSchema(s.patternProperties)) {
    for (const [pattern, sub] of Object.entries(s.patternProperties)) if (isSchema(sub) && new RegExp(pattern, 'u').test(seg)) out.push(sub);
  }
  if (out.length === 0 && isSchema(s.additionalProperties)) out.push(s.additionalProperties);
  if (/^\d+$/.test(seg)) {
    if (isSchema(s.items)) out.push(s.items);
    else if (Array.isArray(s.items) && isSchema(s.items[Number(seg)])) out.push(s.items[Number(seg)] as Schema);
  }
  return out;
}

const cache = new Map<string, Schema[]>();

/**
 * Every concrete schema that may apply at a JSON pointer in a top-level spec, across all
 * alternatives on the way down (a superset: alternatives are not pruned by the data).
 */
export function alternativesAt(segments: readonly string[]): Schema[] {
  const key = segments.join('\u0000');
  const hit = cache.get(key);
  if (hit) return hit;
  const { root } = vegaLiteValidator();
  let current: Schema[] = [];
  flatten(root, root, current);
  for (const seg of segments) {
    const next: Schema[] = [];
    for (const s of current) for (const c of children(s, seg)) flatten(root, c, next);
    current = next;
  }
  cache.set(key, current);
  return current;
}

export const schemaProperties = (s: Schema): string[] => (isSchema(s.properties) ? Object.keys(s.properties) : []);
export const isObjectSchema = (s: Schema): boolean => s.type === 'object' || (s.type === undefined && isSchema(s.properties));
