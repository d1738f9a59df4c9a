// The 20-dataset, 200-chart catalog and the work dirs the chart, site, cycle and publish
// figures start from, made once per run (unmeasured) and shared.
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, nodeChild, shared, type BenchContext } from './context.ts';
import { writeBenchCatalog, type GeneratedCatalog } from './gen-catalog.ts';
import { runProc } from './proc.ts';

export function bigCatalog(ctx: BenchContext): Promise<GeneratedCatalog> {
  return shared(ctx, 'big-catalog', () => writeBenchCatalog(ctx.repo, join(ctx.tmp, 'catalog'), ctx.cfg.datasets, ctx.cfg.charts));
}

/** Every source dataset fetched (offline: samples) and validated by `citydash validate`. */
export function bigValidated(ctx: BenchContext): Promise<string> {
  return shared(ctx, 'big-validated', async () => {
    const { root } = await bigCatalog(ctx);
    const work = join(ctx.tmp, 'work-big-validated');
    process.stderr.write('  validating the generated catalog (not measured)\n');
    await runProc(cli(['validate', '--offline', '--catalog', root, '--work', work, '--quiet']));
    return work;
  });
}

/** The validated work dir plus every derived dataset, as the renderer finds it in a build. */
export function bigTransformed(ctx: BenchContext): Promise<string> {
  return shared(ctx, 'big-transformed', async () => {
    const { root } = await bigCatalog(ctx);
    const work = join(ctx.tmp, 'work-big-transformed');
    await cp(await bigValidated(ctx), work, { recursive: true });
    process.stderr.write('  computing the derived datasets (not measured)\n');
    await runProc(nodeChild('transform', [root, work]));
    return work;
  });
}

/** A fresh copy of the validated work dir at `dest`. */
export async function freshWork(ctx: BenchContext, dest: string): Promise<void> {
  await rm(dest, { recursive: true, force: true });
  await cp(await bigValidated(ctx), dest, { recursive: true, force: true });
}
