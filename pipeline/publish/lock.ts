// One publisher at a time per target. The manifest's conditional write (If-Match) guards the
// final pointer, but pages are overwritten in place before it, so two publishers must not even
// start together. The lock is an object with an expiry: created with `If-None-Match: *` and, for
// stores that ignore that header (s3rver, some S3-compatible stores), re-read after a pause so
// that of two writers only the last one proceeds. A killed publisher's lock expires; on the same
// machine a lock whose process is gone is taken over at once.
import { randomUUID } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { sha256 } from '../hash.ts';
import type { Effects } from '../types.ts';
import { LOCK_PATH } from './manifest.ts';
import { NO_CACHE } from './cache-policy.ts';
import { PreconditionFailedError, type Target } from './target.ts';

export interface LockOptions {
  /** How long a lock holds without renewal (default 10 minutes); renewed while the publish runs. */
  ttlMs?: number;
  /** Pause before re-reading a freshly written lock on stores without atomic create (default 1 s). */
  settleMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface LockRecord {
  token: string;
  /** `host:pid`, for people. */
  owner: string;
  /** Identifies this machine and process namespace, so a dead local holder can be recognised. */
  hostId: string;
  pid: number;
  purpose: string;
  acquiredAt: string;
  renewedAt?: string;
  expiresAt: string;
}

export class LockHeldError extends PreconditionFailedError {
  constructor(target: string, readonly holder: LockRecord | null) {
    super(target, LOCK_PATH, holder
      ? `${target} is being published by ${holder.owner} (${holder.purpose}) since ${holder.acquiredAt}; stopped without changing anything. Its lock expires at ${holder.expiresAt}; if that publish was killed, re-run after that time.`
      : `${target}: another publish took the lock at the same moment; stopped without changing anything. Re-run once it has finished.`);
    this.name = 'LockHeldError';
  }
}

export interface HeldLock {
  readonly record: LockRecord;
  /** Throws PreconditionFailedError when the lock is no longer ours (expired and taken over). */
  verify(): Promise<void>;
  /** Extends the expiry once half of it has passed; cheap to call often. */
  keepAlive(): Promise<void>;
  release(): Promise<void>;
}

const LOCK_PUT = { contentType: 'application/json; charset=utf-8', cacheControl: NO_CACHE };
const encode = (r: LockRecord) => new TextEncoder().encode(`${JSON.stringify(r, null, 2)}\n`);

let cachedHostId: string | undefined;
export function localHostId(): string {
  if (cachedHostId) return cachedHostId;
  const parts = [hostname()];
  try {
    parts.push(readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(), readlinkSync('/proc/self/ns/pid'));
  } catch {
    // Not Linux: the host name alone.
  }
  cachedHostId = sha256(parts.join('\0')).slice(0, 16);
  return cachedHostId;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseLock(body: Uint8Array): LockRecord | null {
  try {
    const r = JSON.parse(new TextDecoder().decode(body)) as LockRecord;
    return typeof r.token === 'string' && typeof r.expiresAt === 'string' ? r : null;
  } catch {
    // An unreadable lock is no lock anyone holds: acquireLock takes it over, with a warning.
    return null;
  }
}

/** Why a lock no longer holds, or null while it does. */
export function staleness(r: LockRecord, now: Date): string | null {
  if (!(Date.parse(r.expiresAt) > now.getTime())) return `expired ${r.expiresAt}`;
  if (r.hostId === localHostId() && r.pid !== process.pid && !processAlive(r.pid)) return `process ${r.pid} on this machine is gone`;
  return null;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function acquireLock(target: Target, purpose: string, opts: LockOptions, effects: Effects): Promise<HeldLock> {
  const ttl = opts.ttlMs ?? 10 * 60_000;
  const sleep = opts.sleep ?? realSleep;
  const now = effects.now();
  const existing = await target.get(LOCK_PATH);
  const held = existing ? parseLock(existing.body) : null;
  const stale = held ? staleness(held, now) : 'unreadable';
  if (held && stale === null) throw new LockHeldError(target.name, held);
  if (existing) effects.log.warn(`${target.name}: taking over a stale publish lock${held ? ` of ${held.owner} (${held.purpose}, ${stale})` : ' (unreadable)'}`);

  const record: LockRecord = {
    token: randomUUID(),
    owner: `${hostname()}:${process.pid}`,
    hostId: localHostId(),
    pid: process.pid,
    purpose,
    acquiredAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttl).toISOString(),
  };
  let etag: string | undefined;
  const readHolder = async () => {
    const got = await target.get(LOCK_PATH);
    return got ? { record: parseLock(got.body), etag: got.etag } : null;
  };
  // A retried write whose first attempt landed fails its own condition: check whose lock it is.
  const isOurs = async (): Promise<boolean> => {
    const cur = await readHolder();
    if (cur?.record?.token !== record.token || cur.record.expiresAt !== record.expiresAt) return false;
    etag = cur.etag;
    return true;
  };
  try {
    etag = (await target.put(LOCK_PATH, encode(record), existing ? { ...LOCK_PUT, ifMatch: existing.etag } : { ...LOCK_PUT, ifNoneMatch: '*' })).etag;
  } catch (err) {
    if (!(err instanceof PreconditionFailedError)) throw err;
    if (!(await isOurs())) throw new LockHeldError(target.name, (await readHolder())?.record ?? null);
  }
  if (!target.atomicCreate || existing) {
    // The store may have ignored the condition: whoever wrote last holds the lock.
    if (opts.settleMs ?? 1000) await sleep(opts.settleMs ?? 1000);
    const now2 = await readHolder();
    if (now2?.record?.token !== record.token) throw new LockHeldError(target.name, now2?.record ?? null);
    etag = now2.etag ?? etag;
  }

  const lost = () => new PreconditionFailedError(target.name, LOCK_PATH, `${target.name}: this publish lost its lock (it expired and another publish took over); stopped before writing the manifest, so the other publish's site stands. Re-run to publish on top of it.`);
  let renewing: Promise<void> | null = null;
  const verify = async () => {
    const cur = await readHolder();
    if (cur?.record?.token !== record.token) throw lost();
    etag = cur.etag ?? etag;
  };
  return {
    record,
    verify,
    keepAlive() {
      const t = effects.now().getTime();
      if (renewing || t - Date.parse(record.renewedAt ?? record.acquiredAt) < ttl / 2) return renewing ?? Promise.resolve();
      // Parallel uploads call this; one renewal at a time.
      renewing = (async () => {
        await verify();
        record.renewedAt = new Date(t).toISOString();
        record.expiresAt = new Date(t + ttl).toISOString();
        try {
          etag = (await target.put(LOCK_PATH, encode(record), { ...LOCK_PUT, ifMatch: etag })).etag ?? etag;
        } catch (err) {
          if (!(err instanceof PreconditionFailedError)) throw err;
          if (!(await isOurs())) throw lost();
        }
      })().finally(() => { renewing = null; });
      return renewing;
    },
    async release() {
      try {
        const cur = await readHolder();
        if (cur?.record?.token === record.token) await target.delete([LOCK_PATH]);
      } catch (err) {
        effects.log.warn(`${target.name}: could not remove the publish lock (${(err as Error).message}); it expires at ${record.expiresAt}`);
      }
    },
  };
}
