// The real CLI in a child process, as a data engineer or CI runs it: no key, no colour.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './paths.ts';
import { ALLOW_LOOPBACK } from './loopback.ts';

const run = promisify(execFile);

export function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  return run(process.execPath, [join(repoRoot, 'bin/citydash.js'), ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1', SEOUL_API_KEY: '', ...ALLOW_LOOPBACK, ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
}
