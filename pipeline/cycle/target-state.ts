// What the target knows when a cycle starts (docs/architecture.md §4): the live manifest, the manifest to
// compare with, and the change logs of earlier cycles. A CI job with an empty disk learns the
// last published state from here alone.
import { writeFileAtomic } from '../atomic-write.ts';
import { CitydashError, quote } from '../errors.ts';
import { sha256 } from '../hash.ts';
import { cyclePath, manifestHistoryPath, readManifest, type Manifest } from '../publish/index.ts';
import { runPool } from '../pool.ts';
import type { Target } from '../publish/index.ts';
import type { Logger } from '../types.ts';
import type { HistoryEntry } from '../cycle-log.ts';

export const DEFAULT_HISTORY = 50;

export interface TargetState {
  /** The live manifest and its etag (publish checks nobody published meanwhile); null on a first publish. */
  live: { manifest: Manifest; etag?: string } | null;
  /**
   * The manifest this cycle is compared with: the live one or, when the live one is this very
   * cycle (a re-run within the same minute after a kill), the one before it.
   */
  base: Manifest | null;
  /** Earlier cycles' change logs, newest first, at most `historyLimit`. */
  history: HistoryEntry[];
}

export class TargetSnapshotError extends CitydashError {
  constructor(target: string, path: string, detail: string) {
    super(`${target}/${path}`, detail);
    this.name = 'TargetSnapshotError';
  }
}

function parseEntry(body: Uint8Array): HistoryEntry | null {
  try {
    const v = JSON.parse(new TextDecoder().decode(body)) as Partial<HistoryEntry>;
    if (v?.kind === 'cycle' && typeof v.id === 'string' && Array.isArray(v.datasets) && v.counts) return v as HistoryEntry;
    if (v?.kind === 'rollback' && typeof v.id === 'string' && typeof v.to === 'string') return v as HistoryEntry;
  } catch {
    // Reported by the caller.
  }
  return null;
}

/** Earlier change logs, newest first; unreadable ones are skipped with a warning. */
export async function readHistory(target: Target, ids: readonly string[], log: Logger): Promise<HistoryEntry[]> {
  const found = new Map<string, HistoryEntry>();
  await runPool(ids, 8, async (id) => {
    const got = await target.get(cyclePath(id));
    if (!got) return;
    const entry = parseEntry(got.body);
    if (entry) found.set(id, entry);
    else log.warn(`${target.name}/${cyclePath(id)}: not a citydash change log; left out of the history`);
  });
  return ids.filter((id) => found.has(id)).map((id) => found.get(id)!).reverse();
}

/** Cycle ids with a change log on the target, oldest first: from the manifest, else by listing. */
async function cycleIds(target: Target, live: Manifest | null): Promise<string[]> {
  if (live?.cycles?.length) return live.cycles;
  const listed = await target.list('_citydash/cycles/');
  return listed.map((o) => /^_citydash\/cycles\/(.+)\.json$/.exec(o.path)?.[1]).filter((id): id is string => Boolean(id)).sort();
}

export async function readTargetState(target: Target, cycle: string, opts: { historyLimit?: number; log: Logger }): Promise<TargetState> {
  const live = await readManifest(target);
  let base: Manifest | null = live?.manifest ?? null;
  if (base && base.cycle === cycle) {
    const before = base.previousCycle ? await readManifest(target, manifestHistoryPath(base.previousCycle)) : null;
    base = before?.manifest ?? null;
  }
  const limit = Math.max(0, opts.historyLimit ?? DEFAULT_HISTORY);
  const ids = (await cycleIds(target, live?.manifest ?? null)).filter((id) => id !== cycle).slice(-limit);
  const history = limit ? await readHistory(target, ids, opts.log) : [];
  return { live, base, history };
}

/** Copy a published snapshot from the target to `dest`, checking it is the content its hash names. */
export async function downloadSnapshot(target: Target, path: string, hash: string, dest: string): Promise<void> {
  const got = await target.get(path);
  if (!got) throw new TargetSnapshotError(target.name, path, 'listed in the manifest but not on the target (deleted after the grace period?)');
  const actual = sha256(got.body);
  if (actual !== hash) throw new TargetSnapshotError(target.name, path, `content hash ${quote(actual.slice(0, 16))} is not the manifest's ${quote(hash.slice(0, 16))}`);
  await writeFileAtomic(dest, got.body);
}
