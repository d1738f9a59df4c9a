// Broken and hostile chart specs and dataset descriptors: each must fail `citydash check`
// with exit code 3 and the expected message at the expected line and column of the file
// the author wrote. Fixtures: tests/check/fixtures/cases/{charts,datasets}/<id>.yaml, each
// dropped into a copy of the (clean) fixture catalog on its own.
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, FIXTURES, tempCatalog } from './helpers.ts';

interface Case {
  id: string;
  line: number;
  col: number;
  message: RegExp;
}

const CHARTS: Case[] = [
  { id: 'field-typo', line: 11, col: 16, message: /field "pm2_5" is not a column of dataset "air-daily"; did you mean "pm25"\?/ },
  { id: 'quantitative-on-text', line: 10, col: 31, message: /encoding\.x is quantitative but column "station" of "air-daily" is string/ },
  { id: 'temporal-on-number', line: 10, col: 28, message: /encoding\.x is temporal but column "pm10" of "air-daily" is number/ },
  { id: 'missing-english', line: 3, col: 1, message: /missing required key "en" in "title"/ },
  { id: 'untranslated', line: 6, col: 7, message: /description\.en is the same as description\.ko: it is not translated/ },
  { id: 'data-url', line: 7, col: 10, message: /"url" is not allowed in a chart \(found "https:\/\/evil\.example\/steal\.csv"\)/ },
  { id: 'image-url', line: 11, col: 5, message: /"url" is not allowed in a chart/ },
  { id: 'javascript-href', line: 12, col: 19, message: /javascript: link "javascript:alert\(document\.cookie\)" is not allowed/ },
  { id: 'javascript-href', line: 12, col: 5, message: /"href" links are not allowed in charts/ },
  { id: 'javascript-hidden', line: 10, col: 11, message: /javascript: link .* is not allowed/ },
  { id: 'data-uri', line: 9, col: 16, message: /data: link "data:text\/html;base64,/ },
  { id: 'embed-options', line: 10, col: 5, message: /"usermeta\.embedOptions" is not allowed/ },
  { id: 'config-string', line: 9, col: 11, message: /"config" must be a mapping written in the spec, not a string/ },
  { id: 'expr-constructor', line: 9, col: 18, message: /uses "constructor", which is not allowed/ },
  { id: 'expr-proto', line: 9, col: 15, message: /uses "__proto__", which is not allowed/ },
  { id: 'expr-window', line: 13, col: 25, message: /uses "window", which is not allowed/ },
  { id: 'expr-function', line: 10, col: 13, message: /calls containerSize\(\), which is not on the allowlist/ },
  { id: 'expr-this', line: 9, col: 18, message: /does not parse: it uses a JavaScript feature that Vega expressions do not allow/ },
  { id: 'vl-key-typo', line: 10, col: 22, message: /unknown key "tpye" in "spec\.encoding\.x"; did you mean "type"\?/ },
  { id: 'vl-bad-mark', line: 8, col: 9, message: /"spec\.mark" must be .*; got "barr"; did you mean "bar"\?/ },
  { id: 'unknown-data-name', line: 7, col: 16, message: /data name "air-dialy" is not a dataset of the catalog; did you mean "air-daily"\?/ },
  { id: 'alt-not-draftable', line: 6, col: 1, message: /no alt\.ko and alt\.en text, and it cannot be drafted/ },
  { id: 'map-text-value', line: 7, col: 34, message: /map\.value "gu_en" is a string column/ },
  { id: 'prototype-key', line: 12, col: 5, message: /key "__proto__" is not allowed/ },
];

const DATASETS: Case[] = [
  { id: 'descriptor-typo', line: 2, col: 1, message: /unknown key "tittle".*did you mean "title"\?/ },
  { id: 'sql-read-csv', line: 10, col: 8, message: /read_csv\(\) is not allowed/ },
  { id: 'sql-attach', line: 9, col: 3, message: /ATTACH is not allowed in derived SQL/ },
  { id: 'sql-copy', line: 10, col: 3, message: /COPY is not allowed in derived SQL/ },
  { id: 'sql-install', line: 9, col: 3, message: /INSTALL is not allowed in derived SQL/ },
  { id: 'sql-pragma', line: 8, col: 7, message: /PRAGMA is not allowed in derived SQL/ },
  { id: 'sql-file-scan', line: 10, col: 8, message: /reading the file "\/etc\/passwd" is not allowed/ },
  { id: 'sql-glob', line: 10, col: 8, message: /glob\(\) is not allowed/ },
  { id: 'sql-getenv', line: 9, col: 40, message: /function getenv\(\) is not allowed/ },
  { id: 'sql-unknown-table', line: 10, col: 8, message: /table "air-dialy" is not a catalog dataset; did you mean "air-daily"\?/ },
  { id: 'sql-bad-column', line: 9, col: 37, message: /SQL does not bind: Referenced column "pm2" not found/ },
];

/** Runs check on the fixture catalog plus one file; returns its report lines about that file. */
async function checkWith(dest: string, write: (path: string) => Promise<void>): Promise<{ exit: number; lines: string[]; out: string }> {
  const cat = await tempCatalog();
  try {
    await write(join(cat.root, dest));
    const run = await cli(['check', '--catalog', cat.root]);
    return { exit: run.exit, out: run.out, lines: run.out.split('\n').filter((l) => l.startsWith(`${dest}:`)) };
  } finally {
    await cat.cleanup();
  }
}

function expectAt(result: { exit: number; lines: string[]; out: string }, dest: string, c: Case): void {
  expect(result.exit).toBe(3);
  const at = result.lines.filter((l) => l.startsWith(`${dest}:${c.line}:${c.col}: `));
  const hit = at.find((l) => c.message.test(l));
  if (!hit) throw new Error(`expected ${dest}:${c.line}:${c.col}: ${c.message}\ngot:\n${result.out}`);
  expect(hit).toMatch(/ — \S/); // every problem carries a hint
}

test('the fixture catalog itself is clean', async () => {
  const run = await cli(['check', '--catalog', join(FIXTURES, 'catalog')]);
  expect(run.out).toMatch(/^check passed: 2 datasets, 2 charts checked$/m);
  expect(run.exit).toBe(0);
});

test.each(CHARTS.map((c) => [`${c.id} ${c.line}:${c.col}`, c] as const))('chart %s', async (_name, c) => {
  const dest = `viz-specs/environment/${c.id}.yaml`;
  const result = await checkWith(dest, (path) => copyFile(join(FIXTURES, 'cases/charts', `${c.id}.yaml`), path));
  expectAt(result, dest, c);
});

test.each(DATASETS.map((c) => [`${c.id} ${c.line}:${c.col}`, c] as const))('dataset %s', async (_name, c) => {
  const dest = `sources/derived/${c.id}.yaml`;
  const result = await checkWith(dest, (path) => copyFile(join(FIXTURES, 'cases/datasets', `${c.id}.yaml`), path));
  expectAt(result, dest, c);
});

// Oversize specs are generated: committing 100 KB fixtures would only bloat the repository.
const HEADER = (id: string) => `id: ${id}\narea: environment\ntitle: {ko: 큰 차트, en: Big chart}\ndescription: {ko: 시험용입니다., en: For tests.}\ndata: [air-daily]\n`;
const ENCODING = '  encoding:\n    x: {field: gu_ko, type: nominal}\n    y: {field: pm25, type: quantitative}\n';

test('oversize: a spec over the byte limit', async () => {
  const dest = 'viz-specs/environment/huge-spec.yaml';
  const text = `${HEADER('huge-spec')}spec:\n  data: {name: air-daily}\n  mark: bar\n  description: "${'가'.repeat(40_000)}"\n${ENCODING}`;
  const result = await checkWith(dest, (path) => writeFile(path, text));
  expectAt(result, dest, { id: 'huge-spec', line: 6, col: 1, message: /the chart spec is 120,\d{3} bytes \(at most 100,000\)/ });
});

test('oversize: too many rows of inline values', async () => {
  const dest = 'viz-specs/environment/inline-rows.yaml';
  const rows = Array.from({ length: 1001 }, (_, i) => `{gu_ko: g${i}, pm25: ${i}}`).join(', ');
  const text = `${HEADER('inline-rows')}spec:\n  data: {values: [${rows}]}\n  mark: bar\n${ENCODING}`;
  const result = await checkWith(dest, (path) => writeFile(path, text));
  expectAt(result, dest, { id: 'inline-rows', line: 6, col: 1, message: /the spec has 1001 rows of inline values \(at most 1000\)/ });
});

test('oversize: nesting deeper than the limit', async () => {
  const dest = 'viz-specs/environment/deep-spec.yaml';
  const prefix = '  usermeta: ';
  const text = `${HEADER('deep-spec')}spec:\n  data: {name: air-daily}\n  mark: bar\n${prefix}${'{a: '.repeat(40)}1${'}'.repeat(40)}\n${ENCODING}`;
  const result = await checkWith(dest, (path) => writeFile(path, text));
  expectAt(result, dest, { id: 'deep-spec', line: 9, col: prefix.length + 4 * 40 + 1, message: /the spec nests 41 levels deep \(at most 32\)/ });
});
