// The publish stage's public API (docs/architecture.md §4, §5), for `citydash run`, `publish` and `rollback`.
export { publishSite, type PublishInput, type PublishResult } from './publish.ts';
export { rollbackTo, rollbackId, RollbackError, type RollbackOptions, type RollbackResult } from './rollback.ts';
export { datasetsForManifest, SnapshotError, type DatasetsOptions } from './datasets.ts';
export { parseTarget, type TargetOptions } from './parse-target.ts';
export { dirTarget } from './dir-target.ts';
export { s3Target, type S3TargetOptions } from './s3-target.ts';
export { webhookPurge } from './purge-webhook.ts';
export { cloudfrontPurge, CLOUDFRONT_PACKAGE } from './purge-cloudfront.ts';
export { purgeUrlPaths, PurgeError, type PurgeHook, type PurgeOutcome } from './purge.ts';
export { LockHeldError } from './lock.ts';
export { PreconditionFailedError, TargetError, type Target, type TargetObject, type PutOptions } from './target.ts';
export {
  MANIFEST_PATH, ManifestError, blobPath, cyclePath, manifestHistoryPath, readManifest, snapshotPath,
  type Manifest, type ManifestDataset, type ManifestFile,
} from './manifest.ts';
export { contentTypeFor } from './content-type.ts';
export { cacheControlFor, isContentHashed } from './cache-policy.ts';
export { STAGES } from './cache-policy.ts';
