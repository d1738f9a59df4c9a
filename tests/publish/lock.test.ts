// The publish lock on its own: held, renewed while a publish runs, taken over when stale, and
// released only by its holder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dirTarget } from '../../pipeline/publish/dir-target.ts';
import { acquireLock, LockHeldError } from '../../pipeline/publish/lock.ts';
import { LOCK_PATH } from '../../pipeline/publish/manifest.ts';
import { clockAt, failure, makeEffects, recording, text, uniqueName } from './support.ts';

let tmp: string;
beforeAll(async () => { tmp = await mkdtemp(join(tmpdir(), 'citydash-lock-')); });
afterAll(async () => { if (tmp) await rm(tmp, { recursive: true, force: true }); });
const suite = { tmp: () => tmp };
const read = async (t: ReturnType<typeof dirTarget>) => JSON.parse(text((await t.get(LOCK_PATH))?.body));

test('held, renewed after half its time, released by its holder only', async () => {
  const t = recording(dirTarget(join(suite.tmp(), uniqueName('lock'))));
  const clock = clockAt('2026-11-28T21:00:00Z');
  const { effects } = makeEffects(clock);
  const lock = await acquireLock(t, 'publish C1', { ttlMs: 60_000 }, effects);
  expect(await read(t)).toMatchObject({ purpose: 'publish C1', pid: process.pid, acquiredAt: '2026-11-28T21:00:00.000Z', expiresAt: '2026-11-28T21:01:00.000Z' });

  const other = await failure(acquireLock(t, 'publish C2', {}, effects));
  expect(other).toBeInstanceOf(LockHeldError);
  expect((other as LockHeldError).holder?.purpose).toBe('publish C1');

  t.reset();
  clock.now = new Date('2026-11-28T21:00:20Z');
  await lock.keepAlive();
  expect(t.log.puts).toEqual([]);
  clock.now = new Date('2026-11-28T21:00:40Z');
  await Promise.all([lock.keepAlive(), lock.keepAlive(), lock.keepAlive()]);
  expect(t.log.puts).toEqual([LOCK_PATH]);
  expect(await read(t)).toMatchObject({ acquiredAt: '2026-11-28T21:00:00.000Z', renewedAt: '2026-11-28T21:00:40.000Z', expiresAt: '2026-11-28T21:01:40.000Z' });
  await lock.verify();

  // Expired: another publisher takes over; the first one finds out and does not delete its lock.
  clock.now = new Date('2026-11-28T21:05:00Z');
  const second = await acquireLock(t, 'publish C2', { settleMs: 0 }, effects);
  await expect(lock.verify()).rejects.toThrow(/lost its lock/);
  await lock.release();
  expect((await read(t)).purpose).toBe('publish C2');
  await second.release();
  expect(await t.get(LOCK_PATH)).toBeNull();
});

test('an unreadable lock object is taken over with a warning', async () => {
  const t = dirTarget(join(suite.tmp(), uniqueName('lock')));
  await t.put(LOCK_PATH, new TextEncoder().encode('{torn'), { contentType: 'application/json', cacheControl: 'no-cache' });
  const { effects, log } = makeEffects(clockAt('2026-11-28T21:00:00Z'));
  const lock = await acquireLock(t, 'publish C1', { settleMs: 0 }, effects);
  expect(log.lines).toEqual([`warning: ${t.name}: taking over a stale publish lock (unreadable)`]);
  await lock.release();
});
