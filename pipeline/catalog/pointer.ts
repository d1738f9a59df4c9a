// JSON pointers (RFC 6901), and the dotted labels messages use for them.

export function splitPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function joinPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

const PLAIN = /^[\p{L}_$][\p{L}\p{N}_$-]*$/u;

/** `/extract/csv/skipRows` -> `extract.csv.skipRows`; `/from/0` -> `from[0]`; odd keys in brackets. */
export function pathLabel(pointer: string): string {
  let out = '';
  for (const seg of splitPointer(pointer)) {
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (PLAIN.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
