// `--target dir:PATH | s3://bucket/prefix` -> a Target.
import { resolve } from 'node:path';
import { realEffects } from '../effects.ts';
import type { Effects } from '../types.ts';
import { dirTarget } from './dir-target.ts';
import { s3Target, type S3TargetOptions } from './s3-target.ts';
import { TargetSpecError } from './s3-url.ts';
import type { Target } from './target.ts';

export type TargetOptions = Pick<S3TargetOptions, 'endpoint' | 'forcePathStyle' | 'region'>;

export function parseTarget(spec: string, opts: TargetOptions = {}, effects: Effects = realEffects()): Target {
  if (spec.startsWith('dir:')) {
    const path = spec.slice('dir:'.length);
    if (!path) throw new TargetSpecError(spec, 'expected dir:PATH (a folder)');
    if (opts.endpoint || opts.forcePathStyle) effects.log.warn('--endpoint and --force-path-style apply to s3:// targets only; ignored for dir:');
    return dirTarget(resolve(path));
  }
  if (spec.startsWith('s3://')) return s3Target(spec, opts, effects);
  throw new TargetSpecError(spec, 'expected dir:PATH or s3://bucket/prefix');
}
