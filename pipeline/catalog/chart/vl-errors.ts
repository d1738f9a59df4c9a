// ajv's errors for a Vega-Lite spec, reduced to what the author needs. Vega-Lite's schema is
// a forest of anyOf alternatives, so one typo yields dozens of errors, most from alternatives
// the author never meant. Per place in the spec (deepest first):
//  - a key no alternative there knows is an unknown key ("did you mean …?");
//  - a plain value no alternative accepts gets one message listing what is allowed;
//  - errors at a place whose children already explain the failure are dropped (they come
//    from alternatives that stopped earlier);
//  - otherwise the alternative that best fits the value speaks (missing keys, unknown keys).
import type { ErrorObject } from 'ajv';
import { splitPointer } from '../pointer.ts';
import { show } from '../ajv-problems.ts';
import { nearest } from '../suggest.ts';
import { alternativesAt, isObjectSchema, schemaProperties, type Schema } from './vl-schema.ts';

/** Names a place in the spec for a message (`spec.encoding.x`), given its pointer there. */
export type Labeler = (pointer: string) => string;

/** One finding, at a pointer inside the validated spec; `say` words it with the author's names. */
export interface SpecIssue {
  pointer: string;
  at: 'key' | 'value';
  say: (label: Labeler) => string;
  hint?: string;
  /** Default error. */
  severity?: 'warning';
}

const STRUCTURE = new Set(['anyOf', 'oneOf', 'allOf', 'if', 'then', 'else', 'not']);
const TYPE_WORDS: Record<string, string> = { string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false', array: 'a list', object: 'a mapping', null: 'null' };
const HINT = 'see the Vega-Lite documentation (vega.github.io/vega-lite/docs) for what this part accepts';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function valueAt(data: unknown, pointer: string): unknown {
  let cur = data;
  for (const seg of splitPointer(pointer)) cur = Array.isArray(cur) ? cur[Number(seg)] : isObj(cur) ? cur[seg] : undefined;
  return cur;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;
}

function typesOf(s: Schema): string[] {
  if (Array.isArray(s.type)) return s.type as string[];
  if (typeof s.type === 'string') return [s.type];
  if ('const' in s) return [jsonType(s.const)];
  if (Array.isArray(s.enum)) return [...new Set(s.enum.map(jsonType))];
  return isObjectSchema(s) ? ['object'] : [];
}

const typeMatches = (types: string[], v: unknown) => types.length === 0 || types.includes(jsonType(v)) || (jsonType(v) === 'integer' && types.includes('number'));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether the alternative could accept the value, judged by type, enum and const only. */
function mayAccept(s: Schema, v: unknown): boolean {
  if ('const' in s) return same(s.const, v);
  if (Array.isArray(s.enum)) return s.enum.some((e) => same(e, v));
  return typeMatches(typesOf(s), v);
}

function knows(s: Schema, key: string): boolean {
  if (schemaProperties(s).includes(key)) return true;
  if (isObj(s.patternProperties) && Object.keys(s.patternProperties).some((p) => new RegExp(p, 'u').test(key))) return true;
  return s.additionalProperties !== false;
}

/** Alternative that best fits an object: most keys known, fewest required keys missing. */
function bestFit(alts: Schema[], value: Record<string, unknown>): Schema | undefined {
  let best: Schema | undefined;
  let bestScore = -Infinity;
  for (const a of alts) {
    const keys = Object.keys(value);
    const known = keys.filter((k) => knows(a, k)).length;
    const missing = (Array.isArray(a.required) ? (a.required as string[]) : []).filter((k) => !(k in value)).length;
    const props = isObj(a.properties) ? a.properties : {};
    // a discriminating const/enum (mark `type: boxplot`) that the value contradicts rules it out
    const contradicts = keys.some((k) => isObj(props[k]) && ('const' in (props[k] as Schema) || Array.isArray((props[k] as Schema).enum)) && !mayAccept(props[k] as Schema, value[k]));
    const score = known * 2 - missing - (contradicts ? 10 : 0) - (keys.length - known) * 3;
    if (score > bestScore) [best, bestScore] = [a, score];
  }
  return best;
}

function allowedText(alts: Schema[], value: unknown): string {
  const enums = [...new Set(alts.flatMap((a) => ('const' in a ? [a.const] : Array.isArray(a.enum) ? a.enum : [])).map((e) => JSON.stringify(e)))];
  const freeTypes = [...new Set(alts.filter((a) => !('const' in a) && !Array.isArray(a.enum)).flatMap(typesOf))];
  const parts = freeTypes.map((t) => TYPE_WORDS[t] ?? t);
  if (enums.length) parts.push(`one of ${enums.slice(0, 30).join(', ')}${enums.length > 30 ? ', …' : ''}`);
  const strings = enums.map((e) => JSON.parse(e) as unknown).filter((e): e is string => typeof e === 'string');
  const meant = typeof value === 'string' ? nearest(value, strings) : undefined;
  return `must be ${parts.join(', or ') || 'something else'}; got ${show(value)}${meant ? `; did you mean "${meant}"?` : ''}`;
}

function unknownKey(pointer: string, key: string, candidates: string[]): SpecIssue {
  const meant = nearest(key, candidates);
  return {
    pointer: `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
    at: 'key',
    say: (label) => `unknown key ${JSON.stringify(key)} in "${label(pointer)}"${meant ? `; did you mean "${meant}"?` : ''}`,
    hint: meant ? `rename it to "${meant}"` : 'remove it or fix its spelling; ' + HINT,
  };
}

export function vegaLiteIssues(errors: readonly ErrorObject[], data: unknown): SpecIssue[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) if (!STRUCTURE.has(e.keyword)) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  const paths = [...byPath.keys()].sort((a, b) => splitPointer(b).length - splitPointer(a).length || (a < b ? -1 : 1));
  const issues: SpecIssue[] = [];
  const explained = new Set<string>();
  const deeper = (p: string) => [...explained].some((r) => r.startsWith(`${p}/`));
  for (const p of paths) {
    const here = byPath.get(p)!;
    const value = valueAt(data, p);
    const alts = alternativesAt(splitPointer(p));
    const found: SpecIssue[] = [];
    if (isObj(value)) {
      const objAlts = alts.filter(isObjectSchema);
      const flagged = [...new Set(here.filter((e) => e.keyword === 'additionalProperties').map((e) => String(e.params.additionalProperty)))];
      const everywhere = flagged.filter((k) => objAlts.length > 0 && objAlts.every((a) => !knows(a, k)));
      const candidates = [...new Set((bestFit(objAlts, value) ? [bestFit(objAlts, value)!] : objAlts).flatMap(schemaProperties))];
      for (const k of everywhere) found.push(unknownKey(p, k, candidates));
      if (!found.length && objAlts.length === 0 && alts.length) found.push({ pointer: p, at: 'value', say: (l) => `"${l(p)}" ${allowedText(alts, value)}`, hint: HINT });
    } else if (!alts.some((a) => mayAccept(a, value)) && alts.length) {
      found.push({ pointer: p, at: 'value', say: (l) => `"${l(p)}" ${allowedText(alts, value)}`, hint: HINT });
    }
    if (found.length) {
      issues.push(...found);
      explained.add(p);
      continue;
    }
    if (deeper(p)) continue;
    if (isObj(value)) {
      const best = bestFit(alts.filter(isObjectSchema), value);
      if (best) {
        const missing = (Array.isArray(best.required) ? (best.required as string[]) : []).filter((k) => !(k in value));
        for (const k of missing) found.push({ pointer: p, at: 'key', say: (l) => `"${l(p)}" is missing the key ${JSON.stringify(k)}`, hint: `add ${k}: …; ${HINT}` });
        for (const k of Object.keys(value).filter((key) => !knows(best, key))) found.push(unknownKey(p, k, schemaProperties(best)));
      }
    }
    if (!found.length) {
      // Not about which alternative: a limit or pattern every fitting alternative shares.
      const plain = here.find((e) => !['type', 'enum', 'const', 'additionalProperties', 'required'].includes(e.keyword));
      if (!plain && !isObj(value) && alts.some((a) => mayAccept(a, value))) continue;
      const e = plain ?? here[0];
      found.push({ pointer: p, at: 'value', say: (l) => `"${l(p)}" ${e.message ?? `fails ${e.keyword}`}`, hint: HINT });
    }
    issues.push(...found);
    explained.add(p);
  }
  return issues;
}
