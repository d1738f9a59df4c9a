// Bounded parallelism, one engine for every stage: uploads (an object store answers a few dozen
// connections well and thousands badly), chart renders (PNGs in worker threads overlap the next
// chart's SVG), published snapshots read back. `limit` lanes take the next job as they free up.

/** Runs `work` over the items, at most `limit` at a time. The first failure stops new work;
 *  work already started is awaited, so nothing is left running after the failure is reported. */
export async function runPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let failure: { err: unknown } | null = null;
  await lanes(items.length, limit, async (i) => {
    try {
      await work(items[i] as T);
    } catch (err) {
      failure ??= { err };
    }
  }, () => failure !== null);
  if (failure) throw (failure as { err: unknown }).err;
}

/** Runs the jobs with at most `limit` at a time; results in job order, as if run one by one. */
export async function inOrder<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  await lanes(jobs.length, limit, async (i) => { out[i] = await jobs[i]!(); });
  return out;
}

async function lanes(count: number, limit: number, run: (i: number) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (!stop() && next < count) await run(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, lane));
}
