// A small catalog whose every text a department or proposer controls carries a payload: data
// values with <script>, <img onerror>, an <svg onload>, javascript: URLs (also as the chart's
// href channel), a chart spec title with HTML, HTML in titles, descriptions, the site title and
// the feedback/repository settings. Each payload would set window.__xss if it ever ran.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PAYLOADS = {
  script: '<script>window.__xss="script"</script>',
  img: '<img src=x onerror="window.__xss=\'img\'">',
  svg: '"><svg onload=window.__xss="svg">',
  js: 'javascript:window.__xss="js-url"',
  specTitle: '<img src=x onerror="window.__xss=\'spec-title\'">',
};

const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;

const ROWS: Array<[number, string, number, string]> = [
  [2020, PAYLOADS.script, 10, PAYLOADS.js],
  [2021, PAYLOADS.img, 20, 'JaVaScRiPt:window.__xss="js-mixed"'],
  [2022, PAYLOADS.svg, 15, 'data:text/html,<script>window.__xss="data-url"</script>'],
  [2023, '종로구', 5, 'https://example.org/?q=<script>window.__xss="query"</script>'],
];

const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['year', 'label', 'value', 'link', 'gu_code', 'gu_ko', 'gu_en'],
  properties: {
    year: { type: 'integer' },
    label: { type: 'string', description: PAYLOADS.img },
    value: { type: 'number' },
    link: { type: ['string', 'null'] },
    gu_code: { type: ['string', 'null'] },
    gu_ko: { type: ['string', 'null'] },
    gu_en: { type: ['string', 'null'] },
  },
};

const yamlString = (s: string) => JSON.stringify(s);

export async function writeHostileCatalog(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'citydash-hostile-'));
  const src = join(root, 'sources', 'civic-test');
  await mkdir(join(src, 'samples'), { recursive: true });
  await mkdir(join(root, 'schemas'));
  await mkdir(join(root, 'viz-specs', 'civic'), { recursive: true });
  await writeFile(join(root, 'citydash.yaml'), [
    `siteTitle: {ko: ${yamlString(`시험 ${PAYLOADS.script}`)}, en: ${yamlString(`Test ${PAYLOADS.img}`)}}`,
    `repository: ${yamlString(PAYLOADS.js)}`,
    `feedback: {url: ${yamlString('javascript:window.__xss="feedback"//{id}')}}`,
    `areas: {civic: {ko: ${yamlString(`시민 ${PAYLOADS.svg}`)}, en: Civic}}`,
    '',
  ].join('\n'));
  await writeFile(join(src, 'samples', 'hostile.csv'), `연도,항목,값,링크\n${ROWS.map((r) => r.map((v) => csvCell(String(v))).join(',')).join('\n')}\n`);
  await writeFile(join(root, 'schemas', 'hostile-values.schema.json'), JSON.stringify(SCHEMA, null, 2));
  await writeFile(join(src, 'hostile-values.yaml'), [
    'id: hostile-values',
    `title: {ko: ${yamlString(`값 ${PAYLOADS.script}`)}, en: ${yamlString(`Values ${PAYLOADS.img}`)}}`,
    `description: {ko: ${yamlString(`설명 ${PAYLOADS.svg}`)}, en: ${yamlString(`About ${PAYLOADS.script}`)}}`,
    `department: {id: civic-test, ko: ${yamlString(`시험부 ${PAYLOADS.img}`)}, en: ${yamlString(`Test Office ${PAYLOADS.script}`)}}`,
    'licence: KOGL-1',
    `homepage: ${yamlString('https://example.org/"><script>window.__xss="homepage"</script>')}`,
    'update: {every: yearly}',
    'extract:',
    '  kind: file',
    '  path: samples/hostile.csv',
    '  format: csv',
    '  encoding: utf-8',
    '  sample: samples/hostile.csv',
    'columns:',
    `  year: {from: [연도], type: integer, title: {ko: 연도, en: Year}}`,
    `  label: {from: [항목], type: string, title: {ko: ${yamlString(`항목 ${PAYLOADS.svg}`)}, en: Label}}`,
    `  value: {from: [값], type: number, unit: ${yamlString(PAYLOADS.script)}, title: {ko: 값, en: Value}}`,
    `  link: {from: [링크], type: string, title: {ko: 링크, en: Link}}`,
    'district: {from: label}',
    'schema: schemas/hostile-values.schema.json',
    'primaryKey: [year]',
    'onInvalid: {action: drop-row, maxRatio: 0.5}',
    '',
  ].join('\n'));
  await writeFile(join(root, 'viz-specs', 'civic', 'hostile-chart.yaml'), [
    'id: hostile-chart',
    'area: civic',
    `title: {ko: ${yamlString(`차트 ${PAYLOADS.img}`)}, en: ${yamlString(`Chart ${PAYLOADS.script}`)}}`,
    `description: {ko: ${yamlString(`차트 설명 ${PAYLOADS.svg}`)}, en: ${yamlString(`About ${PAYLOADS.img}`)}}`,
    `alt: {ko: ${yamlString(`대체 ${PAYLOADS.script}`)}, en: ${yamlString(`Alt ${PAYLOADS.img}`)}}`,
    'data: [hostile-values]',
    `proposedBy: ${yamlString(PAYLOADS.img)}`,
    'spec:',
    '  data: {name: hostile-values}',
    `  title: ${yamlString(PAYLOADS.specTitle)}`,
    '  mark: bar',
    '  encoding:',
    '    y: {field: label, type: nominal}',
    '    x: {field: value, type: quantitative}',
    '    tooltip: [{field: label, type: nominal}, {field: link, type: nominal}, {field: value, type: quantitative}]',
    '',
  ].join('\n'));
  return root;
}
