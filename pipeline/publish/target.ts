import { CitydashError } from '../errors.ts';
// A publish target is an object store with paths relative to the site root. `dir:` and `s3://`
// implement the same interface and pass the same contract tests.

export interface PutOptions {
  contentType: string;
  cacheControl: string;
  /** Conditional write: only if the current object's etag matches (manifest race guard). */
  ifMatch?: string;
  /** Conditional write: only if no object exists at the path (`*`). */
  ifNoneMatch?: '*';
}

export interface TargetObject {
  path: string;
  size: number;
  /** Quoted, as the store returns it; for single-part uploads `"<md5 hex>"` on S3 and dir targets. */
  etag?: string;
  lastModified?: Date;
}

export interface Target {
  /** `dir:/abs/path` or `s3://bucket/prefix`, safe to print (no credentials). */
  readonly name: string;
  /**
   * True when `put(..., {ifNoneMatch: '*'})` is atomic against other processes. When false (or
   * unknown, e.g. an S3-compatible store that ignores the header) the lock re-reads after a pause.
   */
  readonly atomicCreate?: boolean;
  get(path: string): Promise<{ body: Uint8Array; etag?: string } | null>;
  put(path: string, body: Uint8Array, opts: PutOptions): Promise<{ etag?: string }>;
  list(prefix?: string): Promise<TargetObject[]>;
  delete(paths: string[]): Promise<void>;
}

/** The object changed under us between read and conditional write. */
export class PreconditionFailedError extends CitydashError {
  constructor(
    readonly target: string,
    readonly path: string,
    detail?: string,
  ) {
    super(undefined, detail ?? `Another publish changed ${path} on ${target} while this one ran; stopped without overwriting it. Re-run to publish on top of the newer state.`);
    this.name = 'PreconditionFailedError';
  }
}

/** A store operation failed; `transient` says whether trying again may help (5xx, throttling, network). */
export class TargetError extends CitydashError {
  constructor(
    readonly target: string,
    readonly path: string,
    readonly operation: 'get' | 'put' | 'list' | 'delete',
    detail: string,
    readonly transient: boolean,
    options?: { cause?: unknown },
  ) {
    super(`${target}/${path}`, `${operation} failed: ${detail}`, options);
    this.name = 'TargetError';
  }
}

/** Strip weak markers and quotes so etags from different APIs compare equal. */
export function normalizeEtag(etag: string | undefined): string | undefined {
  return etag?.replace(/^W\//, '').replace(/^"|"$/g, '');
}
