// `citydash publish --target T`: the built site (<out>/site) onto a dir: or s3:// target, only
// what changed, atomic for readers, then purge the CDN (docs/architecture.md §4, §5).
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { cycleIdAt } from '../../cycle-id.ts';
import type { Effects } from '../../types.ts';
import type { PublishResult } from '../../publish/index.ts';
import { addTargetOptions, parseCount, purgeFromOptions, targetFromOptions, type TargetCliOptions } from '../target-options.ts';
import { addCommonOptions, makeContext, printJson, type CommonOptions } from '../context.ts';
import type { RegisterCommand } from './index.ts';

export interface PublishCommandOptions extends CommonOptions, TargetCliOptions {
  dryRun?: boolean;
  graceDays?: string;
  cycle?: string;
  site?: string;
}

/** The cycle the site was built for (the site stage's build marker), if it says. */
async function builtCycle(siteDir: string): Promise<string | undefined> {
  try {
    const info = JSON.parse(await readFile(join(siteDir, '_citydash', 'build.json'), 'utf8')) as { cycle?: unknown };
    return typeof info.cycle === 'string' ? info.cycle : undefined;
  } catch {
    // No build marker, or an unreadable one: the cycle id then comes from --cycle or the clock.
    return undefined;
  }
}

/** `stages`: the publish stage's upload stages, in order (passed in: the stage loads when the command runs). */
export function summarize(r: PublishResult, stages: readonly string[]) {
  return {
    target: r.target,
    cycle: r.cycle,
    previousCycle: r.previousCycle,
    dryRun: r.dryRun,
    files: r.files,
    objects: r.uploads.length,
    bytes: r.uploads.reduce((n, u) => n + u.size, 0),
    stages: Object.fromEntries(stages.map((s) => [s, r.uploads.filter((u) => u.stage === s).length])),
    unchanged: r.unchanged,
    alreadyOnTarget: r.alreadyOnTarget,
    retired: r.retired,
    deleted: r.deleted,
    changedPages: r.changedPages,
    purge: r.purge,
    uploads: r.uploads.map((u) => u.path),
  };
}

export async function runPublishCommand(opts: PublishCommandOptions, effects?: Effects): Promise<{ code: number; result: PublishResult }> {
  const ctx = makeContext(opts, effects);
  const eff = ctx.effects;
  const siteDir = resolve(opts.site ?? join(ctx.out, 'site'));
  const { datasetsForManifest, publishSite, readManifest, STAGES } = await import('../../publish/index.ts');
  const target = await targetFromOptions(opts, eff);
  const purge = await purgeFromOptions(opts);
  const now = eff.now();
  const cycle = opts.cycle ?? (await builtCycle(siteDir)) ?? cycleIdAt(now);
  const previous = await readManifest(target);
  const datasets = await datasetsForManifest(ctx.work, siteDir, { previous: previous?.manifest, now, log: eff.log });
  const result = await publishSite({
    siteDir, target, cycle, datasets, now, previous, purge,
    dryRun: Boolean(opts.dryRun),
    graceDays: parseCount('--grace-days', opts.graceDays, 7),
    concurrency: parseCount('--concurrency', opts.concurrency, 8),
  }, eff);
  if (ctx.json) printJson(summarize(result, STAGES));
  return { code: 0, result };
}

const EXAMPLES = `
Examples:
  $ citydash publish --target dir:/var/www/citydash
  $ AWS_PROFILE=city citydash publish --target s3://seoul-dashboard/site --cloudfront-distribution E2QWRUHAPOMQZL
  $ citydash publish --target s3://dashboard --endpoint https://<account>.r2.cloudflarestorage.com --force-path-style --dry-run

Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN or AWS_PROFILE,
never from flags. Exit code 1 when another publish holds the target or changed it meanwhile.`;

export const register: RegisterCommand = (program: Command, setExit) => {
  const cmd = program
    .command('publish')
    .description('publish the built site (<out>/site) to a folder or an S3-compatible store: only what changed, manifest last')
    .option('--dry-run', 'print the upload plan (counts, bytes, first paths) and change nothing')
    .option('--grace-days <n>', 'days before files no longer referenced are deleted', '7')
    .option('--cycle <id>', 'cycle id (default: the one the site was built for, else the current UTC time)')
    .option('--site <dir>', 'built site to publish (default: <out>/site)');
  addCommonOptions(addTargetOptions(cmd))
    .addHelpText('after', EXAMPLES)
    .action(async (opts: PublishCommandOptions) => {
      const { code } = await runPublishCommand(opts);
      setExit(code);
    });
};
