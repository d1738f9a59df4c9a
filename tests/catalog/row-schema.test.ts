import { checkRowSchema, formatProblem, parseSourceDoc } from '../../pipeline/catalog/index.ts';

/** Problems of a schema given as pretty-printed JSON (2-space indent, so positions are predictable). */
function check(schema: unknown): string[] {
  const source = parseSourceDoc('schemas/t.schema.json', JSON.stringify(schema, null, 2));
  expect(source.problems).toEqual([]);
  return checkRowSchema(source).map(formatProblem);
}

describe('checkRowSchema: the safe meta-profile for row schemas', () => {
  test('a bounded, self-contained 2020-12 schema passes', () => {
    expect(
      check({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        additionalProperties: false,
        required: ['date'],
        properties: {
          date: { type: 'string', format: 'date' },
          gu_code: { $ref: '#/$defs/gu' },
          station: { type: ['string', 'null'], pattern: '^[가-힣A-Za-z0-9 ]+$', maxLength: 40 },
          tags: { type: 'object', patternProperties: { '^x-': { type: 'string' } }, propertyNames: { maxLength: 20 } },
        },
        $defs: { gu: { anyOf: [{ type: 'string', pattern: '^11\\d{3}$', maxLength: 5 }, { type: 'null' }] } },
      }),
    ).toEqual([]);
  });

  test('an unbounded pattern is located at its key', () => {
    expect(check({ type: 'object', properties: { date: { type: 'string', pattern: '^\\d+$' } } })).toEqual([
      'schemas/t.schema.json:6:7: "pattern" needs a "maxLength" next to it (an unbounded pattern on an unbounded string can make validation hang)',
    ]);
  });

  test('a maxLength too large to bound a pattern, and a pattern that is no regular expression', () => {
    expect(check({ properties: { a: { pattern: 'x', maxLength: 1e6 }, b: { pattern: '(', maxLength: 3 } } })).toEqual([
      'schemas/t.schema.json:5:20: "maxLength" 1000000 is too large to bound "pattern" (at most 10000)',
      'schemas/t.schema.json:8:18: "pattern" "(" is not a valid regular expression: /(/u: Unterminated group',
    ]);
  });

  test('patternProperties need bounded property names', () => {
    expect(check({ patternProperties: { '^a': { type: 'number' } } })).toEqual([
      'schemas/t.schema.json:2:3: "patternProperties" needs "propertyNames": {"maxLength": N} next to it (no unbounded patterns on unbounded strings)',
    ]);
  });

  test('$data, remote and dangling $ref, format regex, unknown formats and keywords', () => {
    expect(
      check({
        properties: {
          a: { maximum: { $data: '1/b' } },
          b: { $ref: 'https://example.org/b.json' },
          c: { $ref: '#/$defs/stationn' },
          d: { type: 'string', format: 'regex' },
          e: { type: 'string', format: 'datetime' },
          f: { type: 'string', maxLenght: 3 },
          g: { $ref: '#here' },
        },
        $defs: { station: { type: 'string' } },
      }),
    ).toEqual([
      'schemas/t.schema.json:5:9: "$data" is not allowed (a schema must not depend on the data it checks)',
      'schemas/t.schema.json:9:15: remote "$ref" "https://example.org/b.json" is not allowed: a row schema must be self-contained (copy the definition into "$defs")',
      'schemas/t.schema.json:12:15: "$ref" "#/$defs/stationn" points at nothing: $defs has no "stationn"; did you mean "station"?',
      'schemas/t.schema.json:16:17: "format": "regex" is not allowed (it would compile data as a regular expression)',
      'schemas/t.schema.json:20:17: unknown format "datetime" (known: date, time, date-time, iso-time, iso-date-time, duration, uri, uri-reference, uri-template, url, email, hostname, ipv4, ipv6, uuid, json-pointer, json-pointer-uri-fragment, relative-json-pointer, byte, int32, int64, float, double, password, binary); did you mean "date-time"?',
      'schemas/t.schema.json:24:7: unknown keyword "maxLenght"; did you mean "maxLength"?',
      'schemas/t.schema.json:27:15: "$ref" "#here" names no "$anchor" in this schema',
    ]);
  });

  test('another draft is refused', () => {
    expect(check({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' })).toEqual([
      'schemas/t.schema.json:2:14: "$schema" must be https://json-schema.org/draft/2020-12/schema (or left out); got "http://json-schema.org/draft-07/schema#"',
    ]);
  });

  test('invalid JSON Schema is reported in plain words at the offending value', () => {
    expect(check({ type: 'object', properties: { a: { type: 'strin' }, b: { minLength: -1 }, c: { type: ['string', 'nul'] }, d: { required: 'a' } } })).toEqual([
      'schemas/t.schema.json:5:15: "properties.a.type" must be one of array, boolean, integer, null, number, object, string; got "strin"; did you mean "string"?',
      'schemas/t.schema.json:8:20: "properties.b.minLength" must be at least 0; got -1',
      'schemas/t.schema.json:13:9: "properties.c.type[1]" must be one of array, boolean, integer, null, number, object, string; got "nul"; did you mean "null"?',
      'schemas/t.schema.json:17:19: "properties.d.required" must be a list; got "a"',
    ]);
  });

  test('a row schema must be an object', () => {
    expect(check(true)).toEqual(['schemas/t.schema.json:1:1: a row schema must be a JSON object (describing the columns of one row), not true or false']);
    expect(check([1])).toEqual(['schemas/t.schema.json:1:1: a row schema must be a JSON object describing one row']);
  });

  test('schemas with the same $id can be checked one after the other', () => {
    const schema = { $id: 'https://example.org/row.json', type: 'object', properties: { a: { type: 'string' } } };
    expect(check(schema)).toEqual([]);
    expect(check(schema)).toEqual([]);
  });
});
