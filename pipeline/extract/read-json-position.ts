// Where a JSON text first goes wrong. V8's JSON.parse messages carry a position for some
// errors and not for others (`Unexpected token '}', "..." is not valid JSON`), so on failure
// this small grammar walk (RFC 8259; explicit stack, no recursion) finds the offset itself.

/** Offset of the first syntax error (text length when the text ends early), or -1 if valid. */
export function jsonErrorOffset(s: string): number {
  const n = s.length;
  const stack: string[] = [];
  let i = 0;
  let state: 'value' | 'key' | 'after' = 'value';
  const skipWs = () => {
    while (i < n && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  for (;;) {
    skipWs();
    if (state === 'after') {
      const open = stack[stack.length - 1];
      if (open === undefined) return i < n ? i : -1;
      if (s[i] === ',') (i++), (state = open === '[' ? 'value' : 'key');
      else if (s[i] === (open === '[' ? ']' : '}')) (i++), stack.pop();
      else return i;
      continue;
    }
    if (i >= n) return n;
    if (state === 'key') {
      if (s[i] !== '"' || !string()) return i;
      skipWs();
      if (s[i] !== ':') return i;
      i++;
      state = 'value';
      continue;
    }
    const c = s[i];
    if (c === '[' || c === '{') {
      stack.push(c);
      i++;
      skipWs();
      if (s[i] === (c === '[' ? ']' : '}')) (i++), stack.pop(), (state = 'after');
      else state = c === '[' ? 'value' : 'key';
      continue;
    }
    if (!scalar()) return i;
    state = 'after';
  }

  function scalar(): boolean {
    if (s[i] === '"') return string();
    NUMBER.lastIndex = i;
    if (NUMBER.exec(s)) return (i = NUMBER.lastIndex), true;
    for (const lit of LITERALS) if (s.startsWith(lit, i)) return (i += lit.length), true;
    return false;
  }

  /** At an opening quote: move past the closing one, or stop at the bad character. */
  function string(): boolean {
    i++;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x22) return i++, true;
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = s[i + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) i += 6;
        else return false;
      } else i++;
    }
    return false;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

/** 1-based line and column of an offset. */
export function lineCol(s: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = s.indexOf('\n'); k >= 0 && k < offset; k = s.indexOf('\n', k + 1)) line++, (lineStart = k + 1);
  return { line, col: offset - lineStart + 1 };
}
