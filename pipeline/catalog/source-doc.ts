// A YAML or JSON file the user wrote, parsed with source positions, so that any problem
// found in its plain value (by JSON pointer) can be reported at `path:line:col`.
// JSON is parsed with the YAML parser too (JSON is YAML) to get node ranges; a strict
// JSON checker decides whether a .json file is actually valid JSON.
import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Problem } from '../types.ts';
import { quote } from '../errors.ts';
import { checkJsonSyntax } from './json-syntax.ts';
import { MAX_NESTING, tooDeep } from './nesting.ts';
import { splitPointer } from './pointer.ts';

export interface Position {
  line: number;
  col: number;
}

export interface SourceDoc {
  /** Path shown in messages (catalog-relative, forward slashes). */
  path: string;
  text: string;
  format: 'yaml' | 'json';
  lineCounter: LineCounter;
  doc: Document.Parsed;
  /** The plain value; undefined when the file has syntax errors. */
  value: unknown;
  /** Syntax problems (errors and warnings) found while parsing. */
  problems: Problem[];
}

/** Aliases may expand at most this much: a "billion laughs" file is an error, not an outage. */
const MAX_ALIAS_COUNT = 100;

export function parseSourceDoc(path: string, text: string, format?: 'yaml' | 'json'): SourceDoc {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const kind = format ?? (/\.json$/i.test(path) ? 'json' : 'yaml');
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  // Too deep for the parser's recursion: say so plainly instead of parsing (pipeline/catalog/nesting.ts).
  const deep = tooDeep(body);
  if (deep) {
    const doc = parseDocument('', { prettyErrors: false });
    const message = `the file nests more than ${MAX_NESTING} levels deep: catalog files are never this deep, so it is not read`;
    return { path, text: body, format: kind, lineCounter, doc, value: undefined, problems: [{ file: path, ...deep, message, severity: 'error', rule: 'size', hint: 'flatten the structure; a descriptor or schema needs a few levels at most' }] };
  }
  const doc = parseDocument(body, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const source: SourceDoc = { path, text: body, format: kind, lineCounter, doc, value: undefined, problems: [] };
  const at = (offset: number) => lineCounter.linePos(Math.max(0, Math.min(offset, body.length)));
  const add = (offset: number, message: string, severity: Problem['severity'] = 'error', rule = 'syntax') =>
    source.problems.push({ file: path, ...at(offset), message, severity, rule });

  if (kind === 'json') {
    const checked = checkJsonSyntax(body);
    if (checked.error) {
      add(checked.error.offset, `not valid JSON: ${checked.error.message}`);
      return source;
    }
    for (const d of checked.duplicates) add(d.offset, `duplicate key ${quote(d.key)} (JSON keeps only the last one; remove the other)`);
    source.value = JSON.parse(body);
    return source;
  }

  for (const e of doc.errors) add(e.pos[0], yamlMessage(e.code, e.message, body, e.pos[0]));
  for (const w of doc.warnings) add(w.pos[0], `YAML: ${w.message}`, 'warning');
  if (doc.errors.length > 0) return source;
  try {
    source.value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    add(0, `YAML could not be read: ${(e as Error).message}`);
  }
  return source;
}

function yamlMessage(code: string, message: string, text: string, offset: number): string {
  if (code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]*/.exec(text.slice(offset))?.[0].trim() ?? '';
    return `duplicate key ${quote(key)} (a key may appear only once in a mapping)`;
  }
  return `YAML syntax error: ${message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
}

export interface ResolvedNode {
  /** The node the pointer names, or the deepest one that exists. */
  node: unknown;
  /** The key node it sits under (none for list items and the root). */
  key?: Node;
  /** The mapping or list that holds it. */
  parent?: unknown;
  /** Whether the whole pointer exists in the document. */
  resolved: boolean;
}

export function resolvePointer(source: SourceDoc, pointer: string): ResolvedNode {
  const { doc } = source;
  let node: unknown = doc.contents;
  let key: Node | undefined;
  let parent: unknown;
  for (const seg of splitPointer(pointer)) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === seg);
      if (!pair) return { node, key, parent, resolved: false };
      key = isScalar(pair.key) || isMap(pair.key) || isSeq(pair.key) ? (pair.key as Node) : undefined;
      parent = node;
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(seg) && Number(seg) < node.items.length) {
      key = undefined;
      parent = node;
      node = node.items[Number(seg)];
    } else {
      return { node, key, parent, resolved: false };
    }
  }
  return { node, key, parent, resolved: true };
}

/**
 * The position of the node a JSON pointer names: its value (default) or, with
 * `at: 'key'`, the key it sits under. When the pointer goes further than the document
 * (a missing key), the deepest part that exists is located instead, so a message about a
 * missing property lands on its parent.
 */
export function locate(source: SourceDoc, pointer: string, at: 'value' | 'key' = 'value'): Position {
  const { node, key, resolved } = resolvePointer(source, pointer);
  const start = (n: unknown): number | undefined => (n && typeof n === 'object' && 'range' in n ? (n as Node).range?.[0] : undefined);
  const emptyValue = isScalar(node) && node.value === null && !!node.range && node.range[0] === node.range[1];
  const offset = resolved && at === 'value' && !emptyValue ? (start(node) ?? start(key)) : (start(key) ?? start(node));
  return offset === undefined ? { line: 1, col: 1 } : source.lineCounter.linePos(offset);
}
