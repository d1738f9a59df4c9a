// (8) Publish the built site of the generated catalog: a first publish to an empty target and a
// no-change publish (the same site again as the next cycle), to a `dir:` target and to S3
// (s3rver on loopback), through `citydash publish`'s own function.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { bigCatalog, freshWork } from '../big.ts';
import { nodeChild, shared, warmupOf, type BenchContext } from '../context.ts';
import type { Figure } from '../figures.ts';
import { measure, type Measured } from '../measure.ts';
import { runProc } from '../proc.ts';
import { BENCH_BUCKET, S3_ENV, startS3Server } from '../s3-server.ts';
import { spread } from '../stats.ts';

interface BuiltSite { siteDir: string; work: string }

/** The site the site stage left, or one built now (unmeasured). */
function builtSite(ctx: BenchContext): Promise<BuiltSite> {
  return shared(ctx, 'built-site', async () => {
    const big = await bigCatalog(ctx);
    const work = join(ctx.tmp, 'work-publish');
    const siteDir = join(ctx.tmp, 'publish-out', 'site');
    await freshWork(ctx, work);
    process.stderr.write('  building the site to publish (not measured)\n');
    await runProc(nodeChild('site', [big.root, work, siteDir, '2026-11-28T2100Z']));
    return { siteDir, work };
  });
}

function figure(id: string, label: string, m: Measured): Figure {
  const { results, lastStdout: _out, ...measured } = m;
  const med = (key: string) => spread(results.map((r) => Number(r[key]))).median;
  return {
    id, stage: 'publish', label, measured,
    throughput: { value: { median: med('objects') / m.wall.median, min: med('objects') / m.wall.max, max: med('objects') / m.wall.min }, unit: 'objects/s' },
    counts: { files: med('files'), objectsWritten: med('objects'), bytesWritten: med('bytes'), unchanged: med('unchanged') },
  };
}

export async function runPublish(ctx: BenchContext): Promise<void> {
  const { cfg } = ctx;
  const { siteDir, work } = await builtSite(ctx);
  const s3 = await startS3Server(join(ctx.tmp, 's3rver'));
  try {
    const targets = [
      { kind: 'dir', target: (n: number) => `dir:${join(ctx.tmp, 'published', `dir-${n}`)}`, extra: [] as string[], env: {} },
      { kind: 's3', target: (n: number) => `s3://${BENCH_BUCKET}/site-${n}`, extra: [s3.endpoint], env: S3_ENV },
    ];
    for (const t of targets) {
      let n = 0;
      const spec = (target: string, cycle: string) => nodeChild('publish', [siteDir, work, target, cycle, ...t.extra], t.env);
      const first = await measure({
        label: `publish ${t.kind} first`, maxRuns: cfg.runs, warmup: cfg.warmup, budgetSeconds: cfg.budget('publish'),
        warmupSpec: warmupOf(spec(t.target(0), '2026-11-28T2100Z')),
        before: async ({ warm }) => {
          if (warm) return;
          n++;
          if (t.kind === 'dir') await rm(t.target(n).slice('dir:'.length), { recursive: true, force: true });
        },
        spec: () => spec(t.target(n), '2026-11-28T2100Z'),
      });
      ctx.figures.push(figure(`publish-${t.kind}-first`, `first publish to an empty ${t.kind === 'dir' ? 'dir: target' : 'S3 target (s3rver on loopback)'}`, first));
      let cycle = 0;
      const again = await measure({
        label: `publish ${t.kind} no change`, maxRuns: cfg.runs, warmup: 0, budgetSeconds: cfg.budget('publish'),
        before: async () => { cycle++; },
        spec: () => spec(t.target(n), `2026-11-29T${String(cycle).padStart(2, '0')}00Z`),
      });
      ctx.figures.push(figure(`publish-${t.kind}-no-change`, `the same site published again as the next cycle (${t.kind})`, again));
    }
  } finally {
    await s3.stop();
  }
}
