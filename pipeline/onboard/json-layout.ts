// Where a JSON body keeps its records: the body itself when it is an array, else the largest
// array of objects a few levels down (`data`, `response.body.items`), as `json.records`.
import { StreamDecoder } from '../extract/index.ts';

const MAX_DEPTH = 4;

export function jsonRecordsPath(bytes: Uint8Array, file: string): string | undefined {
  const decoder = new StreamDecoder('auto', file);
  let body: unknown;
  try {
    body = JSON.parse(decoder.write(bytes) + decoder.end());
  } catch {
    return undefined; // the reader reports where the JSON breaks
  }
  if (Array.isArray(body)) return undefined;
  let best: { path: string; size: number } | undefined;
  const visit = (v: unknown, path: string[], depth: number) => {
    if (depth > MAX_DEPTH || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      const objects = v.filter((x) => x !== null && typeof x === 'object' && !Array.isArray(x)).length;
      if (path.length && objects > 0 && objects === v.length && (!best || v.length > best.size)) best = { path: path.join('.'), size: v.length };
      return;
    }
    for (const [k, child] of Object.entries(v)) if (!k.includes('.')) visit(child, [...path, k], depth + 1);
  };
  visit(body, [], 0);
  return best?.path;
}
