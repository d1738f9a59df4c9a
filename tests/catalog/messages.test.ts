import { ajvProblems, checkRowSchema, descriptorSchemas, descriptorValidator, editDistance, formatProblem, nearest, parseSourceDoc, PATTERN_HINTS } from '../../pipeline/catalog/index.ts';

/** Schema problems of one descriptor, formatted. */
function problems(kind: 'dataset' | 'chart' | 'settings', text: string): string[] {
  const source = parseSourceDoc('f.yaml', text);
  expect(source.problems).toEqual([]);
  const validate = descriptorValidator(kind);
  validate(source.value);
  return ajvProblems(source, validate.errors).map(formatProblem);
}

const DATASET = `title: {ko: 제목, en: Title}
description: {ko: 설명, en: Description}
department: {id: finance, ko: 재정기획관, en: Finance Office}
licence: KOGL-1
update: {every: daily}
columns: {date: {type: date}}
schema: schemas/x.schema.json
primaryKey: [date]
onInvalid: {action: fail-dataset}
`;

describe('descriptor messages name the value and the allowed values', () => {
  test('id pattern', () => {
    expect(problems('dataset', `id: Air_Quality\n${DATASET}extract: {kind: file, path: a.csv, format: csv}\n`)).toEqual([
      'f.yaml:1:5: "id" must be lowercase letters, digits and single dashes between them (e.g. air-quality-daily); got "Air_Quality"',
    ]);
  });

  test('keys required by the extract kind say why', () => {
    expect(problems('dataset', `id: a\n${DATASET}extract: {kind: http, format: csv}\n`)).toEqual(['f.yaml:11:1: missing required key "url" in "extract" (needed when "kind" is "http")']);
    expect(problems('dataset', `id: a\n${DATASET}extract:\n  kind: seoul-openapi\n`)).toEqual(['f.yaml:11:1: missing required key "service" in "extract" (needed when "kind" is "seoul-openapi")']);
  });

  test('a derived dataset needs both from and sql', () => {
    expect(problems('dataset', `id: a\n${DATASET}from: [b]\n`)).toEqual(['f.yaml:1:1: missing required key "sql" (needed when "from" is set)']);
  });

  test('a bad column name is located at the key', () => {
    expect(problems('dataset', `id: a\n${DATASET.replace('columns: {date: {type: date}}', 'columns:\n  date: {type: date}\n  pm2.5: {type: number}')}extract: {kind: file, path: a.csv, format: csv}\n`)).toEqual([
      'f.yaml:9:3: key "pm2.5" in "columns" must be letters, digits and underscores, not starting with a digit (e.g. pm10, gu_code)',
    ]);
  });

  test('lists: too short, repeated items, wrong item type', () => {
    const text = `id: a\n${DATASET.replace('primaryKey: [date]', 'primaryKey: [date, date]')}extract: {kind: file, path: a.csv, format: csv, csv: {delimiter: ";;"}}\n`;
    expect(problems('dataset', text)).toEqual([
      'f.yaml:9:20: "primaryKey" lists "date" more than once',
      'f.yaml:11:66: "extract.csv.delimiter" is too long: 2 characters (at most 1)',
    ]);
    expect(problems('dataset', `id: a\n${DATASET.replace('primaryKey: [date]', 'primaryKey: []').replace('{date: {type: date}}', '{date: {type: date, from: 3}}')}extract: {kind: file, path: a.csv, format: csv}\n`)).toEqual([
      'f.yaml:7:36: "columns.date.from" must be a string or a list; got 3',
      'f.yaml:9:13: "primaryKey" must list at least 1 item',
    ]);
  });

  test('empty text, a near-miss enum value and an empty mapping', () => {
    const text = `id: a\n${DATASET.replace('{ko: 제목, en: Title}', '{ko: "", en: Title}').replace('every: daily', 'every: dayly').replace('{date: {type: date}}', '{}')}extract: {kind: file, path: a.csv, format: csv}\n`;
    expect(problems('dataset', text)).toEqual([
      'f.yaml:2:13: "title.ko" must not be empty',
      'f.yaml:6:17: "update.every" must be one of hourly, daily, weekly, monthly, quarterly, yearly; got "dayly"; did you mean "daily"?',
      'f.yaml:7:1: "columns" must have at least 1 entry',
    ]);
  });

  test('the document itself has the wrong type', () => {
    expect(problems('dataset', '- a\n- b\n')).toEqual(['f.yaml:1:1: the document must be a mapping (key: value); got a list']);
  });

  test('chart: a template needs map; unknown languages', () => {
    const chart = `id: c\narea: environment\ntitle: {ko: 가, en: A}\ndescription: {ko: 가, en: A}\ndata: [a]\n`;
    expect(problems('chart', `${chart}template: gu-map\nalt: {ko: 가, jp: あ}\nlocales: {fr: {}}\n`)).toEqual([
      'f.yaml:1:1: missing required key "map" (needed when "template" is set)',
      'f.yaml:7:14: unknown key "jp" in "alt" (allowed: ko, en)',
      'f.yaml:8:11: unknown key "fr" in "locales" (allowed: ko, en)',
    ]);
    expect(problems('chart', `${chart}template: gu-chart\nmap: {dataset: a, value: v, colour: x}\nindicator: {dataset: a, value: v, filter: {k: [1]}}\n`)).toEqual([
      'f.yaml:6:11: "template" must be one of gu-map; got "gu-chart"',
      'f.yaml:7:29: unknown key "colour" in "map" (allowed: dataset, value, code)',
      'f.yaml:8:47: "indicator.filter.k" must be a string or a number; got a list',
    ]);
  });

  test('settings: area ids and link patterns', () => {
    const text = 'siteTitle: {ko: 가, en: A}\nfeedback: {url: "ftp://x"}\nareas:\n  Environment: {ko: 환경, en: Environment}\n';
    expect(problems('settings', text)).toEqual([
      'f.yaml:2:17: "feedback.url" must be an http(s):// or mailto: link; got "ftp://x"',
      'f.yaml:4:3: key "Environment" in "areas" must be lowercase letters, digits and single dashes between them (e.g. air-quality-daily)',
    ]);
  });
});

describe('formatProblem', () => {
  test('path:line:col: message, warnings marked, hints after a dash', () => {
    expect(formatProblem({ file: 'sources/a/b.yaml', line: 3, col: 7, message: 'bad', severity: 'error' })).toBe('sources/a/b.yaml:3:7: bad');
    expect(formatProblem({ file: 'citydash.yaml', line: 1, col: 1, message: 'careful', severity: 'warning', hint: 'add one' })).toBe(
      'citydash.yaml:1:1: warning: careful — add one',
    );
  });
});

describe('suggestions', () => {
  test('edit distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('extarct', 'extract')).toBe(1);
    expect(editDistance('licence', 'license')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
  test('nearest suggests plausible typos only', () => {
    expect(nearest('extarct', ['id', 'extract', 'columns'])).toBe('extract');
    expect(nearest('License', ['licence', 'homepage'])).toBe('licence');
    expect(nearest('nightly', ['hourly', 'daily', 'weekly'])).toBeUndefined();
    expect(nearest('x', ['id'])).toBeUndefined();
  });
});

describe('the descriptor schemas themselves', () => {
  const patterns = (node: unknown): string[] =>
    Array.isArray(node)
      ? node.flatMap(patterns)
      : node && typeof node === 'object'
        ? Object.entries(node).flatMap(([k, v]) => (k === 'pattern' && typeof v === 'string' ? [v] : patterns(v)))
        : [];

  test('every pattern they use has a plain-language explanation', () => {
    const used = new Set(Object.values(descriptorSchemas).flatMap(patterns));
    expect([...used].filter((p) => !(p in PATTERN_HINTS))).toEqual([]);
  });

  test('they follow the same safe profile as row schemas (bounded patterns, local refs)', () => {
    for (const [kind, schema] of Object.entries(descriptorSchemas)) {
      const source = parseSourceDoc(`${kind}.schema.json`, JSON.stringify(schema, null, 2));
      expect(checkRowSchema(source).map(formatProblem)).toEqual([]);
    }
  });
});
