// Shared by the publish tests: a real s3rver on loopback, targets of both kinds, effects with an
// injected clock, synthetic built sites, and target wrappers that record, fail or pause writes.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { memoryLogger } from '../../pipeline/log.ts';
import type { Effects } from '../../pipeline/types.ts';
import { dirTarget } from '../../pipeline/publish/dir-target.ts';
import { s3Target, type S3TargetOptions } from '../../pipeline/publish/s3-target.ts';
import type { Target } from '../../pipeline/publish/target.ts';
import { LOCK_PATH } from '../../pipeline/publish/manifest.ts';
import { publishSite, type PublishInput } from '../../pipeline/publish/publish.ts';

export const BUCKET = 'citydash-site';
export const S3_ENV = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };

export interface S3Server {
  endpoint: string;
  client: S3Client;
  close(): Promise<void>;
}

export async function startS3(): Promise<S3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'citydash-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint, forcePathStyle: true, region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    endpoint,
    client,
    async close() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export interface Clock {
  now: Date;
  advanceDays(days: number): void;
}

export function makeEffects(clock: Clock, env: Record<string, string> = {}) {
  const log = memoryLogger();
  const effects: Effects = { fetch: globalThis.fetch, now: () => clock.now, log, env };
  return { effects, log };
}

export function clockAt(iso: string): Clock {
  const clock: Clock = {
    now: new Date(iso),
    advanceDays(days) { clock.now = new Date(clock.now.getTime() + days * 86_400_000); },
  };
  return clock;
}

let counter = 0;
export const uniqueName = (label: string) => `${label}-${process.pid}-${++counter}`;

export type Kind = 'dir' | 's3';
export interface TargetFactory {
  kind: Kind;
  /** A fresh, empty target. */
  make(extra?: S3TargetOptions): Promise<Target>;
}

export function targetFactory(kind: Kind, s3: () => S3Server, tmp: () => string): TargetFactory {
  return {
    kind,
    async make(extra = {}) {
      const name = uniqueName('t');
      if (kind === 'dir') return dirTarget(join(tmp(), name));
      const { effects } = makeEffects(clockAt('2026-11-28T21:00:00Z'), S3_ENV);
      return s3Target(`s3://${BUCKET}/${name}`, { endpoint: s3().endpoint, forcePathStyle: true, ...extra }, effects);
    },
  };
}

/** Quick settings for tests: no lock pause (races are staged explicitly), millisecond backoff. */
export const FAST: Pick<PublishInput, 'lock' | 'retry'> = { lock: { settleMs: 0 }, retry: { baseMs: 1, maxMs: 5 } };

export async function writeSite(dir: string, files: Record<string, string | Uint8Array>): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, ...path.split('/'));
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  return dir;
}

export interface Recorded {
  puts: string[];
  deletes: string[];
}

/** The real target, with every write noted in order. */
export function recording(inner: Target): Target & { log: Recorded; reset(): void } {
  const log: Recorded = { puts: [], deletes: [] };
  return {
    name: inner.name,
    atomicCreate: inner.atomicCreate,
    log,
    reset() { log.puts.length = 0; log.deletes.length = 0; },
    get: (p) => inner.get(p),
    list: (p) => inner.list(p),
    async put(p, body, o) {
      const out = await inner.put(p, body, o);
      log.puts.push(p);
      return out;
    },
    async delete(paths) {
      await inner.delete(paths);
      log.deletes.push(...paths);
    },
  };
}

/**
 * From the first put that matches on, every site write fails, as if the publish died there; the
 * lock is still released (an exception unwinds; a killed process is tested in kill.test.ts).
 */
export function crashingOn(inner: Target, matches: (path: string) => boolean): Target {
  let crashed = false;
  return {
    name: inner.name,
    atomicCreate: inner.atomicCreate,
    get: (p) => inner.get(p),
    list: (p) => inner.list(p),
    async delete(p) {
      if (crashed && !p.every((x) => x === LOCK_PATH)) throw new Error('simulated crash: no more writes');
      return inner.delete(p);
    },
    async put(p, body, o) {
      if (p !== LOCK_PATH && (crashed || matches(p))) {
        crashed = true;
        throw new Error(`simulated crash before writing ${p}`);
      }
      return inner.put(p, body, o);
    },
  };
}

/** Pauses the first put that matches until `release()`; `reached` resolves when it gets there. */
export function pausingOn(inner: Target, matches: (path: string) => boolean) {
  let open!: () => void;
  let arrived!: () => void;
  const gate = new Promise<void>((resolve) => { open = resolve; });
  const reached = new Promise<void>((resolve) => { arrived = resolve; });
  let paused = false;
  const target: Target = {
    name: inner.name,
    atomicCreate: inner.atomicCreate,
    get: (p) => inner.get(p),
    list: (p) => inner.list(p),
    delete: (p) => inner.delete(p),
    async put(p, body, o) {
      if (!paused && matches(p)) {
        paused = true;
        arrived();
        await gate;
      }
      return inner.put(p, body, o);
    },
  };
  return { target, reached, release: () => open() };
}

export async function head(s3: S3Server, key: string) {
  const out = await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
  return { contentType: out.ContentType, cacheControl: out.CacheControl, etag: out.ETag };
}

export const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

export async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a failure');
}

/** Starts s3rver and a temp folder for the file's tests; both targets kinds share them. */
export function useTargets() {
  let s3: S3Server;
  let tmp: string;
  beforeAll(async () => {
    s3 = await startS3();
    tmp = await mkdtemp(join(tmpdir(), 'citydash-publish-'));
  });
  afterAll(async () => {
    await s3?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });
  const env = { s3: () => s3, tmp: () => tmp };
  return { ...env, kinds: [targetFactory('dir', env.s3, env.tmp), targetFactory('s3', env.s3, env.tmp)] as const };
}

/** Writes `files` as a built site in a fresh folder and publishes it. */
export async function publishFiles(
  tmp: string,
  target: Target,
  files: Record<string, string | Uint8Array>,
  cycle: string,
  clock: Clock,
  extra: Partial<PublishInput> = {},
) {
  const siteDir = await writeSite(join(tmp, uniqueName('site')), files);
  const { effects, log } = makeEffects(clock);
  const result = await publishSite({ siteDir, target, cycle, datasets: {}, now: clock.now, ...FAST, ...extra }, effects);
  return { result, log, siteDir };
}

export const sha256 = (content: string | Uint8Array) => createHash('sha256').update(content).digest('hex');
