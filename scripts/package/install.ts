// Packs citydash and installs the tarball into an empty folder, as a city's repository would
// install it from the registry, but offline: the folder gets a lockfile that pins exactly the
// versions this repository's package-lock.json tested (runtime dependencies only), so npm takes
// every package from the cache that `npm ci` filled and asks the network nothing (--offline).
// A plain `npm install citydash` resolves the same ranges afresh instead, which needs the
// registry's full metadata for ~200 packages (about a minute and a half here).
// Used by the package test and by the benchmark's start-up figure.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

interface LockEntry {
  version?: string;
  dev?: boolean;
  link?: boolean;
  [key: string]: unknown;
}

/** npm with the environment a child should see: no jest loader flags, no colour, no prompts. */
export async function npm(args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1', npm_config_yes: 'true', npm_config_update_notifier: 'false' };
  for (const k of Object.keys(env)) if (k.startsWith('npm_lifecycle_') || k === 'npm_config_dry_run') delete env[k];
  try {
    return await run('npm', args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(' ')} (in ${cwd}) failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause: err });
  }
}

/** `npm pack` of this repository (prepack compiles lib/); returns the tarball's path. */
export async function packPackage(outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  await npm(['pack', '--pack-destination', outDir, '--silent'], REPO);
  const tarball = (await readdir(outDir)).find((n) => /^citydash-.*\.tgz$/.test(n));
  if (!tarball) throw new Error(`npm pack left no citydash-*.tgz in ${outDir}`);
  return join(outDir, tarball);
}

/**
 * The lockfile a consumer folder gets: citydash from the tarball, and every package the
 * repository's lock does not mark dev-only, at the same place in node_modules.
 */
export async function consumerLock(tarballName: string, tarballBytes: Buffer): Promise<object> {
  const pkg = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as Record<string, any>;
  const lock = JSON.parse(await readFile(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const spec = `file:${tarballName}`;
  const packages: Record<string, object> = {
    '': { name: 'citydash-consumer', dependencies: { citydash: spec } },
    'node_modules/citydash': {
      version: pkg.version,
      resolved: spec,
      integrity: `sha512-${createHash('sha512').update(tarballBytes).digest('base64')}`,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.startsWith('node_modules/') || entry.dev || entry.link) continue;
    packages[path] = entry;
  }
  return { name: 'citydash-consumer', lockfileVersion: 3, requires: true, packages };
}

/**
 * Installs the tarball into `dir` (created empty) with no dev dependencies and no network;
 * returns the path of the installed `citydash` executable.
 */
export async function installPackage(tarball: string, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const name = tarball.split('/').pop()!;
  const bytes = await readFile(tarball);
  await writeFile(join(dir, name), bytes);
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'citydash-consumer', private: true, dependencies: { citydash: `file:${name}` } }, null, 2)}\n`);
  await writeFile(join(dir, 'package-lock.json'), `${JSON.stringify(await consumerLock(name, bytes), null, 2)}\n`);
  await npm(['install', `./${name}`, '--omit=dev', '--offline', '--no-audit', '--no-fund'], dir);
  return join(dir, 'node_modules', '.bin', 'citydash');
}
