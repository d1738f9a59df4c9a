// The upload plan: new and changed files only, by content hash against the previous manifest,
// checked against what is actually on the target so that a publish that died part-way is
// completed by the next one without uploading again what it already put there.
import { IMMUTABLE, STAGES, type Stage } from './cache-policy.ts';
import { blobPath, type Manifest } from './manifest.ts';
import type { PendingJournal } from './pending.ts';
import { needsBlob } from './retire.ts';
import type { SiteFile } from './site-files.ts';
import { normalizeEtag, type TargetObject } from './target.ts';

export type UploadReason = 'new' | 'changed' | 'missing' | 'unfinished' | 'blob' | 'state';

export interface PlannedUpload {
  path: string;
  /** File on disk, or `body` for generated objects (manifest). */
  source?: string;
  body?: Uint8Array;
  size: number;
  contentType: string;
  cacheControl: string;
  stage: Stage;
  reason: UploadReason;
}

export interface UploadPlan {
  uploads: PlannedUpload[];
  /** Same content as the previous manifest says, and present on the target. */
  unchanged: number;
  /** Not in the previous manifest (or changed), but an interrupted publish already put this exact content there. */
  alreadyOnTarget: number;
  /** Mutable site paths whose content differs from the previous manifest (what a CDN must forget). */
  changedPages: string[];
}

export interface PlanInput {
  files: SiteFile[];
  previous: Manifest | null;
  listing: Map<string, TargetObject>;
  pending: PendingJournal | null;
}

export function planUploads(input: PlanInput): UploadPlan {
  const { previous, listing, pending } = input;
  const dirty = new Set(pending?.paths ?? []);
  const isDirty = (p: string) => Boolean(pending?.unreadable) || dirty.has(p);
  const uploads: PlannedUpload[] = [];
  const blobs = new Set<string>();
  const changedPages: string[] = [];
  let unchanged = 0;
  let alreadyOnTarget = 0;

  for (const f of input.files) {
    const prev = previous?.files[f.path];
    const same = prev?.hash === f.sha256;
    const on = listing.get(f.path);
    const etag = normalizeEtag(on?.etag);
    const exact = on !== undefined && etag === f.md5;
    let skip: 'unchanged' | 'present' | null = null;
    if (f.stage === 'immutable') {
      // Same name, same bytes: present with the right size is enough (SSE-KMS etags are not MD5s).
      if (on && on.size === f.size && (same || exact || etag === undefined)) skip = same ? 'unchanged' : 'present';
    } else if (same && on && !isDirty(f.path)) {
      skip = 'unchanged';
    } else if (exact) {
      skip = same ? 'unchanged' : 'present';
    }
    if (!same && f.stage !== 'immutable' && !f.path.startsWith('_citydash/')) changedPages.push(f.path);
    if (skip === 'unchanged') unchanged++;
    else if (skip === 'present') alreadyOnTarget++;
    else {
      const reason: UploadReason = !prev ? 'new' : !same ? 'changed' : !on ? 'missing' : 'unfinished';
      uploads.push({ path: f.path, source: f.source, size: f.size, contentType: f.contentType, cacheControl: f.cacheControl, stage: f.stage, reason });
    }
    if (needsBlob(f.path)) {
      const blob = blobPath(f.sha256);
      if (!blobs.has(blob) && !listing.has(blob)) {
        uploads.push({ path: blob, source: f.source, size: f.size, contentType: f.contentType, cacheControl: IMMUTABLE, stage: 'immutable', reason: 'blob' });
      }
      blobs.add(blob);
    }
  }
  // Stage order is upload order; within a stage, site order.
  uploads.sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage));
  return { uploads, unchanged, alreadyOnTarget, changedPages };
}
