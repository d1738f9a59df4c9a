// The last two writes of a publish or rollback: the manifest kept by cycle (for rollback), then
// the live manifest, conditional on the etag read at the start (`If-None-Match: *` on a first
// publish) so that a store which honours conditions refuses a write that would clobber another
// publisher's.
import { NO_CACHE, SHORT } from './cache-policy.ts';
import { MANIFEST_PATH, manifestHistoryPath, type Manifest } from './manifest.ts';
import type { PlannedUpload } from './plan.ts';
import { PreconditionFailedError, type Target } from './target.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

export function manifestUploads(m: Manifest): [PlannedUpload, PlannedUpload] {
  const body = new TextEncoder().encode(`${JSON.stringify(m, null, 2)}\n`);
  return [
    { path: manifestHistoryPath(m.cycle), body, size: body.byteLength, contentType: JSON_TYPE, cacheControl: SHORT, stage: 'state', reason: 'state' },
    { path: MANIFEST_PATH, body, size: body.byteLength, contentType: JSON_TYPE, cacheControl: NO_CACHE, stage: 'manifest', reason: 'state' },
  ];
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);

export async function writeManifest(target: Target, m: Manifest, current: { etag?: string } | null): Promise<{ history: PlannedUpload; live: PlannedUpload }> {
  const [history, live] = manifestUploads(m);
  const body = live.body as Uint8Array;
  await target.put(history.path, body, { contentType: history.contentType, cacheControl: history.cacheControl });
  try {
    await target.put(MANIFEST_PATH, body, {
      contentType: live.contentType,
      cacheControl: live.cacheControl,
      ...(current ? { ifMatch: current.etag } : { ifNoneMatch: '*' as const }),
    });
  } catch (err) {
    // A retried write whose first attempt did land fails its own precondition: that is success.
    if (!(err instanceof PreconditionFailedError)) throw err;
    const now = await target.get(MANIFEST_PATH);
    if (!now || !sameBytes(now.body, body)) throw err;
  }
  return { history, live };
}
