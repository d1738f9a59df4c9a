// `citydash run`: the whole cycle — fetch, validate, transform, render, site, change log,
// publish (pipeline/cycle/run-cycle.ts). Exit 0 all fresh, 2 something stale or failed but the
// site was published, 1 nothing could be published.
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CycleResult } from '../../cycle/index.ts';
import { addTargetOptions, parseCount, purgeFromOptions, type TargetCliOptions } from '../target-options.ts';
import type { Effects } from '../../types.ts';
import { addCommonOptions, makeContext, type CommonOptions } from '../context.ts';
import type { RegisterCommand } from './index.ts';

export interface RunCommandOptions extends CommonOptions, Partial<TargetCliOptions> {
  graceDays?: string;
  history?: string;
  force?: boolean;
  publish?: boolean;
}

export interface RunCommandIo {
  /** Replaces the real effects (tests: memory logger, fixed clock, chosen env). */
  effects?: Effects;
  /** Where --json output goes (default stdout). */
  stdout?: (text: string) => void;
}

const HELP = `
One update cycle: every dataset is fetched when due (--force: always) and validated; one that
fails keeps its last good data, marked stale ("delayed since …"), read back from the target when
this disk has none. Derived datasets, charts and the site follow; the change log of the cycle is
written as _citydash/cycles/<cycle>.json, pages in both languages and Atom feeds; then the site is
published (only what changed, manifest last). With $GITHUB_STEP_SUMMARY set, the change log is
appended to it as Markdown.

Exit codes: 0 every dataset fresh; 2 something stale or failed, but the site was published;
1 nothing could be published (or a usage error).

Examples:
  $ citydash run                                   # offline samples without SEOUL_API_KEY, to dir:dist/public
  $ citydash run --target dir:/var/www/citydash --json
  $ citydash run --target s3://seoul-dashboard/site --cloudfront-distribution E2QWRUHAPOMQZL
  $ citydash run --only air-quality-daily --no-publish`;

export function summarizeCycle(r: CycleResult) {
  return {
    cycle: r.cycle,
    previous: r.previous,
    exitCode: r.exitCode,
    published: r.published,
    target: r.target,
    siteDir: r.siteDir,
    error: r.error,
    counts: r.log?.counts ?? null,
    datasets: (r.log?.datasets ?? []).map((d) => ({
      id: d.id, change: d.change, fetch: d.fetch?.outcome ?? null, failed: d.failed, stale: d.stale,
      rows: d.rows, freshness: { status: d.freshness.status, lastChange: d.freshness.lastChange, nextDue: d.freshness.nextDue },
    })),
    charts: r.log?.charts ?? [],
    build: r.build ? { pages: r.build.pages, files: r.build.files, charts: r.build.charts } : null,
    publish: r.publish,
  };
}

export async function runRunCommand(opts: RunCommandOptions, io: RunCommandIo = {}): Promise<CycleResult> {
  const ctx = makeContext(opts, io.effects);
  const { runCycle } = await import('../../cycle/index.ts');
  const result = await runCycle(ctx, {
    target: opts.target ?? `dir:${join(ctx.out, 'public')}`,
    force: Boolean(opts.force),
    publish: opts.publish !== false,
    targetOptions: { endpoint: opts.endpoint, forcePathStyle: opts.forcePathStyle, region: opts.region },
    purge: await purgeFromOptions({ target: opts.target ?? '', purgeWebhook: opts.purgeWebhook, cloudfrontDistribution: opts.cloudfrontDistribution }),
    graceDays: parseCount('--grace-days', opts.graceDays, 7),
    concurrency: parseCount('--concurrency', opts.concurrency, 8),
    historyLimit: parseCount('--history', opts.history, 50),
    offline: Boolean(opts.offline),
  });
  if (ctx.json) (io.stdout ?? ((t) => process.stdout.write(t)))(`${JSON.stringify(summarizeCycle(result), null, 2)}\n`);
  return result;
}

export function registerRun(io: RunCommandIo = {}): RegisterCommand {
  return (program: Command, setExit) => {
    const cmd = program
      .command('run')
      .description('the whole cycle: fetch, validate, transform, render, site, change log, publish')
      .option('--grace-days <n>', 'days before files no longer referenced are deleted', '7')
      .option('--history <n>', 'earlier cycles shown in the change log and feeds', '50')
      .option('--force', 'fetch every dataset, even when its cadence says it is not due')
      .option('--no-publish', 'build and write the change log, but do not publish');
    addCommonOptions(addTargetOptions(cmd, 'dir:<out>/public'))
      .addHelpText('after', HELP)
      .action(async (opts: RunCommandOptions) => {
        const result = await runRunCommand(opts, io);
        setExit(result.exitCode);
      });
  };
}

export const register: RegisterCommand = registerRun();
