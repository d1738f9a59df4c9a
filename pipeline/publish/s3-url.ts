// `s3://bucket/prefix` -> bucket and key prefix. The prefix always ends in `/` (or is empty), so
// `s3://city/site` and `s3://city/site/` publish to the same keys.
import { CitydashError, quote } from '../errors.ts';

export class TargetSpecError extends CitydashError {
  constructor(spec: string, detail: string) {
    super(`--target ${quote(spec)}`, detail);
    this.name = 'TargetSpecError';
  }
}

// S3 bucket naming rules (also what R2, MinIO and NCP accept): 3-63 of [a-z0-9.-].
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function parseS3Url(spec: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(spec);
  if (!m) throw new TargetSpecError(spec, 'expected s3://bucket/prefix');
  const [, bucket, rest = ''] = m;
  if (!BUCKET.test(bucket)) throw new TargetSpecError(spec, `${quote(bucket)} is not a valid bucket name (3-63 characters: a-z, 0-9, dot, hyphen)`);
  const parts = rest.split('/').filter(Boolean);
  if (parts.some((p) => p === '.' || p === '..')) throw new TargetSpecError(spec, 'the prefix may not contain "." or ".." segments');
  return { bucket, prefix: parts.length ? `${parts.join('/')}/` : '' };
}

/** An endpoint for display: origin only, never userinfo or query (which may carry secrets). */
export function displayEndpoint(endpoint: string): string {
  try {
    const u = new URL(endpoint);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    // Only for display in messages: an endpoint that is not a URL is reported by the S3 client itself.
    return '(invalid URL)';
  }
}
