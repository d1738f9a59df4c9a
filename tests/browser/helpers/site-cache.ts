// One build of a catalog's site shared by every browser test file of a run, and reused by later
// runs while nothing it is built from has changed: the cache key is a hash of the pipeline, the
// templates and the catalog. Jest workers run test files in parallel, so the first one to ask
// builds (under a lock directory) and the others wait for its `done` marker.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../helpers/paths.ts';

const run = promisify(execFile);
/** A fixed clock, so a cached build and a fresh one are the same site. */
export const BUILD_NOW = '2026-11-28T21:00:00Z';
const INPUTS = ['pipeline', 'site', 'package-lock.json', 'tests/browser/helpers/build-child.ts'];
const CATALOG_PARTS = ['citydash.yaml', 'sources', 'schemas', 'viz-specs', 'labels'];

async function files(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info) return [];
  if (info.isFile()) return [path];
  const out: string[] = [];
  for (const e of (await readdir(path)).sort()) {
    if (e.startsWith('.') || e === 'node_modules') continue;
    out.push(...(await files(join(path, e))));
  }
  return out;
}

async function inputHash(catalog: string): Promise<string> {
  const h = createHash('sha256');
  const all = [...INPUTS.map((p) => join(repoRoot, p)), ...CATALOG_PARTS.map((p) => join(catalog, p))];
  for (const p of all) {
    for (const f of await files(p)) h.update(relative(repoRoot, f)).update('\0').update(await readFile(f)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** Builds `catalog` into `dir` (dir/site) in a child process; throws with the build's own words. */
export async function buildInChild(catalog: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  try {
    await run(process.execPath, ['--import', 'tsx', join(repoRoot, 'tests/browser/helpers/build-child.ts'), catalog, dir, BUILD_NOW], {
      cwd: repoRoot,
      env: { ...process.env, NODE_OPTIONS: '' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const result = await readFile(join(dir, 'result.json'), 'utf8').catch(() => '');
    throw new Error(`building ${catalog} for the browser tests failed: ${(err as Error).message}\n${result}`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(done: string, lock: string): Promise<'done' | 'orphaned'> {
  for (;;) {
    if (existsSync(done)) return 'done';
    const owner = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => '0'));
    if (owner && !alive(owner)) return 'orphaned';
    if (!existsSync(lock)) return existsSync(done) ? 'done' : 'orphaned';
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Builds of an older tree, left by earlier runs; kept a while in case another run still uses one. */
async function removeStaleBuilds(keep: string): Promise<void> {
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of await readdir(tmpdir())) {
    if (!/^citydash-browser-site-[0-9a-f]{16}$/.test(name) || join(tmpdir(), name) === keep) continue;
    const done = await stat(join(tmpdir(), name, 'done')).catch(() => null);
    if (done && done.mtimeMs < dayAgo) await rm(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/** The site folder of `catalog` built once for all browser tests (default: the bundled catalog). */
export async function sharedSite(catalog: string = repoRoot): Promise<string> {
  const key = await inputHash(catalog);
  const dir = join(tmpdir(), `citydash-browser-site-${key}`);
  const done = join(dir, 'done');
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(done)) return join(dir, 'site');
    try {
      await mkdir(lock);
    } catch {
      if ((await waitFor(done, lock)) === 'orphaned') await rm(lock, { recursive: true, force: true });
      continue;
    }
    try {
      await writeFile(join(lock, 'pid'), String(process.pid));
      await rm(dir, { recursive: true, force: true });
      await buildInChild(catalog, dir);
      await writeFile(done, new Date().toISOString());
      await removeStaleBuilds(dir);
      return join(dir, 'site');
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}
