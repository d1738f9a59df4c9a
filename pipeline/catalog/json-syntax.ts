// A strict JSON syntax checker that says where the first error is. Node 20's JSON.parse
// often reports no position at all, and the YAML parser accepts things JSON does not
// (single quotes, comments, bare words), so neither can locate a JSON mistake.

export interface JsonSyntaxError {
  offset: number;
  message: string;
}
export interface JsonSyntaxResult {
  error?: JsonSyntaxError;
  /** Repeated keys in one object: JSON.parse silently keeps the last one. */
  duplicates: { offset: number; key: string }[];
}

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

// Control flow inside the scanner, never seen outside it: checkJsonSyntax turns it into a result.
class Stop extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

export function checkJsonSyntax(text: string): JsonSyntaxResult {
  const duplicates: JsonSyntaxResult['duplicates'] = [];
  let i = 0;

  const fail = (message: string, at = i): never => {
    throw new Stop(at, message);
  };
  const ws = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) fail('comments are not allowed in JSON');
      else break;
    }
  };
  const describe = (): string => (i >= text.length ? 'the end of the file' : `${JSON.stringify(text[i])}`);

  const string = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    while (true) {
      if (i >= text.length) fail('unterminated string (missing closing ")', start);
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c.charCodeAt(0) < 0x20) fail('line break or control character inside a string (write it as \\n or \\t)');
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('\\u must be followed by four hex digits');
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        if (e === undefined || !ESCAPES.has(e)) fail(`invalid escape "\\${e ?? ''}" in string`);
        out += e;
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
  };

  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} levels deep`);
    ws();
    const c = text[i];
    if (c === '{') return object(depth);
    if (c === '[') return array(depth);
    if (c === '"') return void string();
    if (c === "'") fail('strings must use double quotes, not single quotes');
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0] !== '-' && m[0].length > 0) {
      i += m[0].length;
      return;
    }
    fail(`expected a value; found ${describe()}`);
  };

  const object = (depth: number): void => {
    i++;
    const seen = new Set<string>();
    ws();
    if (text[i] === '}') return void i++;
    let comma = -1;
    while (true) {
      ws();
      if (text[i] === '}' && comma >= 0) fail("trailing comma before '}' (remove it)", comma);
      if (text[i] !== '"') fail(`expected a property name in double quotes; found ${describe()}`);
      const keyAt = i;
      const key = string();
      if (seen.has(key)) duplicates.push({ offset: keyAt, key });
      seen.add(key);
      ws();
      if (text[i] !== ':') fail(`expected ':' after property name "${key}"; found ${describe()}`);
      i++;
      value(depth + 1);
      ws();
      if (text[i] === ',') {
        comma = i++;
        continue;
      }
      if (text[i] === '}') return void i++;
      fail(`expected ',' or '}' after property value; found ${describe()}`);
    }
  };

  const array = (depth: number): void => {
    i++;
    ws();
    if (text[i] === ']') return void i++;
    let comma = -1;
    while (true) {
      ws();
      if (text[i] === ']' && comma >= 0) fail("trailing comma before ']' (remove it)", comma);
      value(depth + 1);
      ws();
      if (text[i] === ',') {
        comma = i++;
        continue;
      }
      if (text[i] === ']') return void i++;
      fail(`expected ',' or ']' after array element; found ${describe()}`);
    }
  };

  try {
    value(0);
    ws();
    if (i < text.length) fail(`unexpected ${describe()} after the end of the JSON value`);
    return { duplicates };
  } catch (e) {
    if (e instanceof Stop) return { error: { offset: e.offset, message: e.message }, duplicates };
    throw e;
  }
}
