import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cycleIdAt } from '../../cycle-id.ts';
import { CliError } from '../../errors.ts';
import { addCommonOptions, makeContext, printJson, type CommonOptions } from '../context.ts';
import type { RegisterCommand } from './index.ts';

export const register: RegisterCommand = (program, setExit) => {
  addCommonOptions(
    program
      .command('build')
      .description('transform, render and build the site from what was fetched and validated'),
  )
    .addHelpText('after', '\nExample:\n  $ citydash validate && citydash build --out dist   # writes dist/site/')
    .action(async (opts: CommonOptions) => {
      const ctx = makeContext(opts);
      const { loadCatalogFor } = await import('../load-catalog.ts');
      const { buildFromWork } = await import('../../build/index.ts');
      const { PUBLISHED_FEEDBACK, publishedFeedback, readFeedback } = await import('../../feedback/index.ts');
      const { catalog, errors } = await loadCatalogFor(ctx.catalogRoot, ctx.effects);
      if (catalog.datasets.length === 0) throw new CliError(`no usable datasets in the catalog at ${ctx.catalogRoot}`, 1);
      const siteDir = join(ctx.out, 'site');
      // Without GitHub (offline, no token, refused) the list the last build published is kept.
      const published = publishedFeedback(await readFile(join(siteDir, PUBLISHED_FEEDBACK)).catch(() => null));
      const feedback = await readFeedback(
        { settings: catalog.settings, known: { charts: catalog.charts.map((c) => c.id), datasets: catalog.datasets.map((d) => d.id) }, workRoot: ctx.work.root, published },
        { offline: Boolean(opts.offline) },
        ctx.effects,
      );
      const result = await buildFromWork(catalog, ctx, { cycleId: cycleIdAt(ctx.effects.now()), siteDir, feedback });
      if (ctx.json) printJson(result);
      setExit(errors > 0 || result.failures.length > 0 ? 2 : 0);
    });
};
