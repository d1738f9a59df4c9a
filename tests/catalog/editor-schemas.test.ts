// Editor support: `citydash new` starts every descriptor with the modeline that names its
// schema, the path is right from wherever the file sits, and the chart schema's Vega-Lite
// reference resolves both in this checkout and in the installed package.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { descriptorValidator } from '../../pipeline/catalog/descriptor-schemas.ts';
import { modeline, packageSchemaText, schemaDirFor, VEGA_LITE_REF, vscodeSettings, withModeline } from '../../pipeline/catalog/editor-schemas.ts';
import { cli, tempCatalog, type TempCatalog } from '../check/helpers.ts';
import { EditorSchemas, modelinePath } from '../helpers/editor-validate.ts';
import { repoRoot } from '../helpers/paths.ts';

let cat: TempCatalog;
beforeEach(async () => {
  cat = await tempCatalog();
});
afterEach(async () => {
  await cat?.cleanup();
});

test('new dataset and new chart write the modeline first, pointing where npm install puts the schemas', async () => {
  expect((await cli(['new', 'dataset', '--id', 'noise-complaints', '--department', 'citizen-communication', '--catalog', cat.root])).error).toBeUndefined();
  expect((await cli(['new', 'chart', '--dataset', 'noise-complaints', '--id', 'noise-by-gu', '--catalog', cat.root])).error).toBeUndefined();
  const dataset = await readFile(join(cat.root, 'sources/citizen-communication/noise-complaints.yaml'), 'utf8');
  const chart = await readFile(join(cat.root, 'viz-specs/environment/noise-by-gu.yaml'), 'utf8');
  expect(dataset.split('\n')[0]).toBe('# yaml-language-server: $schema=../../node_modules/citydash/lib/catalog/dataset.schema.json');
  expect(chart.split('\n')[0]).toBe('# yaml-language-server: $schema=../../node_modules/citydash/lib/catalog/chart.schema.json');
  expect(dataset.match(/yaml-language-server/g)).toHaveLength(1);
  // the row schema and the sample are not descriptors: left as they are
  expect(await readFile(join(cat.root, 'schemas/noise-complaints.schema.json'), 'utf8')).toMatch(/^\{/);
  // and the files still pass check (the modeline is a comment)
  const check = await cli(['check', '--catalog', cat.root]);
  expect(check.out).toMatch(/^check passed/m);
});

test('in this repository (itself a catalog) the modeline points at the schemas beside the sources', () => {
  expect(schemaDirFor(repoRoot)).toBe(join(repoRoot, 'pipeline', 'catalog'));
  const line = modeline('chart', repoRoot, 'viz-specs/environment/new-chart.yaml');
  expect(line).toBe('# yaml-language-server: $schema=../../pipeline/catalog/chart.schema.json');
  expect(existsSync(resolve(repoRoot, 'viz-specs/environment', modelinePath(line)!))).toBe(true);
  expect(modeline('settings', repoRoot, 'citydash.yaml')).toBe('# yaml-language-server: $schema=./pipeline/catalog/settings.schema.json');
});

test('a modeline already there is kept, never doubled or replaced', () => {
  const text = '# yaml-language-server: $schema=https://example.org/custom.json\nid: x\n';
  expect(withModeline(text, 'chart', repoRoot, 'viz-specs/a/x.yaml')).toBe(text);
  expect(withModeline('id: x\n', 'chart', repoRoot, 'viz-specs/a/x.yaml')).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/pipeline\/catalog\/chart\.schema\.json\nid: x\n$/);
});

test('the Vega-Lite reference resolves in the checkout and, rewritten, beside citydash in node_modules', async () => {
  const schemaDir = join(repoRoot, 'pipeline', 'catalog');
  const text = await readFile(join(schemaDir, 'chart.schema.json'), 'utf8');
  expect(text).toContain(JSON.stringify(VEGA_LITE_REF.checkout));
  expect(existsSync(resolve(schemaDir, VEGA_LITE_REF.checkout))).toBe(true);
  // installed: <project>/node_modules/citydash/lib/catalog -> <project>/node_modules/vega-lite
  const installedDir = '/project/node_modules/citydash/lib/catalog';
  expect(resolve(installedDir, VEGA_LITE_REF.package)).toBe('/project/node_modules/vega-lite/build/vega-lite-schema.json');
  const shipped = packageSchemaText(text);
  expect(shipped).toContain(JSON.stringify(VEGA_LITE_REF.package));
  expect(shipped).not.toContain(VEGA_LITE_REF.checkout);
  expect(packageSchemaText(await readFile(join(schemaDir, 'dataset.schema.json'), 'utf8'))).toBe(await readFile(join(schemaDir, 'dataset.schema.json'), 'utf8'));
});

test('check ignores the editors\' reference: the spec is validated by check\'s own rules, not twice', () => {
  const validate = descriptorValidator('chart');
  const chart = { id: 'x', area: 'a', title: { ko: '가', en: 'A' }, description: { ko: '가', en: 'A' }, data: ['d'], spec: { mark: 'not-a-mark' } };
  expect(validate(chart)).toBe(true);
  // while the editor schema (the same file, reference followed) flags it
  const editor = new EditorSchemas();
  const v = editor.validator(join(repoRoot, 'pipeline/catalog/chart.schema.json'));
  expect(v(chart)).toBe(false);
  expect(v.errors?.some((e) => e.instancePath.startsWith('/spec'))).toBe(true);
  expect(v({ ...chart, spec: { mark: 'bar', data: { name: 'd' }, encoding: { x: { field: 'a', type: 'nominal' } } } })).toBe(true);
  expect(dirname(join(repoRoot, 'pipeline/catalog/chart.schema.json'))).toBe(schemaDirFor(repoRoot));
}, 60_000);

test('this repository (the bundled catalog) maps its descriptors to the schemas for VS Code, as init does for a city', async () => {
  const settings = JSON.parse(await readFile(join(repoRoot, '.vscode/settings.json'), 'utf8'));
  expect(`${JSON.stringify(settings, null, 2)}\n`).toBe(vscodeSettings(repoRoot));
  for (const schema of Object.keys(settings['yaml.schemas'])) expect(existsSync(join(repoRoot, schema))).toBe(true);
  expect(JSON.parse(await readFile(join(repoRoot, '.vscode/extensions.json'), 'utf8'))).toEqual({ recommendations: ['redhat.vscode-yaml'] });
});
