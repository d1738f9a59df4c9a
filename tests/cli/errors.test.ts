// A failure reaches the user as one line that says where and what, whatever stage raised it;
// --verbose adds the stack; a bug says what to report.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorText } from '../../pipeline/cli/main.ts';
import { CitydashError, CliError } from '../../pipeline/errors.ts';
import { SiteOutputError } from '../../pipeline/site/build.ts';
import { cli } from '../helpers/cli.ts';
import { AIR_SCHEMA, descriptorYaml, tempDir } from '../validate/helpers.ts';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('citydash-errors-');
  const src = join(dir.path, 'sources/climate-environment');
  await mkdir(join(src, 'data'), { recursive: true });
  await mkdir(join(dir.path, 'schemas'));
  await mkdir(join(dir.path, 'viz-specs/environment'), { recursive: true });
  await writeFile(join(dir.path, 'citydash.yaml'), 'siteTitle: {ko: 시험, en: Test}\nareas: {environment: {ko: 환경, en: Environment}}\n');
  await writeFile(join(dir.path, 'schemas/air-test.schema.json'), JSON.stringify(AIR_SCHEMA));
  await writeFile(join(src, 'data/good.csv'), '측정일시,측정소명,미세먼지농도(㎍/㎥)\n20180101,강남구,34\n');
  await writeFile(join(src, 'air-good.yaml'), descriptorYaml('air-good', 'data/good.csv'));
});
afterEach(async () => { await dir?.cleanup(); });

async function failing(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await cli(args);
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
  throw new Error(`citydash ${args.join(' ')} succeeded`);
}

test('build --out over a folder that is not a citydash site: one clear line, exit 1', async () => {
  const out = join(dir.path, 'out');
  await mkdir(join(out, 'site'), { recursive: true });
  await writeFile(join(out, 'site', 'thesis.docx'), 'not ours');
  const args = ['build', '--catalog', dir.path, '--work', dir.work.root, '--out', out, '--quiet'];
  const { code, stderr } = await failing(args);
  expect(code).toBe(1);
  expect(stderr).toBe(`citydash: ${join(out, 'site')}: not empty and not a citydash site (no _citydash/build.json); refusing to replace it\n`);

  const verbose = await failing([...args, '--verbose']);
  expect(verbose.code).toBe(1);
  expect(verbose.stderr.startsWith(stderr)).toBe(true);
  expect(verbose.stderr).toMatch(/\n\s+at checkSiteOutput \(/);
});

test('every CitydashError prints as its one line; its exit code is kept', () => {
  const err = new SiteOutputError('/srv/www', 'not empty');
  expect(err).toBeInstanceOf(CitydashError);
  expect([err.where, err.detail, err.exitCode]).toEqual(['/srv/www', 'not empty', 1]);
  expect(errorText(err, false)).toBe('citydash: /srv/www: not empty\n');
  expect(new CliError('--only "x": unknown', 3).exitCode).toBe(3);
  expect(errorText(new CitydashError('a.csv:3', 'bad value\n"12a"'), false)).toBe('citydash: a.csv:3: bad value "12a"\n');
});

test('a bug still reaches the user in one line that says what to report; --verbose shows the causes', () => {
  const bug = new TypeError('cannot read properties of undefined (reading "id")');
  const text = errorText(bug, false);
  expect(text.split('\n')[0]).toBe('citydash: internal error: TypeError: cannot read properties of undefined (reading "id")');
  expect(text).toContain('please report it with the command you ran and the output of the same command with --verbose');
  expect(text).not.toMatch(/\n\s+at /);

  const wrapped = new CitydashError('s3://bucket/site', 'put failed', { cause: new Error('socket hang up') });
  const verbose = errorText(wrapped, true);
  expect(verbose.split('\n')[0]).toBe('citydash: s3://bucket/site: put failed');
  expect(verbose).toMatch(/caused by: Error: socket hang up\n\s+at /);
});
