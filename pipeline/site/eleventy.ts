// Eleventy 3 run in-process from code: templates from site/, the model as global data, pages by
// pagination. Nunjucks autoescape is on (every value from data or specs is escaped); Eleventy's
// own console output goes to the debug log so a cycle's stderr stays ours.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Logger } from '../types.ts';
import { filters } from './filters.ts';
import { CitydashError } from '../errors.ts';
import { maskText } from '../secret-guard.ts';

export class EleventyBuildError extends CitydashError {
  constructor(inputDir: string, cause: Error) {
    // Eleventy wraps template errors; the innermost message names the template and line.
    let inner = cause as Error & { originalError?: Error };
    while (inner.originalError) inner = inner.originalError;
    super(inputDir, `Eleventy build failed: ${cause.message}${inner !== cause ? ` (${inner.message})` : ''}`, { cause });
    this.name = 'EleventyBuildError';
  }
}

export interface EleventyRun {
  inputDir: string;
  outDir: string;
  globals: Record<string, unknown>;
  log: Logger;
}

interface WrittenTemplate {
  outputPath?: string | false;
}

// On import, Eleventy registers module-loader hooks (a loader thread on Node 20) so that watch
// mode can re-import changed config/data files. We build once per process and import no
// JavaScript templates, so the hooks would only cost startup time and break under test runners
// that sandbox the loader. Eleventy's own switch turns them off; it must be set before the import.
async function loadEleventy(): Promise<typeof import('@11ty/eleventy').default> {
  process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= '1';
  return (await import('@11ty/eleventy')).default;
}

async function templateFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name.startsWith('_') || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await templateFiles(p)));
    else if (e.name.endsWith('.njk')) out.push(p);
  }
  return out;
}

function lookup(data: Record<string, unknown>, path: string): unknown {
  let v: unknown = data;
  for (const key of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/**
 * Templates that paginate over a part of the model this build does not have (the optional change
 * log or freshness sections) are left out instead of failing the whole site: an optional section
 * without data simply has no pages.
 */
export async function templatesWithoutData(inputDir: string, globals: Record<string, unknown>): Promise<string[]> {
  const skipped: string[] = [];
  for (const file of await templateFiles(inputDir)) {
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(await readFile(file, 'utf8'));
    if (!front) continue;
    let data: unknown;
    try {
      data = parseYaml(front[1]);
    } catch {
      continue; // Eleventy reports the broken front matter itself, with its location.
    }
    const path = (data as { pagination?: { data?: unknown } } | null)?.pagination?.data;
    if (typeof path === 'string' && lookup(globals, path) == null) skipped.push(file);
  }
  return skipped;
}

/** Builds the pages; returns the output paths Eleventy wrote. */
export async function runEleventy(run: EleventyRun): Promise<string[]> {
  const Eleventy = await loadEleventy();
  const skipped = await templatesWithoutData(run.inputDir, run.globals);
  for (const f of skipped) run.log.debug(`site: ${f} skipped, no data for its pages in this build`);
  const elev = new Eleventy(run.inputDir, run.outDir, {
    quietMode: true,
    config(cfg: EleventyUserConfig) {
      // Eleventy resolves ignore entries against the working directory. Its default
      // `**/node_modules/**` would ignore every template of an installed citydash (they live in
      // node_modules/citydash/site) whenever the command runs where node_modules is, as a city's
      // repository does: the site then had no pages. site/ holds only our templates.
      cfg.ignores.delete('**/node_modules/**');
      for (const f of skipped) cfg.ignores.add(relative(process.cwd(), f));
      cfg.setTemplateFormats(['njk']);
      cfg.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
      cfg.setUseGitIgnore(false);
      for (const [name, value] of Object.entries(run.globals)) cfg.addGlobalData(name, value);
      for (const [name, fn] of Object.entries(filters)) cfg.addFilter(name, fn);
      compileEachTemplateOnce(cfg);
      // Eleventy writes the pages itself: the secret guard sees them here, as atomic-write sees every other file.
      cfg.addTransform('secret-guard', (content: unknown) => (typeof content === 'string' ? maskText(content) : content));
    },
  });
  const debug = (m: unknown) => run.log.debug(`eleventy: ${String(m)}`);
  elev.logger.overrideLogger({ log: debug, info: debug, warn: debug, error: debug });
  let result: unknown;
  try {
    await elev.init();
    // Benchmark groups made while the config loads keep their own console logger and, on a busy
    // machine, print "Benchmark … (Configuration)" warnings despite quietMode.
    for (const group of Object.values(elev.config.benchmarkManager.getAll())) group.setIsVerbose(false);
    result = await elev.write();
  } catch (err) {
    throw new EleventyBuildError(run.inputDir, err as Error);
  }
  const templates = (Array.isArray(result) ? (result[1] as WrittenTemplate[]) : []) ?? [];
  const written = templates.map((t) => t.outputPath).filter((p): p is string => typeof p === 'string');
  // A site without pages published over the last good one would take every page down.
  if (!written.some((p) => p.endsWith('.html'))) throw new EleventyBuildError(run.inputDir, new Error('no page was written (are the templates in this folder ignored or missing?)'));
  return written;
}

interface NunjucksTemplate {
  render(data: unknown, done: (err: Error | null, out?: string) => void): void;
}
interface NunjucksEngineEvent {
  nunjucks: { Template: new (src: string, env: unknown, path: string | null, eagerCompile: boolean) => NunjucksTemplate };
  environment: unknown;
}

/**
 * Eleventy 3.1 hands Nunjucks a new Template for every page it renders, so a template paginated
 * over 84 charts was parsed and compiled 84 times (about two thirds of the site's render time).
 * This keeps Eleventy's own Nunjucks environment (its loader, our filters, autoescape) and only
 * keeps each compiled template for the build. Templates are read once per build, so the cache
 * lives as long as the Eleventy instance.
 */
function compileEachTemplateOnce(cfg: EleventyUserConfig): void {
  let engine: NunjucksEngineEvent | undefined;
  cfg.on('eleventy.engine.njk', (e: NunjucksEngineEvent) => (engine = e));
  const compiled = new Map<string, NunjucksTemplate>();
  cfg.addExtension('njk', {
    key: 'njk',
    // permalinks hold {{ }} too; they go through compile() like the page bodies
    compileOptions: { permalink: true },
    compile(str: string, inputPath: string) {
      if (!engine) throw new Error('Eleventy did not create its Nunjucks environment');
      const key = `${inputPath}\0${str}`;
      let template = compiled.get(key);
      if (!template) {
        const path = !inputPath || inputPath === 'njk' ? null : inputPath;
        template = new engine.nunjucks.Template(str, engine.environment, path, true);
        compiled.set(key, template);
      }
      const ready = template;
      return (data: unknown) =>
        new Promise<string>((resolve, reject) => ready.render(data, (err, out) => (err ? reject(err) : resolve(out ?? ''))));
    },
  });
}

/** The part of Eleventy's config API used here (Eleventy ships no types for it). */
interface EleventyUserConfig {
  ignores: Set<string>;
  setTemplateFormats(formats: string[]): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  setUseGitIgnore(use: boolean): void;
  addGlobalData(name: string, value: unknown): void;
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  addTransform(name: string, fn: (content: unknown) => unknown): void;
  addExtension(key: string, entry: Record<string, unknown>): void;
  on(event: string, fn: (...args: never[]) => unknown): void;
}
