// ajv's errors, turned into plain-language problems located in the file the user wrote:
// what is wrong, the value that was found, and the values that are allowed.
import type { ErrorObject } from 'ajv';
import type { Problem } from '../types.ts';
import { quote } from '../errors.ts';
import { joinPointer, pathLabel, splitPointer } from './pointer.ts';
import { problemAt, sortProblems } from './problem.ts';
import type { SourceDoc } from './source-doc.ts';
import { didYouMean, nearest } from './suggest.ts';
import { flowCommaHint } from './yaml-hints.ts';

/** What a pattern means, for the patterns our schemas use; anything else is quoted as is. */
export const PATTERN_HINTS: Readonly<Record<string, string>> = {
  '^[a-z0-9]+(-[a-z0-9]+)*$': 'lowercase letters, digits and single dashes between them (e.g. air-quality-daily)',
  '^(\\[[0-9A-Fa-f:.]+\\]|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*)$': 'a host name such as intranet.seoul.go.kr, or an IP address such as 10.0.0.5',
  '^[A-Za-z_][A-Za-z0-9_]*$': 'letters, digits and underscores, not starting with a digit (e.g. pm10, gu_code)',
  '^#[0-9a-fA-F]{6}$': 'a colour as # and six hex digits (e.g. #e3f0fb)',
  '^https?://[^\\s]+$': 'an http:// or https:// URL',
  '^[A-Za-z0-9][A-Za-z0-9.+-]*$': 'a licence id such as KOGL-1 or an SPDX id such as CC-BY-4.0',
  '^[A-Za-z][A-Za-z0-9_]*$': 'a Seoul Open API service name such as DailyAverageAirQuality',
  '\\.json$': 'a path ending in .json (e.g. schemas/air-quality-daily.schema.json)',
  '^(https?://|mailto:)\\S+$': 'an http(s):// or mailto: link',
  '^\\+?[0-9][0-9 -]{1,24}$': 'a phone number of digits, spaces and dashes (e.g. 02-120)',
  '^[^\\s@<>"\'(),;:\\\\]+@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$': 'an email address such as data@city.example',
  '^[^\\x00-\\x1f]*\\S[^\\x00-\\x1f]*$': 'one line of text, not blank',
  '^[^,\\s][^,]*$': 'a label name without commas, not starting with a space',
  '^P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$': 'an ISO 8601 duration in years, months, weeks and days (e.g. P1D, P2W, P1M, P1M15D)',
};

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  null: 'empty',
};

/** A value as a message shows it: strings quoted, lists and mappings named, never dumped. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return quote(value);
  return String(value);
}

const subject = (pointer: string): string => (pointer === '' ? 'the document' : `"${pathLabel(pointer)}"`);
const within = (pointer: string): string => (pointer === '' ? '' : ` in "${pathLabel(pointer)}"`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Why a conditionally required key is needed: `"kind" is "http"` / `"template" is set`. */
function describeCondition(ifSchema: unknown, branch: string): string {
  if (!ifSchema || typeof ifSchema !== 'object') return '';
  const s = ifSchema as { properties?: Record<string, { const?: unknown }>; required?: string[] };
  const consts = Object.entries(s.properties ?? {}).filter(([, p]) => p && 'const' in p);
  const parts = consts.map(([k, p]) => `"${k}" is ${JSON.stringify(p.const)}`);
  for (const k of s.required ?? []) if (!consts.some(([c]) => c === k)) parts.push(`"${k}" is set`);
  if (parts.length === 0) return '';
  if (branch === 'else') return parts.length === 1 && !consts.length ? ` (needed when "${s.required?.[0]}" is not set)` : ` (needed unless ${parts.join(' and ')})`;
  return ` (needed when ${parts.join(' and ')})`;
}

/**
 * Keep one message per place: inside anyOf/oneOf, ajv reports every failed alternative;
 * an enum mismatch says the most, otherwise the alternatives' types are merged.
 */
function collapseAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const alternatives = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  const out: ErrorObject[] = [];
  for (const path of new Set(errors.map((e) => e.instancePath))) {
    const here = errors.filter((e) => e.instancePath === path && e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
    if (!alternatives.has(path)) {
      out.push(...here);
      continue;
    }
    // An alternative that got further into the value (`type: [string, x]`) explains it best.
    if (errors.some((e) => e.instancePath.startsWith(`${path}/`))) continue;
    // `anyOf: [{required: [a]}, {required: [b]}]`: one message naming every key that would do.
    const required = here.filter((e) => e.keyword === 'required');
    if (required.length > 1 && required.length === here.length) {
      out.push({ ...required[0]!, params: { missingProperty: required.map((e) => String(e.params.missingProperty)), anyOf: true } });
      continue;
    }
    const enumError = here.find((e) => e.keyword === 'enum');
    const types = here.filter((e) => e.keyword === 'type');
    const rest = here.filter((e) => e.keyword !== 'type' && e.keyword !== 'enum');
    if (enumError) out.push(enumError);
    else if (types.length) {
      const merged = [...new Set(types.flatMap((e) => [e.params.type as string | string[]].flat()))];
      out.push({ ...types[0], params: { type: merged } });
    }
    out.push(...rest.filter((e) => !enumError || e.keyword !== 'const'));
  }
  return out;
}

export function ajvProblems(source: SourceDoc, errors: readonly ErrorObject[] | null | undefined, rule = 'schema'): Problem[] {
  if (!errors?.length) return [];
  const conditions = new Map<string, string>();
  for (const e of errors) {
    if (e.keyword !== 'if') continue;
    const prefix = e.schemaPath.replace(/if$/, '');
    const branch = String(e.params.failingKeyword);
    conditions.set(`${e.instancePath}|${prefix}${branch}/required`, describeCondition((e.parentSchema as { if?: unknown })?.if, branch));
  }
  // `specs:` is reported as an unknown key with "did you mean spec?"; "missing spec" would repeat it.
  const typos = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
    const meant = nearest(String(e.params.additionalProperty), allowed);
    if (meant !== undefined) typos.add(`${e.instancePath}|${meant}`);
  }
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const e of collapseAlternatives([...errors])) {
    if (e.keyword === 'required' && typos.has(`${e.instancePath}|${String(e.params.missingProperty)}`)) continue;
    const made = toProblem(source, e, conditions, rule);
    if (!made) continue;
    const key = `${made.line}:${made.col}:${made.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(made);
  }
  return sortProblems(problems);
}

function toProblem(source: SourceDoc, e: ErrorObject, conditions: Map<string, string>, rule: string): Problem | undefined {
  const path = e.instancePath;
  const p = e.params as Record<string, unknown>;
  const at = (pointer: string, message: string, where: 'key' | 'value' = 'value') => problemAt(source, pointer, message, { at: where, rule });

  // A bad key of a mapping whose keys are constrained (columns, areas, filters).
  if (e.propertyName !== undefined) {
    const keyPointer = joinPointer([...splitPointer(path), e.propertyName]);
    const what = `key ${quote(e.propertyName)}${within(path)}`;
    if (e.keyword === 'pattern') return at(keyPointer, `${what} must be ${PATTERN_HINTS[String(p.pattern)] ?? `matched by /${String(p.pattern)}/`}`, 'key');
    if (e.keyword === 'maxLength') return at(keyPointer, `${what} is too long (at most ${plural(Number(p.limit), 'character')})`, 'key');
    return at(keyPointer, `${what} ${e.message ?? 'is not allowed'}`, 'key');
  }

  switch (e.keyword) {
    case 'if':
    case 'propertyNames':
      return undefined; // explained by the errors they contain
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      const pointer = joinPointer([...splitPointer(path), key]);
      const hint = didYouMean(key, allowed) || flowCommaHint(source, pointer);
      return at(pointer, `unknown key ${quote(key)}${within(path)} (allowed: ${allowed.join(', ')})${hint}`, 'key');
    }
    case 'required': {
      if (p.anyOf) {
        const keys = (p.missingProperty as string[]).map((k) => quote(k));
        return at(path, `${subject(path)} needs one of ${keys.slice(0, -1).join(', ')} or ${keys[keys.length - 1]}`, 'key');
      }
      const key = String(p.missingProperty);
      const why = [...conditions.entries()].find(([k]) => k.startsWith(`${path}|`) && e.schemaPath.endsWith(k.slice(k.indexOf('|') + 1)))?.[1] ?? '';
      return at(path, `missing required key ${quote(key)}${within(path)}${why}`, 'key');
    }
    case 'dependentRequired':
      return at(path, `missing required key ${quote(String(p.missingProperty))}${within(path)} (needed when "${String(p.property)}" is set)`, 'key');
    case 'type': {
      const types = [p.type as string | string[]].flat();
      return at(path, `${subject(path)} must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}; got ${show(e.data)}`);
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const hint = typeof e.data === 'string' ? didYouMean(e.data, allowed) : '';
      return at(path, `${subject(path)} must be one of ${allowed.join(', ')}; got ${show(e.data)}${hint}`);
    }
    case 'const':
      return at(path, `${subject(path)} must be ${show(p.allowedValue)}; got ${show(e.data)}`);
    case 'pattern':
      return at(path, `${subject(path)} must be ${PATTERN_HINTS[String(p.pattern)] ?? `matched by /${String(p.pattern)}/`}; got ${show(e.data)}`);
    case 'minLength':
      return at(path, Number(p.limit) <= 1 ? `${subject(path)} must not be empty` : `${subject(path)} must be at least ${plural(Number(p.limit), 'character')} long`);
    case 'maxLength':
      return at(path, `${subject(path)} is too long: ${String(e.data).length} characters (at most ${Number(p.limit)})`);
    case 'minItems':
      return at(path, `${subject(path)} must list at least ${plural(Number(p.limit), 'item')}`);
    case 'maxItems':
      return at(path, `${subject(path)} must list at most ${plural(Number(p.limit), 'item')}; got ${Array.isArray(e.data) ? e.data.length : '?'}`);
    case 'minProperties':
      return at(path, `${subject(path)} must have at least ${plural(Number(p.limit), 'entry')}`.replace('entrys', 'entries'), 'key');
    case 'maxProperties':
      return at(path, `${subject(path)} must have at most ${Number(p.limit)} entries`, 'key');
    case 'uniqueItems': {
      const list = Array.isArray(e.data) ? e.data : [];
      const j = Number(p.j);
      return at(joinPointer([...splitPointer(path), Number(p.i)]), `${subject(path)} lists ${show(list[j])} more than once`);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' }[e.keyword];
      return at(path, `${subject(path)} must be ${words} ${String(p.limit)}; got ${show(e.data)}`);
    }
    case 'format':
      return at(path, `${subject(path)} must be a valid ${String(p.format)}; got ${show(e.data)}`);
    default:
      return at(path, `${subject(path)} ${e.message ?? `fails "${e.keyword}"`}`);
  }
}
