// buildSite: downloads first, then assets, then pages, all into a staging folder that replaces
// the output folder only when complete; a build that dies half-way leaves the last site intact.
import { readdir, rename, rm, stat, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';
import { PUBLISHED_FEEDBACK, serializeFeedbackList, type FeedbackList } from '../feedback/index.ts';
import type { Effects } from '../types.ts';
import { copyAssets } from './assets.ts';
import { citizenAssets, citizenGlobals, writeCitizenFiles } from './citizen.ts';
import { CSP_META } from './csp.ts';
import { runEleventy } from './eleventy.ts';
import { FEEDBACK_WORDS } from './feedback-i18n.ts';
import type { SiteModel } from './model-types.ts';
import { lookups, pageList } from './pages.ts';
import type { RenderedChart } from './rendered.ts';
import { writeChartFiles, writeDatasetDownloads } from './write-downloads.ts';
import { CitydashError } from '../errors.ts';

/** The repository's templates (site/). */
export const SITE_TEMPLATES = fileURLToPath(new URL('../../site/', import.meta.url));
/** Written into every built site; its presence lets the next build replace the folder. */
export const BUILD_INFO = '_citydash/build.json';

export class SiteOutputError extends CitydashError {
  constructor(outDir: string, detail: string) {
    super(outDir, detail);
    this.name = 'SiteOutputError';
  }
}

export interface BuildSiteOptions {
  outDir: string;
  rowsPath: (id: string) => string;
  rendered: RenderedChart[];
  /** Template folder (default: the repository's site/). */
  templates?: string;
  /** Each dataset's row JSON Schema, for the constraints in datapackage.json (optional). */
  rowSchemas?: Record<string, unknown>;
  /** The feedback list shown, published as _citydash/feedback.json for the next build to keep. */
  feedbackList?: FeedbackList | null;
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p, base)));
    else out.push(relative(base, p).split(sep).join('/'));
  }
  return out;
}

async function isReplaceable(outDir: string): Promise<boolean> {
  // Nothing there (or nothing we can see) may be replaced by the new site.
  const info = await stat(outDir).catch(() => null);
  if (!info) return true;
  if (!info.isDirectory()) return false;
  if ((await readdir(outDir)).length === 0) return true;
  return stat(join(outDir, BUILD_INFO)).then(() => true, () => false);
}

/** Staging and old folders of earlier builds that were killed half-way (named only by us). */
async function removeLeftovers(outDir: string): Promise<void> {
  const prefix = `${basename(outDir)}.`;
  // No parent listing means no leftovers of ours to remove.
  const siblings = await readdir(dirname(outDir)).catch(() => [] as string[]);
  for (const name of siblings) {
    if (name.startsWith(prefix) && /^\.(staging|old)-\d+$/.test(name.slice(prefix.length - 1))) {
      await rm(join(dirname(outDir), name), { recursive: true, force: true });
    }
  }
}

/** Refuse, before any work is done, to build over a folder that is not an earlier citydash site. */
export async function checkSiteOutput(outDir: string): Promise<void> {
  if (!(await isReplaceable(resolve(outDir)))) {
    throw new SiteOutputError(resolve(outDir), `not empty and not a citydash site (no ${BUILD_INFO}); refusing to replace it`);
  }
}

export async function buildSite(model: SiteModel, opts: BuildSiteOptions, effects: Effects): Promise<{ pages: number; files: number }> {
  const log = effects.log;
  const outDir = resolve(opts.outDir);
  await checkSiteOutput(outDir);
  await removeLeftovers(outDir);
  const staging = `${outDir}.staging-${process.pid}`;
  await mkdir(staging, { recursive: true });
  // The templates get a copy: a dataset whose downloads failed must not link to them.
  const site: SiteModel = structuredClone(model);
  try {
    for (const ds of site.datasets) {
      if (!ds.downloads) continue;
      try {
        await writeDatasetDownloads(staging, ds, opts.rowsPath(ds.id));
      } catch (err) {
        log.error((err as Error).message);
        ds.downloads = null;
      }
    }
    for (const chart of site.charts) {
      try {
        await writeChartFiles(staging, chart, opts.rendered);
      } catch (err) {
        log.error((err as Error).message);
        chart.render = { ko: null, en: null };
      }
    }
    const templates = opts.templates ?? SITE_TEMPLATES;
    const assets = await copyAssets(join(templates, 'assets'), staging);
    Object.assign(assets, await citizenAssets(templates, staging, log));
    const sizes: Record<string, number> = {};
    for (const f of await listFiles(staging)) sizes[f] = (await stat(join(staging, f))).size;

    const written = await runEleventy({
      inputDir: templates,
      outDir: staging,
      globals: { model: site, pages: pageList(site), lookup: lookups(site), assets, sizes, csp: CSP_META, fwords: FEEDBACK_WORDS, ...citizenGlobals(site, sizes) },
      log,
    });
    await writeCitizenFiles(staging, site, sizes, opts.rowSchemas, log);
    if (opts.feedbackList) await writeFileAtomic(join(staging, PUBLISHED_FEEDBACK), serializeFeedbackList(opts.feedbackList));
    await writeFileAtomic(join(staging, BUILD_INFO), `${JSON.stringify({ cycle: site.cycleId, builtAt: site.builtAt }, null, 2)}\n`);
    const files = await listFiles(staging);
    await swapInto(staging, outDir);
    const pages = written.filter((p) => p.endsWith('.html')).length;
    log.debug(`site: ${pages} pages, ${files.length} files in ${outDir}`);
    return { pages, files: files.length };
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
}

async function swapInto(staging: string, outDir: string): Promise<void> {
  await mkdir(dirname(outDir), { recursive: true });
  const old = `${outDir}.old-${process.pid}`;
  const hadOld = await stat(outDir).then(() => true, () => false);
  if (hadOld) await rename(outDir, old);
  await rename(staging, outDir);
  if (hadOld) await rm(old, { recursive: true, force: true });
}
