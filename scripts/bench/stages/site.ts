// (6) Site: the build half (transform, render, Eleventy) of the generated catalog cold — no
// derived data, no chart cache, no site — and then a cycle in which one dataset changed (its
// file edited, re-validated, then the build).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { bigCatalog, freshWork } from '../big.ts';
import { bumpCctv } from '../change-dataset.ts';
import { nodeChild, warmupOf, type BenchContext } from '../context.ts';
import type { Figure } from '../figures.ts';
import { measure, type Measured } from '../measure.ts';
import { spread } from '../stats.ts';

const median = (m: Measured, key: string) => +spread(m.results.map((r) => Number(r[key]))).median.toFixed(2);

function figure(id: string, label: string, m: Measured, extra: Record<string, number>): Figure {
  const { results, lastStdout: _out, ...measured } = m;
  const r0 = results[0]!;
  return {
    id, stage: 'site', label, measured,
    throughput: { value: { median: Number(r0.pages) / m.wall.median, min: Number(r0.pages) / m.wall.max, max: Number(r0.pages) / m.wall.min }, unit: 'pages/s' },
    counts: {
      pages: Number(r0.pages), files: Number(r0.files), chartsRendered: Math.max(...results.map((r) => Number(r.rendered))), chartsCached: Number(r0.cached),
      transformSeconds: median(m, 'transformSeconds'), renderSeconds: median(m, 'renderSeconds'), siteSeconds: median(m, 'siteSeconds'), ...extra,
    },
    note: 'phases (median seconds) from buildFromWork\'s own log lines; siteSeconds is the site model, downloads and Eleventy',
  };
}

export async function runSite(ctx: BenchContext): Promise<void> {
  const { cfg } = ctx;
  const big = await bigCatalog(ctx);
  const work = join(ctx.tmp, 'work-site');
  const out = join(ctx.tmp, 'site-out');
  const siteDir = join(out, 'site');
  const cold = nodeChild('site', [big.root, work, siteDir, '2026-11-28T2100Z']);
  const m = await measure({
    label: 'site cold', maxRuns: cfg.runs, warmup: cfg.warmup, warmupSpec: warmupOf(cold), budgetSeconds: cfg.budget('siteCold'),
    before: async () => {
      await rm(out, { recursive: true, force: true });
      await freshWork(ctx, work);
    },
    spec: cold,
  });
  ctx.profiles.set('site-cold', {
    spec: cold,
    before: async () => {
      await rm(out, { recursive: true, force: true });
      await freshWork(ctx, work);
    },
  });
  ctx.figures.push(figure('site-cold', `build of ${big.charts} charts × 2 languages and ${big.sourceDatasets + big.derivedDatasets} datasets, cold (transform + render + Eleventy)`, m, {}));

  const changed = (i: number) => nodeChild('site', [big.root, work, siteDir, `2026-11-29T${String(i % 24).padStart(2, '0')}00Z`, big.changeable.id]);
  const c = await measure({
    label: 'site one dataset changed', maxRuns: cfg.runs, warmup: 0, budgetSeconds: cfg.budget('siteChanged'),
    before: ({ i }) => bumpCctv(big.changeable.file, i + 1),
    spec: changed,
  });
  ctx.figures.push(figure('site-one-changed', `next cycle with one dataset changed (${big.changeable.id}: re-validate, transform, render, Eleventy)`, c, { validateSeconds: median(c, 'validateSeconds') }));
  ctx.shared.set('built-site', Promise.resolve({ siteDir, work }));
}
