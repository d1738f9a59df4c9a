// Regenerates docs/screenshots/: the home page and three chart pages (the gu map, a time series,
// a ranking), in Korean and English, at a phone's 360 px and a desktop's 1280 px, as a citizen's
// Chromium shows them. Builds the bundled catalog offline first unless --site names a built site.
//   node --import tsx scripts/screenshots.ts [--site dist/site] [--now 2026-12-04T17:00:00Z] [--out docs/screenshots]
// Debian's Chromium through playwright-core (never a downloaded browser); the server is the
// project's own static server on 127.0.0.1. Each shot is the top of the page, cut at a fixed
// height so the files stay small (PNG at device scale 1).
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { makeContext } from '../pipeline/cli/context.ts';
import { runCycle } from '../pipeline/cycle/run-cycle.ts';
import { memoryLogger } from '../pipeline/log.ts';
import { startStaticServer } from '../pipeline/site/static-server.ts';

const PAGES = [
  ['home', ''],
  ['map', 'charts/pm25-by-district/'],
  ['time-series', 'charts/fine-dust-daily-trend/'],
  ['ranking', 'charts/busiest-subway-stations/'],
] as const;
/** Width, viewport height and the height a shot is cut at. */
const SIZES = [
  { width: 360, height: 740, cut: 2200 },
  { width: 1280, height: 800, cut: 1600 },
];
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const { values } = parseArgs({ options: { site: { type: 'string' }, now: { type: 'string' }, out: { type: 'string', default: 'docs/screenshots' } } });
const root = fileURLToPath(new URL('..', import.meta.url));

async function buildBundled(now: Date): Promise<{ site: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'citydash-screenshots-'));
  const log = memoryLogger();
  const effects = {
    fetch: (async (url: unknown) => { throw new Error(`no network for screenshots (asked for ${String(url)})`); }) as typeof fetch,
    now: () => now,
    log,
    env: {},
  };
  const ctx = makeContext({ catalog: root, out: join(dir, 'out'), work: join(dir, 'work'), offline: true, quiet: true }, effects);
  const result = await runCycle(ctx, { target: `dir:${join(dir, 'public')}`, publish: false, siteDir: join(dir, 'site') });
  if (!result.build) throw new Error(`the bundled catalog did not build: ${result.error}\n${log.lines.join('\n')}`);
  return { site: join(dir, 'site'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime())) throw new Error(`--now ${JSON.stringify(values.now)} is not a date`);
const built = values.site ? { site: resolve(values.site), cleanup: async () => {} } : await buildBundled(now);
const out = resolve(values.out!);
await mkdir(out, { recursive: true });
const server = await startStaticServer({ root: built.site, port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
try {
  for (const size of SIZES) {
    const phone = size.width < 500;
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
    const page = await context.newPage();
    for (const lang of ['ko', 'en']) {
      for (const [name, path] of PAGES) {
        await page.goto(new URL(`${lang}/${path}`, server.url).href);
        // The interactive chart replaces the static one when it comes into view; shoot what a reader then sees.
        if (await page.locator('[data-chart-embed]').count()) await page.waitForSelector('[data-enhanced]', { timeout: 30_000 }).catch(() => undefined);
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        const file = join(out, `${name}-${lang}-${size.width}.png`);
        await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: size.width, height: Math.min(height, size.cut) } });
        console.log(`${file} (${Math.round((await stat(file)).size / 1024)} KB)`);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  await built.cleanup();
}
console.log(`${(await readdir(out)).filter((f) => f.endsWith('.png')).length} screenshots in ${out}`);
