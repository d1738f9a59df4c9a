// One measured process: wall time from here, CPU time and peak RSS from the OS. GNU time
// (`/usr/bin/time -v`) reports the peak RSS of the process tree it waited for; without it the
// node children's own `process.resourceUsage().maxRSS` is used, and other tools get none.
import { spawn } from 'node:child_process';
import { access, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESULT_PREFIX } from './children/report.ts';

export interface ProcSpec {
  cmd: string;
  args: string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Run through `sh -c` (pipelines such as iconv | mlr). */
  shell?: boolean;
}

export interface ProcRun {
  wallSeconds: number;
  /** User + system CPU seconds of the whole process tree (GNU time only). */
  cpuSeconds: number | null;
  rssMb: number | null;
  /** The child's BENCH-RESULT line, parsed (node children only). */
  result: Record<string, unknown> | null;
  stdout: string;
}

export class ProcFailed extends Error {
  constructor(spec: ProcSpec, code: number | null, stderr: string) {
    super(`${[spec.cmd, ...spec.args].join(' ')} exited with ${code}: ${stderr.trim().split('\n').slice(-6).join('\n')}`);
    this.name = 'ProcFailed';
  }
}

let gnuTime: boolean | undefined;
export async function hasGnuTime(): Promise<boolean> {
  if (gnuTime === undefined) {
    gnuTime = await access('/usr/bin/time').then(() => true, () => false);
  }
  return gnuTime;
}

let seq = 0;

export async function runProc(spec: ProcSpec): Promise<ProcRun> {
  const timed = await hasGnuTime();
  const timeFile = join(tmpdir(), `citydash-bench-time-${process.pid}-${++seq}.txt`);
  const base = spec.shell ? ['sh', '-c', spec.cmd] : [spec.cmd, ...spec.args];
  const argv = timed ? ['/usr/bin/time', '-v', '-o', timeFile, ...base] : base;
  const started = performance.now();
  const child = spawn(argv[0]!, argv.slice(1), { cwd: spec.cwd, env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr = (stderr + d).slice(-20_000); });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  const result = line ? (JSON.parse(line.slice(RESULT_PREFIX.length)) as Record<string, unknown>) : null;
  let cpuSeconds: number | null = null;
  let rssKb = typeof result?.maxRssKb === 'number' ? result.maxRssKb : null;
  if (timed) {
    const text = await readFile(timeFile, 'utf8').catch(() => '');
    await rm(timeFile, { force: true });
    const num = (label: string) => Number(new RegExp(`${label}: ([0-9.]+)`).exec(text)?.[1] ?? NaN);
    const user = num('User time \\(seconds\\)');
    const sys = num('System time \\(seconds\\)');
    if (Number.isFinite(user) && Number.isFinite(sys)) cpuSeconds = user + sys;
    const rss = num('Maximum resident set size \\(kbytes\\)');
    if (Number.isFinite(rss)) rssKb = rss;
  }
  if (code !== 0) throw new ProcFailed(spec, code, stderr);
  return { wallSeconds, cpuSeconds, rssMb: rssKb === null ? null : rssKb / 1024, result, stdout };
}
