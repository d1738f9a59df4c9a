// Reads a V8 .cpuprofile (node --cpu-prof) and names where the time goes: self time per
// function (where the CPU actually is) and inclusive time for the pipeline's own functions
// (which of our calls the time sits under).
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  name: string;
  /** file:line, relative to the repository when it is ours. */
  where: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Time the thread waited (I/O, timers, other threads) rather than ran JavaScript. */
  idleMs: number;
  gcMs: number;
  self: HotFunction[];
  /** Pipeline functions (pipeline/**) by inclusive time. */
  inclusive: HotFunction[];
}

/** The installed package's compiled module, named by the source it was compiled from. */
const INSTALLED = /\/node_modules\/citydash\/lib\/(.+)\.js$/;

function label(node: ProfileNode, repo: string): { name: string; where: string } {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const installed = INSTALLED.exec(file);
  const inModules = file.lastIndexOf('/node_modules/');
  const path = installed ? `pipeline/${installed[1]}.ts`
    : !url.startsWith('file://') ? url
    : inModules >= 0 ? file.slice(inModules + 1)
    : relative(repo, file);
  // tsx compiles each TypeScript file to one line, and tsc's lines are not the source's: only
  // the file names a pipeline function.
  const line = path.endsWith('.ts') || lineNumber < 0 ? '' : `:${lineNumber + 1}`;
  return { name: functionName || '(anonymous)', where: path ? `${path}${line}` : '(native)' };
}

export async function summarizeProfile(file: string, repo: string, top = 8): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const selfByFn = new Map<string, HotFunction>();
  const add = (map: Map<string, HotFunction>, n: ProfileNode, us: number) => {
    const { name, where } = label(n, repo);
    const key = `${name}@${where}`;
    const cur = map.get(key) ?? { name, where, ms: 0, share: 0 };
    cur.ms += us / 1000;
    map.set(key, cur);
  };
  for (const [id, us] of selfUs) add(selfByFn, byId.get(id)!, us);

  // Inclusive time: each node's subtree, counted once per function even when it recurses.
  const inclusive = new Map<string, HotFunction>();
  const walk = (id: number, onStack: Set<string>): number => {
    const n = byId.get(id)!;
    let us = selfUs.get(id) ?? 0;
    const { name, where } = label(n, repo);
    const key = `${name}@${where}`;
    const fresh = !onStack.has(key);
    if (fresh) onStack.add(key);
    for (const c of n.children ?? []) us += walk(c, onStack);
    if (fresh) {
      onStack.delete(key);
      if (where.startsWith('pipeline/')) add(inclusive, n, us);
    }
    return us;
  };
  walk(profile.nodes[0]!.id, new Set());

  const rank = (m: Map<string, HotFunction>) =>
    [...m.values()]
      .filter((f) => !['(idle)', '(program)', '(root)'].includes(f.name))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top)
      .map((f) => ({ ...f, ms: Math.round(f.ms), share: +(f.ms / (totalUs / 1000)).toFixed(3) }));
  const selfOf = (name: string) => Math.round([...selfByFn.values()].filter((f) => f.name === name).reduce((a, f) => a + f.ms, 0));
  return { totalMs: Math.round(totalUs / 1000), idleMs: selfOf('(idle)'), gcMs: selfOf('(garbage collector)'), self: rank(selfByFn), inclusive: rank(inclusive) };
}
