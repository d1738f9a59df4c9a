// The package a city installs: `npm pack` of this repository, installed into an empty folder
// with no dev dependencies and no network (the npm cache that `npm ci` filled; see
// scripts/package/install.ts), then used as a city would: `citydash init`, `citydash run
// --offline` in the new folder, and the editor schemas it ships checked against real descriptors.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { listFiles, YAML_FILE } from '../../pipeline/catalog/files.ts';
import { installPackage, packPackage } from '../../scripts/package/install.ts';
import { EditorSchemas, modelinePath } from '../helpers/editor-validate.ts';
import { repoRoot } from '../helpers/paths.ts';

const exec = promisify(execFile);
let work: string;
let consumer: string;
let bin: string;
let installed: string;

/** The installed CLI as a city runs it: its own node_modules, no jest flags, no key. */
function citydash(args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1', SEOUL_API_KEY: '', GITHUB_STEP_SUMMARY: '' };
  return exec(process.execPath, [bin, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'citydash-package-'));
  const tarball = await packPackage(join(work, 'pack'));
  consumer = join(work, 'consumer');
  await installPackage(tarball, consumer);
  installed = join(consumer, 'node_modules', 'citydash');
  bin = join(installed, 'bin', 'citydash.js');
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('the package carries compiled JavaScript, templates and schemas; no sources, tests, samples or dev dependencies', async () => {
  const top = (await readdir(installed)).sort();
  expect(top).toEqual(['LICENSE', 'README.md', 'bin', 'docs', 'lib', 'package.json', 'site']);
  expect(existsSync(join(installed, 'lib/cli/main.js'))).toBe(true);
  expect(existsSync(join(installed, 'lib/render/png-worker.mjs'))).toBe(true);
  // charts render in child processes that load the compiled job, not the TypeScript
  expect(existsSync(join(installed, 'lib/render/render-child.mjs'))).toBe(true);
  expect(existsSync(join(installed, 'lib/render/render-job.js'))).toBe(true);
  for (const kind of ['dataset', 'chart', 'settings', 'labels']) expect(existsSync(join(installed, `lib/catalog/${kind}.schema.json`))).toBe(true);
  expect(existsSync(join(installed, 'site/pages/chart.njk'))).toBe(true);
  const libFiles = await readdir(join(installed, 'lib'), { recursive: true });
  expect(libFiles.filter((f) => f.endsWith('.ts'))).toEqual([]);
  const pkg = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
  expect(pkg.private).toBeUndefined();
  expect(pkg.engines.node).toMatch(/24/);
  // --omit=dev: the tools that build and test citydash are not installed with it
  for (const dev of ['jest', 'typescript', 'tsx', 'playwright-core', 's3rver']) expect(existsSync(join(consumer, 'node_modules', dev))).toBe(false);
  for (const runtime of ['@duckdb/node-api', '@resvg/resvg-js', 'vega-lite', 'pretendard', 'esbuild']) expect(existsSync(join(consumer, 'node_modules', runtime))).toBe(true);
});

test('citydash --help from the installed package lists every command', async () => {
  const { stdout } = await citydash(['--help'], consumer);
  for (const cmd of ['run', 'fetch', 'validate', 'build', 'publish', 'diff', 'rollback', 'check', 'new', 'init', 'serve']) {
    expect(stdout).toMatch(new RegExp(`^  ${cmd} `, 'm'));
  }
});

test('npx citydash init, then citydash run --offline in the new folder: the site with its chart', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1', npm_config_yes: 'false' };
  // npx finds the installed citydash in this folder's node_modules (and never asks the registry: --no)
  await exec('npx', ['--no', 'citydash', 'init', 'city', '--title-ko', '부산 열린 데이터', '--title-en', 'Busan Open Data', '--repository', 'https://github.com/busan/dashboard'], { cwd: consumer, env });
  const city = join(consumer, 'city');
  const { stderr } = await citydash(['run', '--offline'], city);
  expect(stderr).toMatch(/first publish: 1 dataset.*\(exit 0\)/);
  const ko = await readFile(join(city, 'dist/site/ko/charts/library-visits-trend/index.html'), 'utf8');
  const en = await readFile(join(city, 'dist/site/en/charts/library-visits-trend/index.html'), 'utf8');
  const chartSvg = (html: string) => /<svg[^>]*role="img"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
  expect(ko).toContain('도서관 방문자 수 추이');
  expect(chartSvg(ko)).toContain('중앙도서관');
  expect(chartSvg(en)).toContain('Central Library');
  expect(chartSvg(en)).not.toContain('중앙도서관');
  expect(await readFile(join(city, 'dist/site/en/index.html'), 'utf8')).toContain('Busan Open Data');
  expect(existsSync(join(city, 'dist/public/_citydash/manifest.json'))).toBe(true);
  const check = await citydash(['check'], city);
  expect(check.stdout).toMatch(/^check passed: 1 dataset, 1 chart checked/m);

  // A city's repository runs citydash where its node_modules is: the templates then lie under
  // the working directory's node_modules, which Eleventy ignores by default (0 pages before).
  const { stderr: rootLog } = await citydash(['build', '--offline', '--catalog', 'city', '--out', 'root-dist'], consumer);
  expect(rootLog).toMatch(/site: [1-9]\d* pages/);
  expect(await readFile(join(consumer, 'root-dist/site/en/charts/library-visits-trend/index.html'), 'utf8')).toContain('Central Library');
}, 300_000);

test('what init writes is checked by the shipped editor schemas, as the YAML language server resolves them', async () => {
  const city = join(work, 'editor-city');
  await citydash(['init', city], work);
  // `npm install` in the new folder installs this same tree; link it instead of installing twice.
  await symlink(join(consumer, 'node_modules'), join(city, 'node_modules'), 'dir');
  const editor = new EditorSchemas();
  const descriptors = ['citydash.yaml', ...(await listFiles(city, 'sources', YAML_FILE)), ...(await listFiles(city, 'viz-specs', YAML_FILE))];
  expect(descriptors).toHaveLength(3);
  for (const file of descriptors) {
    const text = await readFile(join(city, file), 'utf8');
    const schema = modelinePath(text);
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=(\.\/|\.\.\/)+node_modules\/citydash\/lib\/catalog\/(dataset|chart|settings)\.schema\.json$/);
    expect(existsSync(resolve(dirname(join(city, file)), schema!))).toBe(true);
    expect(editor.check(join(city, file))).toEqual([]);
  }
  const settings = JSON.parse(await readFile(join(city, '.vscode/settings.json'), 'utf8'));
  for (const schema of Object.keys(settings['yaml.schemas'])) expect(existsSync(join(city, schema))).toBe(true);

  // inside spec: the Vega-Lite schema applies (a misspelt mark is an editor error)
  const chart = join(city, 'viz-specs/culture/library-visits-trend.yaml');
  await writeFile(chart, (await readFile(chart, 'utf8')).replace('mark: {type: line, point: true}', 'mark: {type: lines, point: true}'));
  expect(editor.check(chart).join('\n')).toMatch(/\/spec/);
}, 120_000);

test('every descriptor of the bundled catalog validates against the editor schemas the package ships', async () => {
  const editor = new EditorSchemas();
  const schema = (kind: string) => join(installed, 'lib/catalog', `${kind}.schema.json`);
  const problems: string[] = [];
  for (const file of await listFiles(repoRoot, 'sources', YAML_FILE)) problems.push(...editor.check(join(repoRoot, file), schema('dataset')));
  const charts = await listFiles(repoRoot, 'viz-specs', YAML_FILE);
  for (const file of charts) problems.push(...editor.check(join(repoRoot, file), schema('chart')));
  problems.push(...editor.check(join(repoRoot, 'citydash.yaml'), schema('settings')));
  const labels = await listFiles(repoRoot, 'labels', YAML_FILE);
  for (const file of labels) problems.push(...editor.check(join(repoRoot, file), schema('labels')));
  expect(labels.length).toBeGreaterThan(3);
  expect(problems).toEqual([]);
  expect(charts.length).toBeGreaterThan(10);
}, 120_000);
