// JSON body -> RawTable. `records: a.b.c` is a dot path to the array of records (numeric
// segments index arrays; keys containing dots are not addressable); without it the body must
// be an array. Headers are the record keys in order of first appearance across all records;
// values stay as parsed (numbers stay numbers), nested objects and arrays become JSON text,
// a key a record lacks is null. loc.index is the 0-based position in the array.
import type { RawRecord, RawTable, RawValue } from '../types.ts';
import { InputError, quote } from '../errors.ts';
import { jsonErrorOffset, lineCol } from './read-json-position.ts';

export interface JsonOptions {
  records?: string;
}

export class JsonError extends InputError {
  constructor(
    readonly file: string,
    detail: string,
    where: string = file,
  ) {
    super(where, detail);
    this.name = 'JsonError';
  }
}

export function readJsonRecords(text: string, file: string, opts: JsonOptions = {}): RawTable {
  const body = parseJson(text, file);
  const list = selectRecords(body, opts.records, file);
  const headers: string[] = [];
  const seen = new Set<string>();
  list.forEach((rec, index) => {
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
      throw new JsonError(file, `record ${index} is ${describe(rec)}, not an object`, `${file} [${opts.records ?? ''}${opts.records ? '.' : ''}${index}]`);
    }
    for (const key of Object.keys(rec)) if (!seen.has(key)) seen.add(key), headers.push(key);
  });
  async function* records(): AsyncGenerator<RawRecord> {
    for (let index = 0; index < list.length; index++) {
      const rec = list[index] as Record<string, unknown>;
      yield { values: headers.map((h) => rawValue(Object.hasOwn(rec, h) ? rec[h] : undefined)), loc: { file, index } };
    }
  }
  return { headers, records: records() };
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's message varies by engine; the position is found again below and reported as file:line:col.
    const at = jsonErrorOffset(text);
    const offset = at < 0 ? 0 : at;
    const { line, col } = lineCol(text, offset);
    const detail =
      offset >= text.length
        ? `invalid JSON: the text ends early at character ${offset} (truncated body?)`
        : `invalid JSON at character ${offset}: unexpected ${quote(text.slice(offset, offset + 20))}`;
    throw new JsonError(file, detail, `${file}:${line}:${col}`);
  }
}

function selectRecords(body: unknown, path: string | undefined, file: string): unknown[] {
  if (!path) {
    if (Array.isArray(body)) return body;
    const candidates = arrayPaths(body, '', 3).slice(0, 5);
    const hint = candidates.length ? `; set json.records to ${candidates.map((c) => quote(c)).join(' or ')}` : '';
    throw new JsonError(file, `the JSON body is ${describe(body)}, not an array of records${hint}`);
  }
  let cur: unknown = body;
  const segments = path.split('.');
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k]!;
    const at = segments.slice(0, k).join('.') || '(top level)';
    if (Array.isArray(cur) && /^\d+$/.test(seg)) cur = cur[Number(seg)];
    else if (cur !== null && typeof cur === 'object' && !Array.isArray(cur) && Object.hasOwn(cur, seg)) cur = (cur as Record<string, unknown>)[seg];
    else {
      const keys = cur !== null && typeof cur === 'object' && !Array.isArray(cur) ? Object.keys(cur).slice(0, 10).map((x) => quote(x)).join(', ') : '';
      throw new JsonError(file, `records path ${quote(path)}: no ${quote(seg)} in ${at}, which is ${describe(cur)}${keys ? ` with keys ${keys}` : ''}`);
    }
  }
  if (!Array.isArray(cur)) throw new JsonError(file, `records path ${quote(path)} leads to ${describe(cur)}, not an array`);
  return cur;
}

/** Dot paths (depth-limited) of arrays of objects inside a body, for the "set records" hint. */
function arrayPaths(v: unknown, prefix: string, depth: number): string[] {
  if (depth === 0 || v === null || typeof v !== 'object' || Array.isArray(v)) return [];
  const out: string[] = [];
  for (const [k, child] of Object.entries(v)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (Array.isArray(child)) out.push(p);
    else out.push(...arrayPaths(child, p, depth - 1));
  }
  return out;
}

function rawValue(v: unknown): RawValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
