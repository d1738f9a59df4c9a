// `citydash fetch` and `citydash validate` end to end on a temp catalog: a good dataset, one
// that fails validation, one whose file is missing; plus --file, unknown ids, catalog errors.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { CliError } from '../../pipeline/errors.ts';
import { registerFetch } from '../../pipeline/cli/commands/fetch.ts';
import { registerValidate } from '../../pipeline/cli/commands/validate.ts';
import type { ValidationReport } from '../../pipeline/types.ts';
import { startHttpServer } from '../helpers/http-server.ts';
import { AIR_SCHEMA, descriptorYaml, tempDir, testEffects } from '../validate/helpers.ts';

const GOOD = '측정일시,측정소명,미세먼지농도(㎍/㎥)\n20180101,강남구,34\n20180101,강남대로,41\n20180102,강남구,"1,020"\n';
const BAD = '측정일시,측정소명,미세먼지농도(㎍/㎥)\n20180101,강남구,34\n20180101,종로구,12a\n20180102,강남구,5\n';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('citydash-cli-');
  const src = join(dir.path, 'sources/climate-environment');
  await mkdir(join(src, 'data'), { recursive: true });
  await mkdir(join(dir.path, 'schemas'));
  await mkdir(join(dir.path, 'viz-specs/environment'), { recursive: true });
  await writeFile(join(dir.path, 'citydash.yaml'), 'siteTitle: {ko: 시험, en: Test}\nareas: {environment: {ko: 환경, en: Environment}}\n');
  await writeFile(join(dir.path, 'schemas/air-test.schema.json'), JSON.stringify(AIR_SCHEMA));
  await writeFile(join(src, 'data/good.csv'), GOOD);
  await writeFile(join(src, 'data/bad.csv'), BAD);
  await writeFile(join(src, 'air-good.yaml'), descriptorYaml('air-good', 'data/good.csv'));
  await writeFile(join(src, 'air-strict.yaml'), descriptorYaml('air-strict', 'data/bad.csv', 'onInvalid: {action: fail-dataset}'));
  await writeFile(join(src, 'air-missing.yaml'), descriptorYaml('air-missing', 'data/gone.csv'));
  await rm(join(src, 'data/gone.csv'), { force: true });
});
afterEach(async () => { await dir?.cleanup(); });

async function cli(args: string[], env: Record<string, string> = {}) {
  const effects = testEffects(env);
  let out = '';
  let exit = 0;
  const program = new Command('citydash').exitOverride().configureOutput({ writeOut: (s) => { out += s; }, writeErr: () => {} });
  const io = { effects, stdout: (s: string) => { out += s; } };
  registerFetch(io)(program, (c) => { exit = c; });
  registerValidate(io)(program, (c) => { exit = c; });
  await program.parseAsync(['node', 'citydash', ...args, '--catalog', dir.path, '--work', dir.work.root]);
  return { exit, out, log: effects.log.lines };
}

test('validate: a failing dataset does not stop the others; summary table; exit 3', async () => {
  const { exit, log, out } = await cli(['validate']);
  expect(exit).toBe(3);
  expect(out).toBe('');
  // A descriptor naming a missing file is a catalog error, located in the descriptor.
  expect(log[0]).toBe('error: sources/climate-environment/air-missing.yaml:7:29: file "data/gone.csv" not found (looked for sources/climate-environment/data/gone.csv) — paths in extract are relative to the descriptor\'s folder (sources/climate-environment/) and stay inside the catalog');
  expect(log).toEqual(expect.arrayContaining([
    '[fresh] air-good 3 valid rows',
    '[failed] air-strict onInvalid is fail-dataset and a row was rejected: line 3, column pm10: "12a" is not a number',
    '  line 3, column pm10: "12a" is not a number',
  ]));
  const table = log.slice(log.findIndex((l) => l.startsWith('dataset')));
  expect(table).toEqual([
    'dataset     rows read  valid  rejected  districts unmatched  status',
    '----------  ---------  -----  --------  -------------------  ------',
    'air-good            3      3         0                    1  ok',
    'air-strict          2      1         1                    0  failed',
  ]);
  const report = JSON.parse(await readFile(dir.work.report('air-strict'), 'utf8')) as ValidationReport;
  expect(report.rejections[0]).toMatchObject({ loc: { line: 3 }, column: 'pm10', value: '12a' });
  expect(JSON.parse(await readFile(dir.work.meta('air-good'), 'utf8')).rows).toBe(3);
});

test('validate ids --json: machine-readable result on stdout, exit 0 when all are valid', async () => {
  await rm(join(dir.path, 'sources/climate-environment/air-missing.yaml'));
  const { exit, out } = await cli(['validate', 'air-good', '--json']);
  expect(exit).toBe(0);
  const result = JSON.parse(out) as { ok: boolean; datasets: ValidationReport[] };
  expect(result.ok).toBe(true);
  expect(result.datasets.map((d) => [d.dataset, d.valid, d.unmatchedDistrictValues])).toEqual([['air-good', 3, { 강남대로: 1 }]]);
});

test('unknown dataset id: a usage error with a suggestion', async () => {
  const run = cli(['validate', 'air-god']);
  await expect(run).rejects.toThrow(CliError);
  await expect(cli(['validate', 'air-god'])).rejects.toThrow('unknown dataset id "air-god"; did you mean "air-good"? (known: air-good, air-strict)');
  await expect(cli(['fetch', 'nope'])).rejects.toMatchObject({ exitCode: 1 });
});

test('validate --file PATH --dataset ID checks one file and stores nothing', async () => {
  const bad = join(dir.path, 'sources/climate-environment/data/bad.csv');
  const { exit, log } = await cli(['validate', '--file', bad, '--dataset', 'air-good', '--json']);
  expect(exit).toBe(3);
  expect(log).toContain('  line 3, column pm10: "12a" is not a number');
  await expect(readFile(dir.work.rows('air-good'))).rejects.toThrow(/ENOENT/);
  await rm(join(dir.path, 'sources/climate-environment/air-missing.yaml'));
  const good = await cli(['validate', '--file', join(dir.path, 'sources/climate-environment/data/good.csv'), '--dataset', 'air-good']);
  expect(good.exit).toBe(0);
  await expect(cli(['validate', '--file', bad])).rejects.toThrow('--file needs --dataset <id>');
  const missing = await cli(['validate', '--file', join(dir.path, 'nothing.csv'), '--dataset', 'air-good', '--json']);
  expect(missing.exit).toBe(3);
  expect(JSON.parse(missing.out.slice(missing.out.indexOf('{'))).datasets[0].error).toMatch(/nothing\.csv: file not found/);
});

test('fetch: cadence, --force; a source that fails online gives exit 2', async () => {
  await rm(join(dir.path, 'sources/climate-environment/air-missing.yaml'));
  const first = await cli(['fetch']);
  expect(first.exit).toBe(0);
  expect(first.log).toEqual(expect.arrayContaining(['[fresh] air-good sources/climate-environment/data/good.csv', '[fresh] air-strict sources/climate-environment/data/bad.csv']));
  expect(first.log).toContain('no SEOUL_API_KEY: Seoul Open API sources use their bundled samples');
  const again = await cli(['fetch', 'air-good', 'air-strict']);
  expect(again.exit).toBe(0);
  expect(again.log).toEqual(expect.arrayContaining(['[not-due] air-good sources/climate-environment/data/good.csv']));
  const forced = await cli(['fetch', 'air-good', '--force', '--json']);
  expect(JSON.parse(forced.out).datasets[0]).toMatchObject({ dataset: 'air-good', state: 'not-modified' });
  expect(forced.log.slice(-3)[0]).toMatch(/^dataset\s+result\s+sample\s+fetched at\s+source$/);

  const server = await startHttpServer();
  try {
    server.route('/air.csv', { status: 404, body: 'no such file' });
    const http = descriptorYaml('air-http', 'data/good.csv').replace('extract: {kind: file, path: data/good.csv, format: csv}', `extract: {kind: http, url: "${server.url('/air.csv')}", format: csv, sample: data/good.csv}`);
    await writeFile(join(dir.path, 'sources/climate-environment/air-http.yaml'), http);
    // No Seoul key is needed to fetch a plain HTTP source.
    const online = await cli(['fetch', '--json']);
    expect(online.exit).toBe(2);
    const result = JSON.parse(online.out) as { ok: boolean; datasets: { dataset: string; state: string }[] };
    expect(result.ok).toBe(false);
    expect(result.datasets.map((d) => [d.dataset, d.state])).toEqual([['air-good', 'not-due'], ['air-http', 'failed'], ['air-strict', 'not-due']]);
    expect(online.log.find((l) => l.startsWith('[failed] air-http'))).toMatch(/404/);
    // Offline the same dataset uses its sample.
    expect((await cli(['fetch', 'air-http', '--offline'])).log).toContain('[sample] air-http sources/climate-environment/data/good.csv');
  } finally {
    await server.close();
  }
});

test('catalog problems are printed as path:line:col and make the command exit 3', async () => {
  await writeFile(join(dir.path, 'sources/climate-environment/air-broken.yaml'), descriptorYaml('air-broken', 'data/good.csv').replace('update: {every: daily}', 'update: {every: dialy}'));
  await rm(join(dir.path, 'sources/climate-environment/air-missing.yaml'));
  const { exit, log } = await cli(['validate', 'air-good']);
  expect(exit).toBe(3);
  expect(log.find((l) => l.startsWith('error: sources/climate-environment/air-broken.yaml:'))).toMatch(/^error: sources\/climate-environment\/air-broken\.yaml:6:\d+: .*dialy/);
  expect(log).toContain('[fresh] air-good 3 valid rows');
  await expect(cli(['validate', 'air-broken'])).rejects.toMatchObject({ exitCode: 3, message: expect.stringMatching(/did not load/) });
  expect((await cli(['fetch', 'air-good'])).exit).toBe(3);
});

test('--help shows an example', async () => {
  for (const command of ['fetch', 'validate']) {
    let help = '';
    const program = new Command('citydash').exitOverride().configureOutput({ writeOut: (s) => { help += s; } });
    registerFetch()(program, () => {});
    registerValidate()(program, () => {});
    await expect(program.parseAsync(['node', 'citydash', command, '--help'])).rejects.toMatchObject({ exitCode: 0 });
    expect(help).toMatch(new RegExp(`Examples:\\n  \\$ citydash ${command}`));
    expect(help).toMatch(/--offline/);
  }
});
