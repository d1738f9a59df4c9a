// One offline build of the bundled catalog, shared by every test file (and jest worker) that
// needs the real site. It is keyed by the sources it is built from, so an edit rebuilds it, and
// built through the CLI in child processes, exactly as `npm start` would.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './paths.ts';

const run = promisify(execFile);
const INPUTS = ['citydash.yaml', 'sources', 'schemas', 'viz-specs', 'site', 'pipeline', 'bin'];

async function fingerprint(): Promise<string> {
  const h = createHash('sha256');
  async function visit(path: string): Promise<void> {
    const s = await stat(path).catch(() => null);
    if (!s) return;
    if (s.isDirectory()) {
      for (const name of (await readdir(path)).sort()) await visit(join(path, name));
    } else {
      h.update(`${path}\0${s.size}\0${s.mtimeMs}\n`);
    }
  }
  for (const p of INPUTS) await visit(join(repoRoot, p));
  return h.digest('hex').slice(0, 16);
}

export interface BundledSite {
  root: string;
  siteDir: string;
  work: string;
  /** stderr of the build command, e.g. for the charts cached/rendered summary. */
  buildLog: string;
}

export function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  return run(process.execPath, [join(repoRoot, 'bin/citydash.js'), ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1', SEOUL_API_KEY: '', ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
}

async function sleep(ms: number) {
  await new Promise((r) => setTimeout(r, ms));
}

export async function bundledSite(): Promise<BundledSite> {
  const root = join(tmpdir(), `citydash-bundled-${await fingerprint()}`);
  const done = join(root, 'done');
  const out = { root, siteDir: join(root, 'out', 'site'), work: join(root, 'work'), buildLog: '' };
  // mkdir is atomic: the first worker builds, the others wait for its `done` marker.
  const lock = `${root}.lock`;
  let owner = false;
  try {
    await mkdir(lock);
    owner = true;
  } catch {
    for (let i = 0; i < 600 && !existsSync(done); i++) await sleep(500);
  }
  if (owner && !existsSync(done)) {
    await rm(root, { recursive: true, force: true });
    await mkdir(root, { recursive: true });
    const common = ['--offline', '--catalog', repoRoot, '--out', join(root, 'out'), '--work', out.work];
    await cli(['validate', ...common]);
    const build = await cli(['build', ...common]);
    await writeFile(join(root, 'build.log'), build.stderr);
    await writeFile(done, '');
  }
  if (!existsSync(done)) throw new Error(`the shared bundled build at ${root} did not finish`);
  const { readFile } = await import('node:fs/promises');
  out.buildLog = await readFile(join(root, 'build.log'), 'utf8');
  return out;
}
