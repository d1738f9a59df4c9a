// Compiles pipeline/ to lib/ for the installable package (npm pack runs this as `prepack`):
// tsc emits one .js per .ts with the `.ts` import specifiers rewritten, and the files that are
// not TypeScript (the catalog's JSON Schemas, the PNG worker) are copied beside them. The tree
// keeps its shape, so a module that reads a file relative to itself finds it in both. The
// Vega-Lite schema validator that `citydash check` needs is compiled ahead of time too
// (lib/catalog/chart/vl-validate.cjs), and so are the catalog's descriptor schemas
// (lib/catalog/descriptor-validate.cjs): loading them costs a fraction of building them at every start.
//
//   node --import tsx scripts/package/compile.ts [--out lib]
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { _ } from 'ajv/dist/compile/codegen/index.js';
import { DESCRIPTOR_AJV_OPTIONS, descriptorAjv, descriptorSchemas, descriptorSchemasSha256, PRECOMPILED_DESCRIPTORS } from '../../pipeline/catalog/descriptor-schemas.ts';
import { packageSchemaText } from '../../pipeline/catalog/editor-schemas.ts';
import { precompiledModule } from '../../pipeline/catalog/precompiled.ts';
import { PRECOMPILED_VALIDATOR, VEGA_LITE_AJV_OPTIONS, vegaLiteSchemaText } from '../../pipeline/catalog/chart/vl-schema.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE = join(REPO, 'pipeline');

async function* nonTypeScript(dir: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* nonTypeScript(path);
    else if (!e.name.endsWith('.ts')) yield path;
  }
}

/** ajv's standalone code for the Vega-Lite schema, marked with the schema's sha256. */
function vegaLiteValidatorCode(): string {
  const { text, sha256 } = vegaLiteSchemaText();
  const ajv = new Ajv({ ...VEGA_LITE_AJV_OPTIONS, code: { ...VEGA_LITE_AJV_OPTIONS.code, source: true } });
  const code = standaloneCode.default(ajv, ajv.compile(JSON.parse(text)));
  return precompiledModule(code, sha256);
}

/** ajv's standalone code for the catalog's descriptor schemas (one export per kind), marked with their sha256. */
export function descriptorValidatorsCode(): string {
  // The formats are required from ajv-formats at load time: standalone code cannot carry functions.
  const ajv = descriptorAjv({ ...DESCRIPTOR_AJV_OPTIONS, code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
  const code = standaloneCode.default(ajv, Object.fromEntries(Object.keys(descriptorSchemas).map((k) => [k, k])));
  return precompiledModule(code, descriptorSchemasSha256());
}

export async function compile(out = join(REPO, 'lib')): Promise<void> {
  await rm(out, { recursive: true, force: true });
  const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(REPO, 'tsconfig.build.json'), '--outDir', out], { cwd: REPO, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`compile: tsc exited with ${run.status ?? run.signal}`);
  for await (const file of nonTypeScript(SOURCE)) {
    const target = join(out, relative(SOURCE, file));
    await mkdir(dirname(target), { recursive: true });
    if (file.endsWith('.schema.json')) await writeFile(target, packageSchemaText(await readFile(file, 'utf8')));
    else await copyFile(file, target);
  }
  await writeFile(join(out, 'catalog', 'chart', PRECOMPILED_VALIDATOR), vegaLiteValidatorCode());
  await writeFile(join(out, 'catalog', PRECOMPILED_DESCRIPTORS), descriptorValidatorsCode());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--out');
  await compile(at > 0 ? join(process.cwd(), process.argv[at + 1]) : undefined);
}
