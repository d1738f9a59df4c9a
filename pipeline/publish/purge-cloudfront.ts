// Purge through CloudFront's CreateInvalidation. The client package (@aws-sdk/client-cloudfront)
// is optional and loaded only when this hook runs; without it the purge fails with a message
// saying what to install, and the publish stands. Credentials: the same AWS default chain as S3.
import { PurgeError, type PurgeHook } from './purge.ts';

/** The part of @aws-sdk/client-cloudfront this hook uses. */
interface CloudFrontModule {
  CloudFrontClient: new (config: Record<string, unknown>) => { send(command: unknown): Promise<{ Invalidation?: { Id?: string; Status?: string } }> };
  CreateInvalidationCommand: new (input: unknown) => unknown;
}

export const CLOUDFRONT_PACKAGE = '@aws-sdk/client-cloudfront';

export interface CloudFrontOptions {
  /** Above this many paths one wildcard `/*` is sent instead (each path is billed; default 300). */
  maxPaths?: number;
  /** Another CloudFront API endpoint (a mirror or a test server); default AWS's. */
  endpoint?: string;
}

export function cloudfrontPurge(distributionId: string, opts: CloudFrontOptions = {}): PurgeHook {
  if (!/^[A-Z0-9]{6,}$/.test(distributionId)) {
    throw new PurgeError(`cloudfront ${JSON.stringify(distributionId)}`, 'a distribution id is upper-case letters and digits, e.g. E2QWRUHAPOMQZL');
  }
  const name = `cloudfront ${distributionId}`;
  return {
    name,
    async purge(paths, { cycle, effects }) {
      let mod: CloudFrontModule;
      try {
        const specifier: string = CLOUDFRONT_PACKAGE;
        mod = (await import(specifier)) as CloudFrontModule;
      } catch {
        // Any import failure means the optional package is not usable here; the message says how to get it.
        throw new PurgeError(name, `needs the package ${CLOUDFRONT_PACKAGE} (npm install ${CLOUDFRONT_PACKAGE}); use --purge-webhook otherwise`);
      }
      const items = paths.length > (opts.maxPaths ?? 300) ? ['/*'] : paths;
      const env = effects.env;
      const credentials = env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
        ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN || undefined }
        : undefined;
      const client = new mod.CloudFrontClient({
        region: 'us-east-1', credentials, profile: credentials ? undefined : env.AWS_PROFILE || undefined,
        ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      });
      try {
        const out = await client.send(new mod.CreateInvalidationCommand({
          DistributionId: distributionId,
          InvalidationBatch: {
            CallerReference: `citydash-${cycle}-${effects.now().getTime()}`,
            Paths: { Quantity: items.length, Items: items },
          },
        }));
        return `invalidation ${out.Invalidation?.Id ?? '?'} ${out.Invalidation?.Status ?? ''}`.trim();
      } catch (err) {
        const e = err as { name?: string; message?: string };
        throw new PurgeError(name, `${e.name ?? 'error'}: ${e.message ?? String(err)}`);
      }
    },
  };
}
