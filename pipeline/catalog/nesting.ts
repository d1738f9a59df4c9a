// How deeply a YAML or JSON file nests, found by scanning its text before the parser sees it:
// the parser recurses once per level, so a file nested 5,000 deep (two lines of brackets) would
// end in "Maximum call stack size exceeded" instead of a message saying what is wrong.
//
// The count is structural but approximate, and errs on the high side: flow brackets outside
// quotes and comments, plus one level per deeper indentation of block lines (block scalars, such
// as `sql: |`, are skipped, and so is their indentation). Catalog files nest a handful of levels;
// the limit is far above any real one.

/** Deepest nesting a catalog file may have. */
export const MAX_NESTING = 64;

export interface TooDeep {
  /** 1-based line and column where the limit is passed. */
  line: number;
  col: number;
}

const BLOCK_SCALAR = /(?:^|[\s:-])[|>][+-]?[1-9]?[+-]?\s*(?:#.*)?$/;

/** Where the text first nests deeper than `max`, or undefined when it never does. */
export function tooDeep(text: string, max = MAX_NESTING): TooDeep | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | null = null;
  let scalarIndent = -1; // inside a block scalar: lines indented more than this are its text
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const indent = line.length - line.trimStart().length;
    const blank = line.trim() === '' || line.trimStart().startsWith('#');
    if (scalarIndent >= 0) {
      if (blank || indent > scalarIndent) continue;
      scalarIndent = -1;
    }
    if (flow === 0 && quote === null && !blank) {
      while (indents.length && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      // "- - - a" opens a sequence per dash on one line
      const dashes = /^(?:- +)+/.exec(line.slice(indent))?.[0].split('-').length ?? 1;
      if (indents.length + dashes - 1 > max) return { line: n + 1, col: indent + 1 };
    }
    for (let i = indent; i < line.length; i++) {
      const c = line[i]!;
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) {
          if (quote === "'" && line[i + 1] === "'") i++;
          else quote = null;
        }
        continue;
      }
      if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
      if (c === '"' || (c === "'" && (i === 0 || /[\s[{,:]/.test(line[i - 1]!)))) quote = c;
      else if (c === '[' || c === '{') {
        flow++;
        if (indents.length + flow > max) return { line: n + 1, col: i + 1 };
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    if (flow === 0 && quote === null && BLOCK_SCALAR.test(line)) scalarIndent = indent;
  }
  return undefined;
}
