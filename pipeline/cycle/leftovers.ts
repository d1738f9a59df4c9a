// What a killed run can leave behind in the work dir: temp files of atomic writes
// (`<file>.<pid>.<n>.tmp`). None is ever read, so a next run works anyway; this only stops them
// piling up. Files of a process that is still alive (another run) are left alone. (The site
// build clears its own staging folders.)
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const TMP = /\.(\d+)\.[a-z0-9]+\.tmp$/;

async function removeDeadTemps(dir: string, depth: number): Promise<number> {
  let removed = 0;
  // A folder not made yet holds no leftovers.
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory() && depth > 0) removed += await removeDeadTemps(path, depth - 1);
    const m = TMP.exec(e.name);
    if (e.isFile() && m && !alive(Number(m[1]))) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}

/** Temp files of dead runs under the work dir's data/, raw/<id>/ and reports/. */
export async function cleanWorkLeftovers(workRoot: string): Promise<number> {
  let n = 0;
  for (const sub of ['data', 'reports']) n += await removeDeadTemps(join(workRoot, sub), 0);
  n += await removeDeadTemps(join(workRoot, 'raw'), 1);
  return n;
}
