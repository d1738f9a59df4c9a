// Row schemas' regular expressions (`pattern`, `patternProperties`) run on department data, and
// the schemas come from pull requests: a backtracking engine (JavaScript's RegExp) can take
// exponential time on a pattern like ^(([a-z가-힣])+)+$ and one 45-character value. So they run
// on RE2 (re2js, a JavaScript port), whose matching time is linear in the input whatever the
// pattern. The price is RE2's syntax: no lookaround, no backreferences; `check` refuses such
// patterns with a hint, and the validator compiles with the same engine, so what check accepts
// is exactly what runs.
//
// Chosen over a ReDoS detector (safe-regex2 passed (a|a)*$ and (a|aa)+$ as safe; recheck is
// right but ships a 29 MB binary plus a 23 MB JAR and took seconds per pattern in its JavaScript
// mode): an engine that cannot backtrack needs no verdict. Measured in the note of issue 16.
import { RE2JS } from 're2js';

interface RegExpLike {
  test(input: string): boolean;
}

/** Results kept per pattern; the memo is emptied when it holds this many. */
const MEMO_SIZE = 4096;
/** Longer values are matched every time: a memo of megabyte cells would not be small. */
const MEMO_MAX_CHARS = 256;

/**
 * A compiled pattern with RegExp's `test` (an unanchored search, as JSON Schema's `pattern` is).
 * A column's values repeat (a date on every station's row, a few dozen gu codes), and RE2 costs
 * microseconds a value, so recent answers are remembered: `test` is a pure function of its input.
 */
function compileLinear(pattern: string): RegExpLike {
  const re = RE2JS.compile(pattern);
  const memo = new Map<string, boolean>();
  return {
    test: (input: string) => {
      let hit = memo.get(input);
      if (hit === undefined) {
        hit = re.test(input);
        if (input.length <= MEMO_MAX_CHARS) {
          if (memo.size >= MEMO_SIZE) memo.clear();
          memo.set(input, hit);
        }
      }
      return hit;
    },
  };
}

/** ajv's `code.regExp`: builds every `pattern` of a schema on RE2. */
export const linearRegExp = Object.assign((pattern: string, _flags: string): RegExpLike => compileLinear(pattern), { code: 'linearRegExp' });

const HINTS: [RegExp, string][] = [
  [/\(\?[=!<]/, 'lookahead and lookbehind ((?=…), (?!…), (?<=…)) are not supported: match the text itself, or split the rule in two patterns with allOf'],
  [/\\[1-9]|\\k</, 'backreferences (\\1, \\k<name>) are not supported'],
  [/\\p\{(Script|sc|Script_Extensions|scx)=/, 'write Unicode scripts as \\p{Hangul}, not \\p{Script=Hangul}'],
];

/**
 * Why a pattern cannot be a row-schema pattern, or undefined: it must be a valid JavaScript
 * regular expression (the JSON Schema dialect) that RE2 also compiles.
 */
export function linearPatternError(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, '');
  }
  try {
    compileLinear(pattern);
    return undefined;
  } catch (e) {
    const hint = HINTS.find(([re]) => re.test(pattern))?.[1];
    const why = (e as Error).message.replace(/^error parsing regexp: /, '');
    return `patterns run on a linear-time engine (RE2) so no value can make validation hang, and RE2 cannot read it (${why})${hint ? `: ${hint}` : ''}`;
  }
}
