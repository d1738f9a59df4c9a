// Expressions in a chart spec (`calculate`, `filter`, `expr`, `test`, `labelExpr`, param
// `expr`) parsed with Vega's own expression parser, then checked: only allowlisted functions
// called by name, no way to the prototype chain or page globals. The renderer evaluates
// them with vega-interpreter (no code generation); this check stops them earlier, with a
// line number, and also before the browser's Vega runtime ever sees them.
import * as vega from 'vega';
import { quote } from '../errors.ts';
import { nearest } from '../catalog/index.ts';
import { ALLOWED_FUNCTIONS, FORBIDDEN_NAMES, KNOWN_NAMES } from './expr-allowlist.ts';
import type { FieldRef } from './spec-views.ts';
import type { SpecIssue } from './vl-errors.ts';

interface Node {
  type: string;
  [key: string]: unknown;
}
const parseExpression = (vega as unknown as { parseExpression: (text: string) => Node }).parseExpression;

const EXPRESSION_KEYS = new Set(['calculate', 'expr', 'labelExpr']);
const PREDICATE_KEYS = new Set(['filter', 'test']);
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
    else expressionsIn(v, at, out);
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
