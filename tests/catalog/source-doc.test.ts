import { formatProblem, locate, parseSourceDoc } from '../../pipeline/catalog/index.ts';

const yamlText = `# leading comment
id: air-quality-daily
title: {ko: 일별 대기오염도, en: Daily air pollution}
description:
department:
  id: climate-environment
columns:
  date:
    from: [측정일시, MSRDT_DE]
  "pm2/5": {type: number}
list:
  - first
  - {name: second}
`;

describe('locate: JSON pointer -> line and column in YAML', () => {
  const doc = parseSourceDoc('sources/x/y.yaml', yamlText);

  test('parses without problems', () => {
    expect(doc.problems).toEqual([]);
    expect(doc.format).toBe('yaml');
    expect((doc.value as { id: string }).id).toBe('air-quality-daily');
  });

  test('values, keys, flow mappings, list items and escaped keys', () => {
    expect(locate(doc, '/id')).toEqual({ line: 2, col: 5 });
    expect(locate(doc, '/id', 'key')).toEqual({ line: 2, col: 1 });
    expect(locate(doc, '/title/en')).toEqual({ line: 3, col: 27 });
    expect(locate(doc, '/title/en', 'key')).toEqual({ line: 3, col: 23 });
    expect(locate(doc, '/department/id')).toEqual({ line: 6, col: 7 });
    expect(locate(doc, '/columns/date/from/1')).toEqual({ line: 9, col: 18 });
    expect(locate(doc, '/columns/pm2~15/type')).toEqual({ line: 10, col: 19 });
    expect(locate(doc, '/list/1/name')).toEqual({ line: 13, col: 12 });
    expect(locate(doc, '/list/0', 'key')).toEqual({ line: 12, col: 5 });
  });

  test('the root is its first key; an empty value is located at its key', () => {
    expect(locate(doc, '')).toEqual({ line: 2, col: 1 });
    expect(locate(doc, '/description')).toEqual({ line: 4, col: 1 });
  });

  test('a pointer past the document lands on the deepest part that exists', () => {
    expect(locate(doc, '/department/en')).toEqual({ line: 5, col: 1 });
    expect(locate(doc, '/columns/date/format')).toEqual({ line: 8, col: 3 });
    expect(locate(doc, '/nope')).toEqual({ line: 2, col: 1 });
    expect(locate(doc, '/list/7')).toEqual({ line: 11, col: 1 });
  });

  test('aliases are followed to their anchor', () => {
    const d = parseSourceDoc('a.yaml', 'base: &b {ko: 가, en: A}\ntitle: *b\n');
    expect(locate(d, '/title/en')).toEqual({ line: 1, col: 22 });
  });
});

describe('locate in JSON (parsed as YAML for positions)', () => {
  const text = '{\n\t"type": "object",\n\t"properties": {\n\t\t"date": {"type": "string", "pattern": "^x$"}\n\t}\n}\n';
  const doc = parseSourceDoc('schemas/x.schema.json', text);

  test('tab-indented JSON is valid and positions are exact', () => {
    expect(doc.problems).toEqual([]);
    expect(doc.format).toBe('json');
    expect(locate(doc, '/properties/date/pattern')).toEqual({ line: 4, col: 41 });
    expect(locate(doc, '/properties/date/pattern', 'key')).toEqual({ line: 4, col: 30 });
  });
});

describe('syntax problems', () => {
  const jsonError = (text: string) => parseSourceDoc('s.json', text).problems.map(formatProblem);

  test('JSON errors are located at the offending character', () => {
    expect(jsonError('{\n  "a": 1\n  "b": 2\n}')).toEqual([`s.json:3:3: not valid JSON: expected ',' or '}' after property value; found "\\""`]);
    expect(jsonError('{"a": [1, 2,]}')).toEqual([`s.json:1:12: not valid JSON: trailing comma before ']' (remove it)`]);
    expect(jsonError("{'a': 1}")).toEqual(['s.json:1:2: not valid JSON: expected a property name in double quotes; found "\'"']);
    expect(jsonError('{"a": "unterminated}')).toEqual(['s.json:1:7: not valid JSON: unterminated string (missing closing ")']);
    expect(jsonError('{"a": tru}')).toEqual(['s.json:1:7: not valid JSON: expected a value; found "t"']);
    expect(jsonError('{"a": 1} x')).toEqual(['s.json:1:10: not valid JSON: unexpected "x" after the end of the JSON value']);
    expect(jsonError('{\n  // note\n  "a": 1}')).toEqual(['s.json:2:3: not valid JSON: comments are not allowed in JSON']);
    expect(jsonError('')).toEqual(['s.json:1:1: not valid JSON: expected a value; found the end of the file']);
    expect(jsonError('{"a": "x\\q"}')).toEqual(['s.json:1:9: not valid JSON: invalid escape "\\q" in string']);
  });

  test('duplicate JSON keys are errors (JSON.parse would silently keep the last)', () => {
    expect(jsonError('{"a": 1,\n "a": 2}')).toEqual(['s.json:2:2: duplicate key "a" (JSON keeps only the last one; remove the other)']);
  });

  test('a byte-order mark does not shift columns', () => {
    const d = parseSourceDoc('s.json', '\uFEFF{"a": 1}');
    expect(d.problems).toEqual([]);
    expect(locate(d, '/a')).toEqual({ line: 1, col: 7 });
  });

  test('YAML errors and duplicate keys are located', () => {
    const d = parseSourceDoc('d.yaml', 'id: x\ntitle: {ko: a\ndescription: y\n');
    expect(d.value).toBeUndefined();
    expect(d.problems.map(formatProblem)).toEqual([
      'd.yaml:3:1: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }',
    ]);
    const dup = parseSourceDoc('d.yaml', 'id: x\ntitle: t\nid: y\n');
    expect(dup.problems.map(formatProblem)).toEqual(['d.yaml:3:1: duplicate key "id" (a key may appear only once in a mapping)']);
    const tabs = parseSourceDoc('d.yaml', 'a:\n\tb: 1\n');
    expect(tabs.problems[0]).toMatchObject({ line: 2, col: 1, severity: 'error' });
    expect(tabs.problems[0].message).toMatch(/^YAML syntax error: Tabs are not allowed as indentation/);
  });

  test('an alias bomb is refused instead of expanded', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n');
    const d = parseSourceDoc('bomb.yaml', bomb);
    expect(d.value).toBeUndefined();
    expect(d.problems.map(formatProblem)).toEqual([expect.stringMatching(/^bomb\.yaml:1:1: YAML could not be read: .*alias/i)]);
  });
});
