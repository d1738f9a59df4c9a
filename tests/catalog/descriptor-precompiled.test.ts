// The installed package validates descriptors with ajv's standalone code compiled at `npm pack`
// (scripts/package/compile.ts); a checkout compiles the same schemas at start. Both must say the
// same thing about every file: same verdict, same errors (which the messages are built from).
import { readdir, readFile } from 'node:fs/promises';
import { Module } from 'node:module';
import { join, relative } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { descriptorAjv, descriptorSchemas, descriptorSchemasSha256, parseSourceDoc } from '../../pipeline/catalog/index.ts';
import { descriptorValidatorsCode } from '../../scripts/package/compile.ts';
import { repoRoot } from '../helpers/paths.ts';

async function* yamlFiles(dir: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* yamlFiles(path);
    else if (/\.ya?ml$/.test(e.name)) yield path;
  }
}

/** The standalone code loaded as the package loads it (its requires resolved from the repository). */
function loadStandalone(code: string): Record<string, ValidateFunction> & { schemaSha256: string } {
  const file = join(repoRoot, 'lib-test', 'descriptor-validate.cjs');
  const m = new Module(file) as Module & { _compile(code: string, file: string): void; filename: string; paths: string[] };
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(repoRoot);
  m._compile(code, file);
  return m.exports as Record<string, ValidateFunction> & { schemaSha256: string };
}

test('the precompiled descriptor validators agree with the ones compiled at start on every bundled and broken descriptor', async () => {
  const precompiled = loadStandalone(descriptorValidatorsCode());
  expect(precompiled.schemaSha256).toBe(descriptorSchemasSha256());
  const ajv = descriptorAjv();

  const values: Array<{ file: string; value: unknown }> = [];
  for (const dir of ['sources', 'viz-specs', 'labels', 'tests/catalog/fixtures']) {
    for await (const file of yamlFiles(join(repoRoot, dir))) {
      const source = parseSourceDoc(file, await readFile(file, 'utf8'));
      values.push({ file: relative(repoRoot, file), value: source.value });
    }
  }
  values.push({ file: 'citydash.yaml', value: parseSourceDoc('citydash.yaml', await readFile(join(repoRoot, 'citydash.yaml'), 'utf8')).value });
  // Hand-broken values of the kinds the files above rarely break: wrong types, bad formats, extra keys.
  values.push(
    { file: '(types)', value: { id: 7, title: 'no', columns: [], update: { every: 'fortnightly' }, extract: { kind: 'http', url: 'not a url' } } },
    { file: '(formats)', value: { baseUrl: 'ftp//x', feedback: { email: 'not-an-email' }, extra: true } },
    { file: '(empty)', value: {} },
  );
  expect(values.length).toBeGreaterThan(60);

  let rejected = 0;
  for (const kind of Object.keys(descriptorSchemas)) {
    const runtime = ajv.getSchema(kind)!;
    for (const { file, value } of values) {
      const ok = runtime(value);
      expect({ file, kind, ok: precompiled[kind]!(value), errors: precompiled[kind]!.errors ?? null })
        .toEqual({ file, kind, ok, errors: runtime.errors ?? null });
      if (!ok) rejected++;
    }
  }
  // Most files are of one kind and fail the other three: the errors compared are many.
  expect(rejected).toBeGreaterThan(100);
});
