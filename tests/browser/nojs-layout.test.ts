// Without JavaScript every chart is still there (the build's inline SVG, titled and described,
// with its data table); at 360 px (and 1280 px) no page scrolls sideways, wide charts and tables
// scroll inside their own box instead.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { newContext } from './helpers/browser.ts';
import { openSite, PAGE_TYPES, type SiteUnderTest } from './helpers/setup.ts';

let site: SiteUnderTest;
let noJs: BrowserContext;

beforeAll(async () => {
  site = await openSite();
  noJs = await newContext(site.browser, { javaScriptEnabled: false });
});

afterAll(async () => {
  await site?.close();
});

test('no-JS: every chart page of both languages shows its chart as an SVG image with a title, and its table', async () => {
  const requests: string[] = [];
  const ids = await readdir(join(site.root, 'ko', 'charts'));
  expect(ids.length).toBeGreaterThanOrEqual(12);
  const missing: string[] = [];
  // Three tabs share the pages, one language each half.
  const paths = ['ko', 'en'].flatMap((lang) => ids.map((id) => `/${lang}/charts/${id}/`));
  const tabs = await Promise.all([0, 1, 2].map(() => noJs.newPage()));
  for (const t of tabs) t.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await Promise.all(tabs.map(async (page, n) => {
    for (const path of paths.filter((_, i) => i % tabs.length === n)) {
      await page.goto(site.url(path));
      // the layout CSS shows at this width (the other is display: none, out of the accessibility tree too)
      const chart = page.locator('.chart-scroll > .chart-layout > svg[role="img"]:visible, .chart-scroll > svg[role="img"]:visible');
      const box = (await chart.count()) === 1 ? await chart.boundingBox() : null;
      const title = (await chart.count()) === 1 ? ((await chart.locator('title').textContent()) ?? '') : '';
      const tables = await page.locator('table.data-table').count();
      if (!box || box.width < 100 || box.height < 50 || title.trim() === '' || tables !== 1) missing.push(`${path}: svg ${JSON.stringify(box)} title ${JSON.stringify(title)} tables ${tables}`);
    }
  }));
  expect(missing).toEqual([]);
  expect(requests.filter((p) => p.endsWith('.js') || p.endsWith('.vega.json'))).toEqual([]);
});

async function overflow(context: BrowserContext, paths: string[]): Promise<string[]> {
  const page = await context.newPage();
  const wide: string[] = [];
  for (const path of paths) {
    await page.goto(site.url(path));
    if (await page.locator('[data-chart-embed]').count()) await page.waitForSelector('[data-enhanced="interactive"]');
    const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth, body: document.body.scrollWidth }));
    if (m.scroll > m.inner || m.body > m.inner) wide.push(`${path}: ${JSON.stringify(m)}`);
  }
  await page.close();
  return wide;
}

test('360 px: no page-level horizontal scroll on any page type; the chart fits its box, in its phone layout', async () => {
  const narrow = await newContext(site.browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const paths = ['/ko/', '/en/', ...Object.values(PAGE_TYPES).filter(Boolean).map((p) => `/ko/${p}`), '/en/charts/pm25-by-district/', '/en/datasets/subway-ridership-daily/', '/'];
  expect(await overflow(narrow, paths)).toEqual([]);
  const page = await narrow.newPage();
  await page.goto(site.url('/ko/charts/fine-dust-daily-trend/'));
  await page.waitForSelector('[data-enhanced="interactive"]');
  const box = await page.evaluate(() => {
    const el = document.querySelector('.chart-scroll') as HTMLElement;
    const narrow = el.querySelector('.chart-narrow') as HTMLElement;
    return { scroll: el.scrollWidth, client: el.clientWidth, narrow: getComputedStyle(narrow).display, wide: getComputedStyle(el.querySelector('.chart-wide')!).display };
  });
  // issue 12: no sideways scrolling to read a chart; the phone layout is the one shown
  expect(box.scroll).toBeLessThanOrEqual(box.client);
  expect(box).toMatchObject({ narrow: 'block', wide: 'none' });
  await narrow.close();
});

test('1280 px: no page-level horizontal scroll either', async () => {
  const wide = await newContext(site.browser, { viewport: { width: 1280, height: 900 } });
  expect(await overflow(wide, ['/ko/', '/en/charts/fine-dust-daily-trend/', '/ko/datasets/air-quality-daily/', '/en/search/'])).toEqual([]);
  await wide.close();
});
