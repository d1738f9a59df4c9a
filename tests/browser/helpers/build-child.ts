// Builds a catalog's site the way `citydash run --no-publish --offline` does (fetch samples,
// validate, derive, change log, freshness, render, site), in its own process so a browser test
// file never pays for compiling the pipeline inside jest. Usage:
//   node --import tsx tests/browser/helpers/build-child.ts <catalog> <dir> <now-iso>
// Writes <dir>/site and <dir>/result.json ({exitCode, error, pages}); exit 1 when no site.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { makeContext } from '../../../pipeline/cli/context.ts';
import { runCycle } from '../../../pipeline/cycle/run-cycle.ts';
import { memoryLogger } from '../../../pipeline/log.ts';
import type { Effects } from '../../../pipeline/types.ts';

const [catalog, dir, nowIso] = process.argv.slice(2);
const log = memoryLogger();
const effects: Effects = {
  fetch: (async (url: unknown) => {
    throw new Error(`no network in browser-test builds (asked for ${String(url)})`);
  }) as typeof fetch,
  now: () => new Date(nowIso),
  log,
  env: {},
};
const ctx = makeContext({ catalog: resolve(catalog), out: join(dir, 'out'), work: join(dir, 'work'), offline: true, quiet: true }, effects);
const result = await runCycle(ctx, { target: `dir:${join(dir, 'public')}`, publish: false, siteDir: join(dir, 'site') });
const summary = { exitCode: result.exitCode, error: result.error, pages: result.build?.pages ?? 0, failures: result.build?.failures ?? [], log: log.lines.filter((l) => /^(error|warning)/.test(l)) };
await writeFile(join(dir, 'result.json'), `${JSON.stringify(summary, null, 2)}\n`);
process.exitCode = result.build ? 0 : 1;
