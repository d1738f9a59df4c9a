// `s3://bucket/prefix` through @aws-sdk/client-s3: AWS S3, or any S3-compatible store (Cloudflare
// R2, Naver Cloud Object Storage, MinIO) with `endpoint` and usually `forcePathStyle`.
// Credentials come only from the SDK's default chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
// AWS_SESSION_TOKEN, AWS_PROFILE and ~/.aws, SSO, web identity, container and instance roles):
// never from flags that land in shell history, and never printed.
import { createHash } from 'node:crypto';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { maskBytes } from '../secret-guard.ts';
import type { Effects } from '../types.ts';
import { isNotFound, isNotImplemented, toTargetError } from './s3-errors.ts';
import { displayEndpoint, parseS3Url, TargetSpecError } from './s3-url.ts';
import { TargetError, type Target, type TargetObject } from './target.ts';

export interface S3TargetOptions {
  /** S3-compatible endpoint, e.g. https://<account>.r2.cloudflarestorage.com. */
  endpoint?: string;
  /** Path-style URLs (endpoint/bucket/key), which MinIO and many S3-compatible stores need. */
  forcePathStyle?: boolean;
  /** Default: AWS_REGION, AWS_DEFAULT_REGION or the profile's region; `us-east-1` with an endpoint. */
  region?: string;
  /** Keys per ListObjects page (default 1000, the S3 maximum). */
  listPageSize?: number;
  /** Keys per DeleteObjects request (default 1000, the S3 maximum). */
  deleteBatchSize?: number;
  /** Per-request timeout in ms (default 120 s). */
  requestTimeoutMs?: number;
}

const S3_MAX_BATCH = 1000;

type S3Sdk = typeof import('@aws-sdk/client-s3');
let sdk: Promise<S3Sdk> | undefined;
/** The SDK loads on the first request: a dir: target, and every other command, never pays its ~0.4 s. */
const loadSdk = (): Promise<S3Sdk> => (sdk ??= import('@aws-sdk/client-s3'));

function clientConfig(opts: S3TargetOptions, effects: Effects): S3ClientConfig {
  const env = effects.env;
  const region = opts.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? (opts.endpoint ? 'us-east-1' : undefined);
  // Keys given through the injected environment are used as they are; otherwise the SDK walks
  // its default chain (which reads the process environment, profiles, SSO and instance roles).
  const credentials = env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
    ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN || undefined }
    : undefined;
  return {
    region,
    credentials,
    profile: credentials ? undefined : env.AWS_PROFILE || undefined,
    endpoint: opts.endpoint,
    forcePathStyle: opts.forcePathStyle,
    // publish/retry.ts retries transient failures for every target alike.
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 10_000, requestTimeout: opts.requestTimeoutMs ?? 120_000 },
    // S3-compatible stores differ in which of the newer checksum headers they accept; Content-MD5
    // (below) gives them all an integrity check they understand.
    ...(opts.endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED' as const, responseChecksumValidation: 'WHEN_REQUIRED' as const } : {}),
  };
}

function checkEndpoint(url: string, endpoint: string): void {
  let u: URL | null = null;
  try {
    u = new URL(endpoint);
  } catch {
    // reported below
  }
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) {
    throw new TargetSpecError(url, `--endpoint ${JSON.stringify(displayEndpoint(endpoint))} must be an http(s) URL`);
  }
  if (u.username || u.password) {
    throw new TargetSpecError(url, '--endpoint must not carry credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) instead');
  }
}

export function s3Target(url: string, opts: S3TargetOptions, effects: Effects): Target {
  const { bucket, prefix } = parseS3Url(url);
  if (opts.endpoint !== undefined) checkEndpoint(url, opts.endpoint);
  const name = `s3://${bucket}${prefix ? `/${prefix.slice(0, -1)}` : ''}`;
  const config = clientConfig(opts, effects);
  if (!config.region) {
    throw new TargetSpecError(url, 'no AWS region: set AWS_REGION (or a region in your AWS profile), or pass --region');
  }
  let made: S3Client | undefined;
  const s3 = async () => {
    const m = await loadSdk();
    made ??= new m.S3Client(config);
    return { m, client: made };
  };
  effects.log.debug(`${name}: region ${config.region}${opts.endpoint ? `, endpoint ${displayEndpoint(opts.endpoint)}` : ''}${opts.forcePathStyle ? ', path-style' : ''}`);
  const key = (path: string) => `${prefix}${path}`;
  const pageSize = Math.min(S3_MAX_BATCH, Math.max(1, opts.listPageSize ?? S3_MAX_BATCH));
  const batchSize = Math.min(S3_MAX_BATCH, Math.max(1, opts.deleteBatchSize ?? S3_MAX_BATCH));
  let conditionsUnsupported = false;

  return {
    name,
    atomicCreate: false,
    async get(path) {
      try {
        const { m, client } = await s3();
        const out = await client.send(new m.GetObjectCommand({ Bucket: bucket, Key: key(path) }));
        const body = out.Body ? await out.Body.transformToByteArray() : new Uint8Array(0);
        return { body, etag: out.ETag };
      } catch (err) {
        if (isNotFound(err)) return null;
        throw toTargetError(name, path, 'get', err);
      }
    },
    async put(path, raw, o) {
      // The bucket's door: every object (pages, blobs, the manifest, the lock) passes the secret
      // guard here, as every file of a dir target does in atomic-write.
      const body = maskBytes(raw);
      const { m, client } = await s3();
      const send = (conditional: boolean) => client.send(new m.PutObjectCommand({
        Bucket: bucket,
        Key: key(path),
        Body: body,
        ContentLength: body.byteLength,
        ContentMD5: createHash('md5').update(body).digest('base64'),
        ContentType: o.contentType,
        CacheControl: o.cacheControl,
        ...(conditional ? { IfMatch: o.ifMatch, IfNoneMatch: o.ifNoneMatch } : {}),
      }));
      const conditional = Boolean(o.ifMatch || o.ifNoneMatch) && !conditionsUnsupported;
      try {
        return { etag: (await send(conditional)).ETag };
      } catch (err) {
        // A store that refuses conditional writes outright: write plainly from now on; the
        // publish lock's re-read is what keeps publishers apart there.
        if (!conditional || !isNotImplemented(err)) throw toTargetError(name, path, 'put', err);
        conditionsUnsupported = true;
        effects.log.debug(`${name}: the store does not implement conditional writes (If-Match / If-None-Match)`);
        try {
          return { etag: (await send(false)).ETag };
        } catch (again) {
          throw toTargetError(name, path, 'put', again);
        }
      }
    },
    async list(sub = '') {
      // ListObjects (v1) with markers: every S3-compatible store pages it the same way, while
      // some get v2 continuation tokens wrong (s3rver fails on them under OpenSSL 3).
      const out: TargetObject[] = [];
      let marker: string | undefined;
      try {
        const { m, client } = await s3();
        for (;;) {
          const page = await client.send(new m.ListObjectsCommand({ Bucket: bucket, Prefix: key(sub), Marker: marker, MaxKeys: pageSize }));
          const contents = page.Contents ?? [];
          for (const o of contents) {
            if (!o.Key || o.Key.endsWith('/')) continue;
            out.push({ path: o.Key.slice(prefix.length), size: o.Size ?? 0, etag: o.ETag, lastModified: o.LastModified });
          }
          const last = page.NextMarker ?? contents.at(-1)?.Key;
          if (!page.IsTruncated || !last || last === marker) break;
          marker = last;
        }
      } catch (err) {
        throw toTargetError(name, sub, 'list', err);
      }
      return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
    async delete(paths) {
      for (let at = 0; at < paths.length; at += batchSize) {
        const batch = paths.slice(at, at + batchSize);
        let errors;
        try {
          const { m, client } = await s3();
          const out = await client.send(new m.DeleteObjectsCommand({
            Bucket: bucket,
            Delete: { Objects: batch.map((p) => ({ Key: key(p) })), Quiet: true },
          }));
          errors = out.Errors ?? [];
        } catch (err) {
          throw toTargetError(name, batch[0], 'delete', err);
        }
        if (errors.length) {
          const first = errors[0];
          const path = first.Key?.slice(prefix.length) ?? batch[0];
          const transient = errors.every((e) => e.Code === 'InternalError' || e.Code === 'SlowDown' || e.Code === 'ServiceUnavailable');
          throw new TargetError(name, path, 'delete', `${errors.length} of ${batch.length} objects not deleted; first: ${first.Code ?? 'error'}: ${first.Message ?? ''}`, transient);
        }
      }
    },
  };
}
