// Profiles the slowest citydash figure of the run (largest median wall time among those a
// stage registered) with `node --cpu-prof`, and names where its time goes.
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchContext } from './context.ts';
import { summarizeProfile } from './cpu-profile.ts';
import { runProc } from './proc.ts';
import type { BenchResults } from './results.ts';

export async function profileSlowest(ctx: BenchContext): Promise<BenchResults['profile']> {
  const candidates = ctx.figures.filter((f) => ctx.profiles.has(f.id) && f.measured);
  if (!candidates.length) return null;
  const slowest = candidates.reduce((a, b) => (b.measured!.wall.median > a.measured!.wall.median ? b : a));
  const target = ctx.profiles.get(slowest.id)!;
  const dir = join(ctx.tmp, 'cpu-profile');
  await mkdir(dir, { recursive: true });
  if (target.spec.cmd !== process.execPath) return { figure: slowest.id, notProfiled: 'not a node process' };
  process.stderr.write(`profiling ${slowest.id}\n`);
  await target.before?.();
  const spec = { ...target.spec, args: ['--cpu-prof', '--cpu-prof-dir', dir, ...target.spec.args] };
  await runProc(spec);
  // The main thread writes the largest profile (Eleventy's loader thread writes a small one).
  const files = await Promise.all((await readdir(dir)).filter((f) => f.endsWith('.cpuprofile')).map(async (f) => ({ f, size: (await stat(join(dir, f))).size })));
  const main = files.sort((a, b) => b.size - a.size)[0];
  if (!main) return { figure: slowest.id, notProfiled: 'node wrote no profile' };
  const command = `node --cpu-prof ${target.spec.args.filter((a, i, all) => a !== '--import' && all[i - 1] !== '--import').map((a) => a.replace(ctx.tmp, '$TMP').replace(ctx.repo + '/', '')).join(' ')}`;
  return {
    figure: slowest.id,
    command: target.note ? `${command} — ${target.note}` : command,
    summary: await summarizeProfile(join(dir, main.f), ctx.repo, 10),
  };
}
