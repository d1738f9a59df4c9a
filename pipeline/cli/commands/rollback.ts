// `citydash rollback --target T --to CYCLE`: republish an earlier cycle (within the grace period).
import type { Command } from 'commander';
import type { Effects } from '../../types.ts';
import { addTargetOptions, parseCount, purgeFromOptions, targetFromOptions, type TargetCliOptions } from '../target-options.ts';
import type { RollbackResult } from '../../publish/index.ts';
import { addCommonOptions, makeContext, printJson, type CommonOptions } from '../context.ts';
import type { RegisterCommand } from './index.ts';

export interface RollbackCommandOptions extends CommonOptions, TargetCliOptions {
  to: string;
}

export async function runRollbackCommand(opts: RollbackCommandOptions, effects?: Effects): Promise<{ code: number; result: RollbackResult }> {
  const ctx = makeContext(opts, effects);
  const eff = ctx.effects;
  const target = await targetFromOptions(opts, eff);
  const { rollbackTo } = await import('../../publish/index.ts');
  const result = await rollbackTo(target, opts.to, eff.now(), eff, {
    purge: await purgeFromOptions(opts),
    concurrency: parseCount('--concurrency', opts.concurrency, 8),
  });
  if (ctx.json) {
    const { manifest, ...rest } = result;
    printJson({ ...rest, files: Object.keys(manifest.files).length });
  }
  return { code: 0, result };
}

const EXAMPLES = `
Examples:
  $ citydash rollback --target dir:/var/www/citydash --to 2026-11-27T2100Z
  $ citydash rollback --target s3://seoul-dashboard/site --to 2026-11-27T2100Z --cloudfront-distribution E2QWRUHAPOMQZL

The cycle ids are in the change log (and in _citydash/manifest.json "cycles"). Files of a cycle
are kept for the grace period (default 7 days) after they stop being used; a rollback that needs
a deleted file refuses and changes nothing.`;

export const register: RegisterCommand = (program: Command, setExit) => {
  const cmd = program
    .command('rollback')
    .description('republish an earlier cycle\'s site and record the rollback in the change log')
    .requiredOption('--to <cycle>', 'cycle id to roll back to, e.g. 2026-11-27T2100Z');
  addCommonOptions(addTargetOptions(cmd))
    .addHelpText('after', EXAMPLES)
    .action(async (opts: RollbackCommandOptions) => {
      const { code } = await runRollbackCommand(opts);
      setExit(code);
    });
};
