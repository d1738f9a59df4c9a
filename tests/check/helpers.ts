// Shared by the check tests: temp copies of the fixture catalog, and the `check` / `new`
// commands run through commander exactly as the CLI runs them (exit code via setExit).
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { registerCheck } from '../../pipeline/cli/commands/check.ts';
import { registerNew } from '../../pipeline/cli/commands/new.ts';
import { memoryLogger } from '../../pipeline/log.ts';
import type { Effects } from '../../pipeline/types.ts';
import { repoRoot } from '../helpers/paths.ts';

export const FIXTURES = resolve(repoRoot, 'tests/check/fixtures');
export const FIXTURE_CATALOG = join(FIXTURES, 'catalog');

export function testEffects(): Effects & { log: ReturnType<typeof memoryLogger> } {
  return { fetch: () => Promise.reject(new Error('no network in check tests')), now: () => new Date('2025-06-01T00:00:00Z'), log: memoryLogger(), env: {} };
}

export interface TempCatalog {
  root: string;
  cleanup(): Promise<void>;
}

/** A temp copy of a catalog folder (default: the fixture catalog). */
export async function tempCatalog(from = FIXTURE_CATALOG): Promise<TempCatalog> {
  const root = await mkdtemp(join(tmpdir(), 'citydash-check-test-'));
  await cp(from, root, { recursive: true, filter: (src) => !src.includes(`${join('.citydash')}`) && !src.includes('node_modules') });
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export interface CliRun {
  exit: number;
  out: string;
  error?: Error;
}

/** Runs `citydash <args>` with the check and new commands registered. */
export async function cli(args: string[], effects: Effects = testEffects()): Promise<CliRun> {
  let out = '';
  let exit = 0;
  const program = new Command('citydash').exitOverride().configureOutput({ writeOut: (s) => { out += s; }, writeErr: () => {} });
  registerCheck({ effects, stdout: (s) => { out += s; } })(program, (c) => { exit = c; });
  registerNew({ effects })(program, (c) => { exit = c; });
  try {
    await program.parseAsync(['node', 'citydash', ...args]);
  } catch (e) {
    return { exit: (e as { exitCode?: number }).exitCode ?? 1, out, error: e as Error };
  }
  return { exit, out };
}
