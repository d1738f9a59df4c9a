// `citydash init` writes a catalog that passes `citydash check` as written, with the settings
// the city gave, editor support, and workflows that install citydash from the registry on the
// current Node LTS; it never writes into a folder that is already in use.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { parse } from 'yaml';
import { loadCatalog } from '../../pipeline/catalog/index.ts';
import { checkCatalog } from '../../pipeline/check/index.ts';
import { registerInit } from '../../pipeline/cli/commands/init.ts';
import { commands } from '../../pipeline/cli/commands/index.ts';
import { WORKFLOW_NODE } from '../../pipeline/init/index.ts';
import { testEffects } from '../check/helpers.ts';

type Obj = Record<string, any>;
let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'citydash-init-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function init(args: string[]): Promise<{ error?: Error; log: string[] }> {
  const effects = testEffects();
  const program = new Command('citydash').exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  registerInit({ effects })(program, () => {});
  try {
    await program.parseAsync(['node', 'citydash', 'init', ...args]);
    return { log: effects.log.lines };
  } catch (error) {
    return { error: error as Error, log: effects.log.lines };
  }
}

/**
 * The example dataset's figures are invented, so its file is declared as its own sample (the site
 * labels it sample data) and check says how to publish real data instead: that warning, and only
 * that one, is expected of a fresh catalog.
 */
function expectOnlySampleNotice(problems: readonly { rule?: string; severity?: string; file?: string }[]): void {
  const notice = (p: { rule?: string; severity?: string }) => p.rule === 'sample' && p.severity === 'warning';
  expect(problems.filter((p) => !notice(p))).toEqual([]);
  expect(problems.filter(notice).map((p) => p.file)).toEqual(['sources/culture-tourism/library-visits-monthly.yaml']);
}

const registered = (): Set<string> => {
  const program = new Command('citydash');
  for (const r of commands) r(program, () => {});
  return new Set(program.commands.map((c) => c.name()));
};

test('init writes a catalog that passes check, with the given titles, links and feedback channels', async () => {
  const root = join(work, 'busan-dashboard');
  const { error, log } = await init([root, '--title-ko', '부산 열린 데이터', '--title-en', 'Busan Open Data', '--base-url', 'https://data.busan.go.kr/dashboard/',
    '--repository', 'https://github.com/busan/dashboard', '--feedback-email', 'opendata@busan.go.kr']);
  expect(error).toBeUndefined();
  expect(log.filter((l) => l.startsWith('wrote '))).toHaveLength(13);

  const { catalog, problems } = await loadCatalog(root);
  expectOnlySampleNotice(problems);
  expect(catalog.settings.siteTitle).toEqual({ ko: '부산 열린 데이터', en: 'Busan Open Data' });
  expect(catalog.settings.baseUrl).toBe('https://data.busan.go.kr/dashboard/');
  const settings = parse(await readFile(join(root, 'citydash.yaml'), 'utf8')) as Obj;
  expect(settings.feedback).toMatchObject({ email: 'opendata@busan.go.kr', github: { label: 'feedback' }, answerDays: 10 });
  expect(catalog.datasets.map((d) => d.id)).toEqual(['library-visits-monthly']);
  expect(catalog.charts.map((c) => c.id)).toEqual(['library-visits-trend']);

  const result = await checkCatalog(root, { base: null }, testEffects());
  expectOnlySampleNotice(result.problems);
  expect(result.ok).toBe(true);

  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Obj;
  const own = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as Obj;
  expect(pkg).toMatchObject({ name: 'busan-dashboard', private: true, dependencies: { citydash: `^${own.version}` } });
  expect(await readFile(join(root, 'README.md'), 'utf8')).toMatch(/^# 부산 열린 데이터 \/ Busan Open Data\n/);
  expect(await readFile(join(root, '.gitignore'), 'utf8')).toMatch(/^\.citydash\/$/m);
});

test('without links or a mailbox, settings say what to fill in and still pass', async () => {
  const root = join(work, 'new-city');
  expect((await init([root])).error).toBeUndefined();
  const text = await readFile(join(root, 'citydash.yaml'), 'utf8');
  expect(text).toMatch(/^# baseUrl: /m);
  expect(text).toMatch(/^# feedback:$/m);
  const { catalog, problems } = await loadCatalog(root);
  expectOnlySampleNotice(problems);
  expect(catalog.settings.siteTitle).toEqual({ ko: 'New city 데이터 대시보드', en: 'New city data dashboard' });
});

test('descriptors carry the editor modeline; .vscode maps every kind and recommends the YAML extension', async () => {
  const root = join(work, 'city');
  await init([root]);
  const first = async (path: string) => (await readFile(join(root, path), 'utf8')).split('\n')[0];
  expect(await first('citydash.yaml')).toBe('# yaml-language-server: $schema=./node_modules/citydash/lib/catalog/settings.schema.json');
  expect(await first('sources/culture-tourism/library-visits-monthly.yaml')).toBe('# yaml-language-server: $schema=../../node_modules/citydash/lib/catalog/dataset.schema.json');
  expect(await first('viz-specs/culture/library-visits-trend.yaml')).toBe('# yaml-language-server: $schema=../../node_modules/citydash/lib/catalog/chart.schema.json');
  const vscode = JSON.parse(await readFile(join(root, '.vscode/settings.json'), 'utf8')) as Obj;
  expect(vscode['yaml.schemas']).toEqual({
    './node_modules/citydash/lib/catalog/settings.schema.json': ['citydash.yaml'],
    './node_modules/citydash/lib/catalog/dataset.schema.json': ['sources/**/*.yaml'],
    './node_modules/citydash/lib/catalog/chart.schema.json': ['viz-specs/**/*.yaml'],
    './node_modules/citydash/lib/catalog/labels.schema.json': ['labels/**/*.yaml'],
  });
  expect(JSON.parse(await readFile(join(root, '.vscode/extensions.json'), 'utf8'))).toEqual({ recommendations: ['redhat.vscode-yaml'] });
});

test('the workflows init writes: Node LTS, citydash from the registry, shards, previews, no secrets in pull requests', async () => {
  const root = join(work, 'city');
  await init([root]);
  const load = async (name: string) => parse(await readFile(join(root, '.github/workflows', name), 'utf8')) as Obj;
  const nightly = await load('nightly.yml');
  const pr = await load('pr.yml');
  const comment = await load('pr-comment.yml');
  const steps = (wf: Obj) => Object.values(wf.jobs as Obj).flatMap((j: Obj) => j.steps as Obj[]);
  for (const wf of [nightly, pr]) {
    const setup = steps(wf).filter((s) => String(s.uses).startsWith('actions/setup-node'));
    expect(setup.length).toBeGreaterThan(0);
    for (const s of setup) expect(s.with['node-version']).toBe(WORKFLOW_NODE);
    // citydash comes from package.json / package-lock.json: installed from the registry by npm ci
    expect(steps(wf).some((s) => /^npm ci\b/.test(s.run ?? ''))).toBe(true);
  }
  expect(WORKFLOW_NODE).toBe(24);
  expect(nightly.jobs.fetch.strategy.matrix.shard).toEqual(Array.from({ length: Number(nightly.env.SHARDS) }, (_, i) => i + 1));
  const runs = [nightly, pr, comment].flatMap((wf) => steps(wf).map((s) => s.run ?? '')).join('\n');
  const used = new Set([...runs.matchAll(/\bnpx citydash ([a-z][a-z-]*)/g)].map((m) => m[1]));
  expect([...used].sort()).toEqual(['build', 'check', 'diff', 'fetch', 'publish', 'run', 'validate']);
  expect([...used].filter((c) => !registered().has(c))).toEqual([]);
  expect(await readFile(join(root, '.github/workflows/pr.yml'), 'utf8')).not.toMatch(/secrets\./);
  expect(runs).toContain('npx citydash check --base .citydash-base --format markdown --preview-dir dist/check');
  expect(comment.jobs.comment.steps.some((s: Obj) => String(s.uses ?? '').startsWith('actions/checkout'))).toBe(false);
});

test('init refuses a folder in use, bad links and titles, and writes nothing then', async () => {
  const used = join(work, 'used');
  await mkdir(used);
  await writeFile(join(used, 'notes.txt'), 'mine');
  expect((await init([used])).error?.message).toMatch(/used is not empty \(notes\.txt\); init writes a new catalog into a new or empty folder/);
  expect(await readdir(used)).toEqual(['notes.txt']);

  const clone = join(work, 'clone');
  await mkdir(join(clone, '.git'), { recursive: true });
  await writeFile(join(clone, 'LICENSE'), 'Apache-2.0');
  expect((await init([clone])).error).toBeUndefined();

  const fresh = join(work, 'fresh');
  expect((await init([fresh, '--base-url', 'ftp://x'])).error?.message).toMatch(/--base-url "ftp:\/\/x": expected an http\(s\) URL/);
  expect((await init([fresh, '--feedback-email', 'not-an-address'])).error?.message).toMatch(/--feedback-email "not-an-address": expected an address/);
  expect((await init([fresh, '--title-en', ' '])).error?.message).toMatch(/--title-en " ": give 1 to 200 characters/);
  expect(await readdir(work)).toEqual(expect.not.arrayContaining(['fresh']));
});
