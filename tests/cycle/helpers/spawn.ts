// Runs `node bin/citydash.js …` as a child process; optionally kills it (SIGKILL, as a CI runner
// or the OOM killer would) once a line matching `killOn` appears on its stderr, or after `killAfterMs`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/paths.ts';

const CLI = join(repoRoot, 'bin', 'citydash.js');
/** A child still running after this is hung: killed, with its stderr in the error, just before jest's own timeout. */
const HUNG_MS = 840_000;

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  killed: boolean;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { env?: Record<string, string>; killOn?: RegExp; killAfterMs?: number; timeoutMs?: number } = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = { ...(process.env as Record<string, string>), NO_COLOR: '1' };
    delete env.SEOUL_API_KEY;
    delete env.GITHUB_STEP_SUMMARY;
    delete env.NODE_OPTIONS; // jest's --experimental-vm-modules is not for the child
    Object.assign(env, opts.env); // what the test sets on purpose wins
    const child = spawn(process.execPath, [CLI, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const kill = () => {
      if (killed || child.exitCode !== null) return;
      killed = true;
      child.kill('SIGKILL');
    };
    const timers = [
      ...(opts.killAfterMs !== undefined ? [setTimeout(kill, opts.killAfterMs)] : []),
      setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`citydash ${args.join(' ')} did not finish in ${opts.timeoutMs ?? HUNG_MS} ms\n${stderr}`));
      }, opts.timeoutMs ?? HUNG_MS),
    ];
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (opts.killOn && opts.killOn.test(stderr)) kill();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const t of timers) clearTimeout(t);
      resolve({ code, signal, killed, stdout, stderr });
    });
  });
}
