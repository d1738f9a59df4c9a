// The browser code, bundled with esbuild while the site builds (no build step of its own):
//   assets/loader.<hash>.js  the tiny script chart pages load; it imports the bundle below lazily
//   assets/chart.<hash>.js   vega + vega-embed + the expression interpreter (no Vega-Lite compiler)
//   assets/search.<hash>.js  the search page's client for the Pagefind index
//   assets/table.<hash>.js   sorting and collapsing of data tables (pages with one)
// Names are content hashes (publish serves them `immutable`); the loader learns the chart
// bundle's name at bundle time. Bundles are kept per process by source hash, so a process that
// builds several sites (tests, benchmarks) bundles once.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';
import type { Logger } from '../types.ts';
import { assetName } from './file-names.ts';
import { CitydashError } from '../errors.ts';

export class ClientBundleError extends CitydashError {
  constructor(entry: string, detail: string) {
    super(entry, `bundling the browser code failed: ${detail}`);
    this.name = 'ClientBundleError';
  }
}

/** Template name (`loader.js`) -> site path (`assets/loader.<hash>.js`), plus raw bytes for reports. */
export interface ClientBundle {
  assets: Record<string, string>;
  bytes: Record<string, number>;
}

/**
 * The node_modules folder vega is installed in: the repository's in a checkout, the one beside
 * citydash when it is installed as a package. The browser code resolves vega's sub-packages there.
 */
function modulesHoldingVega(): string {
  const entry = createRequire(import.meta.url).resolve('vega');
  const marker = `${sep}node_modules${sep}vega${sep}`;
  return entry.slice(0, entry.lastIndexOf(marker) + `${sep}node_modules${sep}`.length);
}
const NODE_MODULES = modulesHoldingVega();
/** Package names the browser bundle resolves to our own files (see each file for why). */
const ALIASES: Record<string, string> = { 'vega-lite': 'vega-lite-stub.ts', vega: 'vega-lean.js' };
const memo = new Map<string, Promise<Array<[string, Uint8Array]>>>();

async function vegaVersion(): Promise<string> {
  return (JSON.parse(await readFile(join(NODE_MODULES, 'vega', 'package.json'), 'utf8')) as { version: string }).version;
}

async function sourceHash(dir: string): Promise<string> {
  const h = createHash('sha256');
  for (const name of (await readdir(dir)).sort()) {
    if (!/\.(ts|js)$/.test(name)) continue;
    h.update(name).update('\0').update(await readFile(join(dir, name))).update('\0');
  }
  return h.digest('hex');
}

async function bundle(dir: string, entry: string, define: Record<string, string> = {}): Promise<Uint8Array> {
  const esbuild = await import('esbuild');
  try {
    const out = await esbuild.build({
      entryPoints: [join(dir, entry)],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: ['es2020'],
      minify: true,
      write: false,
      legalComments: 'eof',
      logLevel: 'silent',
      nodePaths: [NODE_MODULES],
      define: { 'process.env.NODE_ENV': '"production"', __VEGA_VERSION__: JSON.stringify(await vegaVersion()), ...define },
      plugins: [{
        name: 'citydash-stubs',
        setup(b) {
          b.onResolve({ filter: /^vega(-lite)?$/ }, (args) => ({ path: join(dir, ALIASES[args.path]) }));
        },
      }],
    });
    return out.outputFiles[0].contents;
  } catch (err) {
    const errors = (err as { errors?: Array<{ text: string; location?: { file: string; line: number; column: number } }> }).errors;
    const first = errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column}` : join(dir, entry);
    throw new ClientBundleError(where, first?.text ?? (err as Error).message);
  }
}

async function bundleAll(dir: string): Promise<Array<[string, Uint8Array]>> {
  const chart = await bundle(dir, 'chart.ts');
  const chartPath = assetName('chart', 'js', chart);
  const loader = await bundle(dir, 'loader.ts', { __CHART_BUNDLE__: JSON.stringify(`./${chartPath.slice('assets/'.length)}`) });
  const search = await bundle(dir, 'search.ts');
  const out: Array<[string, Uint8Array]> = [['chart.js', chart], ['loader.js', loader], ['search.js', search]];
  if (existsSync(join(dir, 'table.ts'))) out.push(['table.js', await bundle(dir, 'table.ts')]);
  return out;
}

/**
 * Bundles site/assets/js/ into `outDir/assets/`. A template folder without browser sources gets
 * no scripts (pages then stay static, which they are built to be anyway).
 */
export async function buildClientBundle(sourceDir: string, outDir: string, log: Logger): Promise<ClientBundle> {
  const srcDir = resolve(sourceDir);
  const result: ClientBundle = { assets: {}, bytes: {} };
  // No client sources: the site works without JavaScript (the pages say so), so no bundle is built.
  const names = await readdir(srcDir).catch(() => [] as string[]);
  if (!names.includes('loader.ts') || !names.includes('chart.ts')) return result;
  const key = `${srcDir}\0${await sourceHash(srcDir)}`;
  if (!memo.has(key)) memo.set(key, bundleAll(srcDir));
  let files: Array<[string, Uint8Array]>;
  try {
    files = await memo.get(key)!;
  } catch (err) {
    memo.delete(key);
    throw err;
  }
  for (const [name, bytes] of files) {
    const path = assetName(name.replace(/\.js$/, ''), 'js', bytes);
    await writeFileAtomic(join(outDir, path), bytes);
    result.assets[name] = path;
    result.bytes[name] = bytes.byteLength;
  }
  log.debug(`site: browser code ${Object.entries(result.bytes).map(([n, b]) => `${n} ${b} B`).join(', ')}`);
  return result;
}
