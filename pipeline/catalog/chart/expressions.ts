// Expressions in a chart spec, wherever a spec carries them: `calculate`, `filter`, `expr`,
// `test`, `labelExpr`, param `expr`, `signal`/`update`, and the filters of event streams
// (`select.on: "click[event.shiftKey]"`, `clear`, `translate`, `zoom`, `bind.legend`), parsed
// with Vega's own parsers, then checked: only allowlisted functions called by name, no way to
// the prototype chain, the page or the window (`event.view`), and no object literal with the
// keys Vega's interpreter refuses (`{toString: …}`). The loader applies this to every chart, so
// what check refuses never reaches the renderer (vega-interpreter, no code generation) nor the
// browser's Vega runtime. The parsers are imported from the packages vega re-exports them
// from: loading all of vega for them took ~0.6 s of every catalog load.
import { parseSelector } from 'vega-event-selector';
import { parseExpression as parseVegaExpression } from 'vega-expression';
import { DisallowedObjectProperties } from 'vega-util';
import { quote } from '../../errors.ts';
import { nearest } from '../suggest.ts';
import { ALLOWED_FUNCTIONS, FORBIDDEN_NAMES, KNOWN_NAMES } from './expr-allowlist.ts';
import type { FieldRef } from './views.ts';
import type { SpecIssue } from './vl-errors.ts';

interface Node {
  type: string;
  [key: string]: unknown;
}
const parseExpression = parseVegaExpression as unknown as (text: string) => Node;
/** Object keys the interpreter refuses in an expression's object literal (it throws "Illegal property"). */
const DISALLOWED_OBJECT_KEYS: ReadonlySet<string> = DisallowedObjectProperties;

const EXPRESSION_KEYS = new Set(['calculate', 'expr', 'labelExpr', 'signal', 'update']);
const PREDICATE_KEYS = new Set(['filter', 'test']);
/** Keys whose string value is an event stream (`click[event.shiftKey]`); its [filters] are expressions. */
const EVENT_STREAM_KEYS = new Set(['on', 'clear', 'translate', 'zoom']);
/** What an expression may read of a DOM event: keys, buttons and positions, never its view or target. */
const EVENT_PROPERTIES = new Set([
  'type', 'shiftKey', 'altKey', 'ctrlKey', 'metaKey', 'button', 'buttons', 'key', 'code', 'repeat', 'detail',
  'x', 'y', 'clientX', 'clientY', 'pageX', 'pageY', 'screenX', 'screenY', 'offsetX', 'offsetY', 'movementX', 'movementY',
  'deltaX', 'deltaY', 'deltaZ', 'deltaMode', 'item', 'vega', 'timeStamp', 'pointerType', 'isPrimary',
]);
export const MAX_EXPRESSION_LENGTH = 2000;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNode = (v: unknown): v is Node => isObj(v) && typeof v.type === 'string';
const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

export interface FoundExpression {
  text: string;
  pointer: string;
  /** The key it was found under: in `calculate`, `filter` and `test`, `datum` is a data row. */
  key: string;
}

/** Every expression string in a spec with its pointer (inline data is never walked). */
export function expressionsIn(value: unknown, pointer = '', out: FoundExpression[] = []): FoundExpression[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => expressionsIn(v, `${pointer}/${i}`, out));
    return out;
  }
  if (!isObj(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'values' || k === 'datasets') continue;
    const at = `${pointer}/${esc(k)}`;
    if (typeof v === 'string' && (EXPRESSION_KEYS.has(k) || PREDICATE_KEYS.has(k))) out.push({ text: v, pointer: at, key: k });
    else if (PREDICATE_KEYS.has(k) && isObj(v)) predicateStrings(v, at, k, out);
    else if (EVENT_STREAM_KEYS.has(k) || (k === 'legend' && pointer.endsWith('/bind'))) eventStreamExpressions(v, at, out);
    else expressionsIn(v, at, out);
  }
  return out;
}

/**
 * The filter expressions of an event stream, written as a selector string
 * (`[mousedown[!event.shiftKey], mouseup] > mousemove`) or as objects ({type, filter, between}).
 * A selector that does not parse is reported as an expression that does not parse.
 */
function eventStreamExpressions(value: unknown, pointer: string, out: FoundExpression[]): void {
  if (typeof value === 'string') {
    let streams: unknown;
    try {
      streams = (parseSelector as unknown as (s: string, source: string) => unknown)(value, 'view');
    } catch {
      // vega-event-selector's message names no position; the rule's own problem points at the value.
      out.push({ text: value, pointer, key: 'event-stream' });
      return;
    }
    for (const text of selectorFilters(streams)) out.push({ text, pointer, key: 'event-stream' });
    return;
  }
  if (Array.isArray(value)) return value.forEach((v, i) => eventStreamExpressions(v, `${pointer}/${i}`, out));
  if (!isObj(value)) return;
  for (const [k, v] of Object.entries(value)) {
    const at = `${pointer}/${esc(k)}`;
    if (k === 'filter' && typeof v === 'string') out.push({ text: v, pointer: at, key: 'event-stream' });
    else if (k === 'filter' && Array.isArray(v)) v.forEach((f, i) => typeof f === 'string' && out.push({ text: f, pointer: `${at}/${i}`, key: 'event-stream' }));
    else if (EXPRESSION_KEYS.has(k) && typeof v === 'string') out.push({ text: v, pointer: at, key: k });
    else if (k === 'type' || k === 'source' || k === 'markname' || k === 'marktype') continue;
    else eventStreamExpressions(v, at, out);
  }
}

function selectorFilters(streams: unknown, out: string[] = []): string[] {
  if (Array.isArray(streams)) streams.forEach((s) => selectorFilters(s, out));
  else if (isObj(streams)) {
    if (Array.isArray(streams.filter)) for (const f of streams.filter) if (typeof f === 'string') out.push(f);
    for (const k of ['between', 'stream', 'merge']) if (k in streams) selectorFilters(streams[k], out);
  }
  return out;
}

/** `filter: {and: ["datum.a > 1", {field: ...}]}`: strings inside a composition are expressions. */
function predicateStrings(p: Record<string, unknown>, pointer: string, key: string, out: FoundExpression[]): void {
  for (const op of ['and', 'or'] as const) {
    const list = p[op];
    if (!Array.isArray(list)) continue;
    list.forEach((q, i) => {
      if (typeof q === 'string') out.push({ text: q, pointer: `${pointer}/${op}/${i}`, key });
      else if (isObj(q)) predicateStrings(q, `${pointer}/${op}/${i}`, key, out);
    });
  }
  if (typeof p.not === 'string') out.push({ text: p.not, pointer: `${pointer}/not`, key });
  else if (isObj(p.not)) predicateStrings(p.not, `${pointer}/not`, key, out);
  expressionsIn(p, pointer, out);
}

/** Names of params declared anywhere in the spec: expressions may read them. */
export function paramNames(spec: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(spec)) spec.forEach((s) => paramNames(s, out));
  else if (isObj(spec)) {
    if (Array.isArray(spec.params)) for (const p of spec.params) if (isObj(p) && typeof p.name === 'string') out.add(p.name);
    for (const [k, v] of Object.entries(spec)) if (k !== 'values' && k !== 'datasets') paramNames(v, out);
  }
  return out;
}

export interface ExpressionCheck {
  issues: SpecIssue[];
  /** `datum.x` / `datum['x']` reads, for the field rule. */
  fields: FieldRef[];
}

export function checkExpression(text: string, pointer: string, params: ReadonlySet<string>): ExpressionCheck {
  const issues: SpecIssue[] = [];
  const fields: FieldRef[] = [];
  const issue = (message: string, hint: string, severity?: 'warning'): void => void issues.push({ pointer, at: 'value', say: () => message, hint, ...(severity ? { severity } : {}) });
  if (text.length > MAX_EXPRESSION_LENGTH) {
    issue(`expression is ${text.length} characters long (at most ${MAX_EXPRESSION_LENGTH})`, 'move the work into transforms or the dataset\'s SQL');
    return { issues, fields };
  }
  let ast: Node;
  try {
    ast = parseExpression(text);
  } catch (e) {
    const why = (e as Error).message === 'Disabled.' ? 'it uses a JavaScript feature that Vega expressions do not allow (this, new, …)' : (e as Error).message;
    issue(`expression ${quote(text)} does not parse: ${why}`, 'Vega expressions are JavaScript-like: datum.pm25 > 35, year(datum.date), …');
    return { issues, fields };
  }
  const forbidden = (name: string): void =>
    issue(`expression ${quote(text)} uses ${quote(name)}, which is not allowed`, 'expressions may read only datum fields, params and allowlisted functions');
  const visit = (node: Node, role: 'value' | 'callee' = 'value'): void => {
    switch (node.type) {
      case 'ThisExpression':
        return forbidden('this');
      case 'Identifier': {
        const name = String(node.name);
        if (role === 'callee') {
          if (!ALLOWED_FUNCTIONS.has(name)) {
            const meant = nearest(name, ALLOWED_FUNCTIONS);
            issue(`expression ${quote(text)} calls ${name}(), which is not on the allowlist${meant ? `; did you mean "${meant}"?` : ''}`, 'see "Expressions" in CONTRIBUTING.md for the functions charts may call');
          }
          return;
        }
        if (FORBIDDEN_NAMES.has(name)) return forbidden(name);
        if (!KNOWN_NAMES.has(name) && !params.has(name)) {
          issue(`expression ${quote(text)} reads ${quote(name)}, which is neither datum nor a param of this chart`, 'read fields as datum.name; declare params under params:', 'warning');
        }
        return;
      }
      case 'MemberExpression': {
        const object = node.object as Node;
        const property = node.property as Node;
        const key = node.computed ? (property.type === 'Literal' ? property.value : undefined) : property.name;
        if (node.computed && property.type !== 'Literal') {
          issue(`expression ${quote(text)} looks up a property by a computed name`, 'write the name out: datum.name or datum["name"]');
          visit(property);
        } else if (typeof key === 'string' && FORBIDDEN_NAMES.has(key)) {
          forbidden(key);
        } else if (object.type === 'Identifier' && object.name === 'event' && typeof key === 'string' && !EVENT_PROPERTIES.has(key)) {
          issue(`expression ${quote(text)} reads event.${key}, which reaches the page, not the chart`, `expressions may read the event's keys and position (event.shiftKey, event.x, …), never its view or target`);
        }
        if (object.type === 'Identifier' && object.name === 'datum' && typeof key === 'string' && !FORBIDDEN_NAMES.has(key)) fields.push({ field: key, pointer });
        return visit(object);
      }
      case 'CallExpression': {
        const callee = node.callee as Node;
        if (callee.type !== 'Identifier') {
          issue(`expression ${quote(text)} calls a method; only functions called by name are allowed`, 'use the function form, e.g. upper(datum.name)');
          visit(callee);
        } else visit(callee, 'callee');
        for (const arg of node.arguments as Node[]) visit(arg);
        return;
      }
      case 'ObjectExpression':
        for (const p of node.properties as Node[]) {
          const k = p.key as Node | undefined;
          const name = k?.type === 'Literal' ? String(k.value) : k?.type === 'Identifier' ? String(k.name) : undefined;
          if (name !== undefined && DISALLOWED_OBJECT_KEYS.has(name)) {
            issue(`expression ${quote(text)} builds an object with the key ${quote(name)}, which is not allowed`, 'Vega refuses object keys that override built-in behaviour (toString, valueOf, constructor, …); choose another key');
          }
          visit(p);
        }
        return;
      case 'Property':
        if (node.computed) visit(node.key as Node);
        return visit(node.value as Node);
      default:
        for (const [k, v] of Object.entries(node)) {
          if (k === 'type') continue;
          if (Array.isArray(v)) for (const c of v) isNode(c) && visit(c);
          else if (isNode(v)) visit(v);
        }
    }
  };
  visit(ast);
  return { issues, fields };
}
