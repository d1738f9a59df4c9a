// `citydash run`: one whole cycle (docs/architecture.md §1, §4).
//   target state -> fetch + validate (failures keep last good data, stale) -> derived datasets ->
//   change log + freshness -> build (site into <out>/site) -> cycle file -> publish -> CI summary
// Every step writes atomically and the target's manifest is written last, so a run killed at
// any point leaves the work dir and the target usable; the next run completes normally.
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';
import { buildFromWork, type BuildResult } from '../build/index.ts';
import { formatProblem } from '../catalog/index.ts';
import { PUBLISHED_FEEDBACK, publishedFeedback, readFeedback } from '../feedback/index.ts';
import { transform as runTransform } from '../transform/index.ts';
import { cyclePath, datasetsForManifest, parseTarget, type PublishResult, publishSite, type TargetOptions } from '../publish/index.ts';
import type { PurgeHook } from '../publish/index.ts';
import { withChartFailures } from './changelog.ts';
import { compareWithPublished } from './compare.ts';
import { blockingProblems, loadCycleCatalog } from './cycle-catalog.ts';
import { cycleIdAt } from '../cycle-id.ts';
import { changesModel, cycleMarkdown, cycleSummary, freshnessModel } from '../site/index.ts';
import { cleanWorkLeftovers } from './leftovers.ts';
import type { CycleLog } from '../cycle-log.ts';
import type { RunContext } from '../types.ts';
import { holdRefused } from './hold-refused.ts';
import { restoreDerived } from './restore-derived.ts';
import { refreshSources } from './refresh.ts';
import { dropScratch, keepBefore, resetScratch } from './snapshots.ts';
import { appendStepSummary } from './step-summary.ts';
import { DEFAULT_HISTORY, readTargetState, type TargetState } from './target-state.ts';

export const EXIT_OK = 0;
export const EXIT_NOT_PUBLISHED = 1;
export const EXIT_STALE = 2;

export interface RunCycleOptions {
  /** `dir:PATH` or `s3://bucket/prefix` (the CLI's default is `dir:<out>/public`). */
  target: string;
  /** Fetch every dataset even when its cadence says it is not due. */
  force?: boolean;
  /** Publish to the target (default true); false builds and writes the change log only. */
  publish?: boolean;
  targetOptions?: TargetOptions;
  purge?: PurgeHook | null;
  graceDays?: number;
  concurrency?: number;
  /** Earlier cycles shown in the change log and feeds (default 50). */
  historyLimit?: number;
  /** Where the site is built (default <out>/site). */
  siteDir?: string;
  /** `--offline`: ask no network service (GitHub feedback keeps its last list). */
  offline?: boolean;
}

export interface CycleResult {
  cycle: string;
  previous: string | null;
  /** 0 all fresh; 2 something stale or failed but the site was published; 1 nothing published. */
  exitCode: 0 | 1 | 2;
  published: boolean;
  target: string;
  siteDir: string;
  log: CycleLog | null;
  /** The change log as Markdown (what goes to $GITHUB_STEP_SUMMARY). */
  markdown: string;
  build: Pick<BuildResult, 'pages' | 'files' | 'charts' | 'failures'> | null;
  publish: Pick<PublishResult, 'uploadedObjects' | 'uploadedBytes' | 'unchanged' | 'changedPages' | 'deleted'> | null;
  /** Why nothing was published (exit code 1). */
  error: string | null;
}

export async function runCycle(ctx: RunContext, opts: RunCycleOptions): Promise<CycleResult> {
  const { log } = ctx.effects;
  const now = ctx.effects.now();
  let cycle = cycleIdAt(now);
  const siteDir = opts.siteDir ?? join(ctx.out, 'site');
  const target = parseTarget(opts.target, opts.targetOptions ?? {}, ctx.effects);
  const result: CycleResult = { cycle, previous: null, exitCode: EXIT_NOT_PUBLISHED, published: false, target: target.name, siteDir, log: null, markdown: '', build: null, publish: null, error: null };

  log.info(`cycle ${cycle}: loading the catalog ${ctx.catalogRoot}`);
  const loaded = await loadCycleCatalog(ctx.catalogRoot, { env: ctx.effects.env });
  const { catalog, problems } = loaded;
  const errors = blockingProblems(loaded);
  for (const p of problems) {
    if (errors.includes(p)) log.error(formatProblem(p));
    else log.warn(formatProblem(p).replace(': warning: ', ': '));
  }
  if (catalog.datasets.length === 0) {
    // Publishing an empty site over the last good one would take every page down.
    return finish(ctx, result, null, `the catalog at ${catalog.root} has no usable dataset${errors.length ? ` (${errors.length} errors above)` : ''}; nothing was built or published`);
  }
  log.info(`cycle ${cycle}: reading the published state from ${target.name}`);
  let state: TargetState;
  try {
    state = await readTargetState(target, cycle, { historyLimit: opts.historyLimit ?? DEFAULT_HISTORY, log });
    // A published cycle id is never reused: a second cycle in the same minute gets seconds, so
    // each published cycle keeps its own change log.
    const live = state.live?.manifest;
    if (live && (live.cycle === cycle || live.cycles.includes(cycle))) {
      cycle = cycleIdAt(now, true);
      result.cycle = cycle;
      state = await readTargetState(target, cycle, { historyLimit: opts.historyLimit ?? DEFAULT_HISTORY, log });
    }
  } catch (err) {
    // Without the last published state the change log and last good data would be wrong.
    return finish(ctx, result, null, `cannot read the published state from ${target.name}: ${(err as Error).message}`);
  }
  const base = state.base;
  result.previous = base?.cycle ?? null;
  log.info(base ? `cycle ${cycle}: comparing with ${base.cycle} (${Object.keys(base.datasets).length} datasets published)` : `cycle ${cycle}: first publish to ${target.name}`);

  await cleanWorkLeftovers(ctx.work.root);
  const scratch = await resetScratch(ctx.work);
  for (const [id, published] of Object.entries(base?.datasets ?? {})) await keepBefore(ctx.work, scratch, id, published);
  // Published datasets whose descriptor is refused keep their last good data, stale (issue 16).
  const held = await holdRefused({ refused: loaded.refused, base, work: ctx.work, target, now, log });

  log.info(`cycle ${cycle}: fetching and validating`);
  const sources = await refreshSources(catalog, ctx, { force: opts.force, target, base, live: state.live?.manifest ?? null });
  log.info(`cycle ${cycle}: computing derived datasets`);
  await restoreDerived(catalog, ctx, base, target);
  // Once per cycle: the change log needs the derived datasets, and the build is handed the result.
  const transform = await runTransform(catalog, { catalogRoot: ctx.catalogRoot, work: ctx.work }, ctx.effects);

  const compared = await compareWithPublished({ catalog, cycle, now, work: ctx.work, scratch, target, state, sources, transform, errors, log, held });
  const changedAt = compared.changedAt;
  let cycleLog = compared.log;
  await dropScratch(ctx.work);
  if (!state.live && cycleLog.datasets.every((d) => d.rows.after === null)) {
    // A first site with no data at all would only say that everything failed; nothing is lost by waiting.
    return finish(ctx, result, cycleLog, `every dataset failed and nothing was published before, so there is nothing to publish (${cycleLog.counts.failed} failed; see the errors above)`);
  }

  const settings = catalog.settings;
  const baseUrl = settings.baseUrl ? settings.baseUrl.replace(/\/+$/, '') : null;
  const changes = changesModel(catalog, cycleLog, state.history, { baseUrl, siteTitle: settings.siteTitle, limit: opts.historyLimit ?? DEFAULT_HISTORY });
  const freshness = freshnessModel(catalog, cycleLog);

  // Feedback answered in public: read from GitHub, or the list the live site published is kept.
  const published = publishedFeedback((await target.get(PUBLISHED_FEEDBACK).catch(() => null))?.body);
  const feedback = await readFeedback(
    { settings, known: { charts: catalog.charts.map((c) => c.id), datasets: catalog.datasets.map((d) => d.id) }, workRoot: ctx.work.root, published },
    { offline: opts.offline },
    ctx.effects,
  );

  log.info(`cycle ${cycle}: building the site in ${siteDir}`);
  let build: BuildResult;
  try {
    build = await buildFromWork(catalog, ctx, { cycleId: cycle, siteDir, freshness, changes, transform, feedback });
  } catch (err) {
    return finish(ctx, result, cycleLog, `the site could not be built: ${(err as Error).message}`);
  }
  result.build = { pages: build.pages, files: build.files, charts: build.charts, failures: build.failures };
  cycleLog = withChartFailures(cycleLog, build.failures.filter((f) => f.kind === 'chart'), catalog);
  await writeFileAtomic(join(siteDir, ...cyclePath(cycle).split('/')), `${JSON.stringify(cycleLog, null, 2)}\n`);

  if (opts.publish !== false) {
    log.info(`cycle ${cycle}: publishing to ${target.name}`);
    try {
      const ids = new Set([...catalog.datasets.map((d) => d.id), ...held]);
      const all = await datasetsForManifest(ctx.work, siteDir, { previous: state.live?.manifest ?? null, now, log, only: ids });
      const datasets = Object.fromEntries(Object.entries(all).map(([id, d]) => [id, { ...d, changedAt: changedAt[id] ?? d.changedAt }]));
      const res = await publishSite({ siteDir, target, cycle, datasets, now, previous: state.live, purge: opts.purge, graceDays: opts.graceDays, concurrency: opts.concurrency }, ctx.effects);
      result.publish = { uploadedObjects: res.uploadedObjects, uploadedBytes: res.uploadedBytes, unchanged: res.unchanged, changedPages: res.changedPages, deleted: res.deleted };
      result.published = true;
    } catch (err) {
      return finish(ctx, result, cycleLog, `nothing was published: ${(err as Error).message}`);
    }
  }
  const troubled = errors.length > 0 || cycleLog.counts.failed > 0 || cycleLog.counts.stale > 0 || cycleLog.counts.chartsFailed > 0 || build.failures.length > 0;
  result.exitCode = troubled ? EXIT_STALE : EXIT_OK;
  return finish(ctx, result, cycleLog, null);
}

async function finish(ctx: RunContext, result: CycleResult, cycleLog: CycleLog | null, error: string | null): Promise<CycleResult> {
  const { log } = ctx.effects;
  result.log = cycleLog;
  result.error = error;
  if (error) {
    result.exitCode = EXIT_NOT_PUBLISHED;
    log.error(`cycle ${result.cycle}: ${error}`);
  }
  const tail = error
    ? `\n**Not published:** ${error.replace(/[\r\n]+/g, ' ')}\n`
    : result.published ? `\nPublished to \`${result.target}\`: ${result.publish?.uploadedObjects ?? 0} objects written, ${result.publish?.unchanged ?? 0} unchanged.\n` : '\nBuilt, not published (--no-publish).\n';
  result.markdown = `${cycleLog ? cycleMarkdown(cycleLog) : `## citydash cycle ${result.cycle}\n`}${tail}`;
  await appendStepSummary(ctx.effects, result.markdown);
  const what = cycleLog ? cycleSummary(cycleLog, 'en') : 'not run';
  log.info(`cycle ${result.cycle}: ${what}${result.published ? `; published to ${result.target}` : ''} (exit ${result.exitCode})`);
  return result;
}
