// An ajv error, said the way a department's data officer would say it.
import type { ErrorObject } from 'ajv/dist/2020.js';

export interface SchemaProblem {
  /** The canonical column the rule is about ('' for the row as a whole). */
  column: string;
  /** Short rule id, e.g. `maximum`, `enum`, `required`. */
  rule: string;
  /** Text that follows the quoted value: `is above the maximum 1000`. */
  text: string;
}

/** @param row the canonical row, to tell "empty" from "wrong kind of value". */
export function describeSchemaError(e: ErrorObject, row?: Record<string, unknown>): SchemaProblem {
  const column = e.instancePath.split('/').filter(Boolean).map(unescapePointer).join('.');
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { column: String(p.missingProperty), rule: 'required', text: 'is missing but required' };
    case 'additionalProperties':
      return { column: String(p.additionalProperty), rule: 'additionalProperties', text: 'is a column the schema does not allow' };
    case 'type': {
      const wanted = article(String(p.type).replace(/,/g, ' or '));
      const empty = row !== undefined && column !== '' && row[column] === null;
      return { column, rule: 'type', text: empty ? `is empty, but must be ${wanted}` : `is not ${wanted}` };
    }
    case 'minimum':
      return { column, rule: 'minimum', text: `is below the minimum ${p.limit}` };
    case 'exclusiveMinimum':
      return { column, rule: 'exclusiveMinimum', text: `must be greater than ${p.limit}` };
    case 'maximum':
      return { column, rule: 'maximum', text: `is above the maximum ${p.limit}` };
    case 'exclusiveMaximum':
      return { column, rule: 'exclusiveMaximum', text: `must be less than ${p.limit}` };
    case 'minLength':
      return { column, rule: 'minLength', text: `is shorter than ${p.limit} characters` };
    case 'maxLength':
      return { column, rule: 'maxLength', text: `is longer than ${p.limit} characters` };
    case 'pattern':
      return { column, rule: 'pattern', text: `does not match the pattern ${p.pattern}` };
    case 'format':
      return { column, rule: 'format', text: `is not a valid ${p.format}` };
    case 'enum':
      return { column, rule: 'enum', text: `is not one of ${listOf(p.allowedValues)}` };
    case 'const':
      return { column, rule: 'const', text: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'multipleOf':
      return { column, rule: 'multipleOf', text: `is not a multiple of ${p.multipleOf}` };
    default:
      return { column, rule: e.keyword, text: `breaks the schema rule ${e.keyword}${e.message ? ` (${e.message})` : ''}` };
  }
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

function article(type: string): string {
  if (type === 'null') return 'empty';
  if (type === 'integer') return 'a whole number';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function listOf(values: unknown): string {
  const list = Array.isArray(values) ? values : [];
  const shown = list.slice(0, 8).map((v) => JSON.stringify(v)).join(', ');
  return list.length > 8 ? `${shown}, … (${list.length} values)` : shown;
}
