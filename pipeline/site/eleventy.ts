// Eleventy 3 run in-process from code: templates from site/, the model as global data, pages by
// pagination. Nunjucks autoescape is on (every value from data or specs is escaped); Eleventy's
// own console output goes to the debug log so a cycle's stderr stays ours.
import type { Logger } from '../types.ts';
import { filters } from './filters.ts';

export class EleventyBuildError extends Error {
  constructor(inputDir: string, cause: Error) {
    // Eleventy wraps template errors; the innermost message names the template and line.
    let inner = cause as Error & { originalError?: Error };
    while (inner.originalError) inner = inner.originalError;
    super(`${inputDir}: Eleventy build failed: ${cause.message}${inner !== cause ? ` (${inner.message})` : ''}`);
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

/** Builds the pages; returns the output paths Eleventy wrote. */
export async function runEleventy(run: EleventyRun): Promise<string[]> {
  const Eleventy = await loadEleventy();
  const elev = new Eleventy(run.inputDir, run.outDir, {
    quietMode: true,
    config(cfg: EleventyUserConfig) {
      cfg.setTemplateFormats(['njk']);
      cfg.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
      cfg.setUseGitIgnore(false);
      for (const [name, value] of Object.entries(run.globals)) cfg.addGlobalData(name, value);
      for (const [name, fn] of Object.entries(filters)) cfg.addFilter(name, fn);
    },
  });
  const debug = (m: unknown) => run.log.debug(`eleventy: ${String(m)}`);
  elev.logger.overrideLogger({ log: debug, info: debug, warn: debug, error: debug });
  let result: unknown;
  try {
    result = await elev.write();
  } catch (err) {
    throw new EleventyBuildError(run.inputDir, err as Error);
  }
  const templates = (Array.isArray(result) ? (result[1] as WrittenTemplate[]) : []) ?? [];
  return templates.map((t) => t.outputPath).filter((p): p is string => typeof p === 'string');
}

/** The part of Eleventy's config API used here (Eleventy ships no types for it). */
interface EleventyUserConfig {
  setTemplateFormats(formats: string[]): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  setUseGitIgnore(use: boolean): void;
  addGlobalData(name: string, value: unknown): void;
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
}
