// The journal of a publish in progress: the paths it is about to write, saved before the first
// upload and removed after the manifest. If the publish dies, the next run finds it and
// re-checks those paths even where the manifest says "unchanged" (a page may hold the dead run's
// bytes), and retires the ones the new site no longer has.
import { NO_CACHE } from './cache-policy.ts';
import { PENDING_PATH } from './manifest.ts';
import type { Target } from './target.ts';

export interface PendingJournal {
  cycle: string;
  startedAt: string;
  paths: string[];
  /** The journal could not be read: every mutable path counts as possibly dirty. */
  unreadable?: boolean;
}

export async function readPending(target: Target): Promise<PendingJournal | null> {
  const got = await target.get(PENDING_PATH);
  if (!got) return null;
  try {
    const j = JSON.parse(new TextDecoder().decode(got.body)) as PendingJournal;
    return Array.isArray(j.paths) ? j : null;
  } catch {
    // Unreadable journal: marked so, and the next publish re-checks every path instead of trusting it.
    return { cycle: '(unreadable)', startedAt: '', paths: [], unreadable: true };
  }
}

export async function writePending(target: Target, journal: PendingJournal): Promise<void> {
  const body = new TextEncoder().encode(`${JSON.stringify(journal)}\n`);
  await target.put(PENDING_PATH, body, { contentType: 'application/json; charset=utf-8', cacheControl: NO_CACHE });
}

export async function clearPending(target: Target): Promise<void> {
  await target.delete([PENDING_PATH]);
}
