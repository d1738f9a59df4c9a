// Options shared by `citydash publish` and `citydash rollback`: where to publish and how to
// purge the CDN. No option takes a credential: keys come from the AWS environment or profile,
// the webhook token from CITYDASH_PURGE_TOKEN, so none of them lands in shell history or CI logs.
// The publish stage is imported when a command runs, not when its options are declared, so
// `citydash --help` does not load it.
import type { Command } from 'commander';
import { CliError } from '../errors.ts';
import type { Effects } from '../types.ts';
import type { PurgeHook, Target } from '../publish/index.ts';

export interface TargetCliOptions {
  target: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  region?: string;
  purgeWebhook?: string;
  cloudfrontDistribution?: string;
  concurrency?: string;
}

/** `defaultTarget` (said in the help) makes --target optional, as for `citydash run`. */
export function addTargetOptions(cmd: Command, defaultTarget?: string): Command {
  const target = 'dir:PATH or s3://bucket/prefix';
  return (defaultTarget ? cmd.option('--target <target>', `${target} (default: ${defaultTarget})`) : cmd.requiredOption('--target <target>', target))
    .option('--endpoint <url>', 'S3-compatible endpoint (Cloudflare R2, Naver Cloud Object Storage, MinIO)')
    .option('--force-path-style', 'path-style S3 URLs (endpoint/bucket/key), needed by MinIO and most S3-compatible stores')
    .option('--region <region>', 'AWS region (default: AWS_REGION or the profile\'s; us-east-1 with --endpoint)')
    .option('--purge-webhook <url>', 'after publishing, POST {"paths": [...]} of changed pages to this URL (bearer token from CITYDASH_PURGE_TOKEN)')
    .option('--cloudfront-distribution <id>', 'after publishing, invalidate changed pages in this CloudFront distribution')
    .option('--concurrency <n>', 'parallel uploads', '8');
}

export async function targetFromOptions(opts: TargetCliOptions, effects: Effects): Promise<Target> {
  const { parseTarget } = await import('../publish/index.ts');
  return parseTarget(opts.target, { endpoint: opts.endpoint, forcePathStyle: opts.forcePathStyle, region: opts.region }, effects);
}

export async function purgeFromOptions(opts: TargetCliOptions): Promise<PurgeHook | null> {
  if (opts.purgeWebhook && opts.cloudfrontDistribution) throw new CliError('choose one of --purge-webhook and --cloudfront-distribution');
  if (!opts.purgeWebhook && !opts.cloudfrontDistribution) return null;
  const { cloudfrontPurge, webhookPurge } = await import('../publish/index.ts');
  return opts.purgeWebhook ? webhookPurge(opts.purgeWebhook) : cloudfrontPurge(opts.cloudfrontDistribution!);
}

export function parseCount(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(n)) throw new CliError(`${flag} ${JSON.stringify(value)}: expected a number`);
  return n;
}
