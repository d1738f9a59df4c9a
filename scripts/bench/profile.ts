// Profiles, with `node --cpu-prof`, the figure behind every goal this run did not meet (and the
// slowest figure of the run), and names where each one's time goes: the "profile of what
// remains" that RESULTS.md shows beside a goal not met.
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchContext } from './context.ts';
import { summarizeProfile, type ProfileSummary } from './cpu-profile.ts';
import type { GoalResult } from './goals.ts';
import { runProc } from './proc.ts';

export type ProfileResult =
  | { figure: string; goals: string[]; command: string; summary: ProfileSummary }
  | { figure: string; goals: string[]; notProfiled: string };

/** Figures to profile: each unmet goal's, in the order of the goals, then the slowest. */
export function profileOrder(ctx: BenchContext, goals: GoalResult[]): Map<string, string[]> {
  const order = new Map<string, string[]>();
  for (const g of goals) {
    if (g.met !== false || !g.figure) continue;
    order.set(g.figure, [...(order.get(g.figure) ?? []), g.goal]);
  }
  const measured = ctx.figures.filter((f) => ctx.profiles.has(f.id) && f.measured);
  if (measured.length) {
    const slowest = measured.reduce((a, b) => (b.measured!.wall.median > a.measured!.wall.median ? b : a));
    if (!order.has(slowest.id)) order.set(slowest.id, ['the slowest figure of the run']);
  }
  return order;
}

async function profileOne(ctx: BenchContext, id: string, goals: string[]): Promise<ProfileResult> {
  const target = ctx.profiles.get(id);
  if (!target) return { figure: id, goals, notProfiled: 'no profile target: the figure is not one citydash process, or its stage did not run' };
  if (target.spec.cmd !== process.execPath) return { figure: id, goals, notProfiled: 'not a node process' };
  const dir = join(ctx.tmp, 'cpu-profile', id);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  process.stderr.write(`profiling ${id}\n`);
  await target.before?.();
  await runProc({ ...target.spec, args: ['--cpu-prof', '--cpu-prof-dir', dir, ...target.spec.args] });
  // The main thread writes the largest profile (worker threads and Eleventy's loader write smaller ones).
  const files = await Promise.all((await readdir(dir)).filter((f) => f.endsWith('.cpuprofile')).map(async (f) => ({ f, size: (await stat(join(dir, f))).size })));
  const main = files.sort((a, b) => b.size - a.size)[0];
  if (!main) return { figure: id, goals, notProfiled: 'node wrote no profile' };
  const shown = target.spec.args.filter((a, i, all) => a !== '--import' && all[i - 1] !== '--import').map((a) => a.replaceAll(ctx.tmp, '$TMP').replace(`${ctx.repo}/`, ''));
  const command = `node --cpu-prof ${shown.join(' ')}`;
  return {
    figure: id,
    goals,
    command: target.note ? `${command} — ${target.note}` : command,
    summary: await summarizeProfile(join(dir, main.f), ctx.repo, 10),
  };
}

export async function profileGoals(ctx: BenchContext, goals: GoalResult[]): Promise<ProfileResult[]> {
  const out: ProfileResult[] = [];
  for (const [id, why] of profileOrder(ctx, goals)) {
    try {
      out.push(await profileOne(ctx, id, why));
    } catch (err) {
      out.push({ figure: id, goals: why, notProfiled: (err as Error).message.split('\n')[0]! });
    }
  }
  return out;
}
