// WCAG 2.2 AA in a real browser: axe-core finds nothing on any page type in either language, in
// the light and the dark theme, with the interactive chart loaded; and a keyboard alone can
// reach, see and leave every control of a chart page, and get from the chart to its data.
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, describeViolations } from './helpers/axe.ts';
import { newContext, watchedPage } from './helpers/browser.ts';
import { openSite, PAGE_TYPES, type SiteUnderTest } from './helpers/setup.ts';

let site: SiteUnderTest;
let light: BrowserContext;
let dark: BrowserContext;

beforeAll(async () => {
  site = await openSite();
  // bypassCSP only here: axe is a script the site did not ship. CSP is tested in csp.test.ts.
  light = await newContext(site.browser, { bypassCSP: true });
  dark = await newContext(site.browser, { bypassCSP: true, colorScheme: 'dark' });
});

afterAll(async () => {
  await site?.close();
});

async function audit(page: Page, path: string): Promise<string[]> {
  await page.goto(site.url(path));
  if (await page.locator('[data-chart-embed]').count()) {
    await page.waitForSelector('[data-enhanced="interactive"]');
  }
  return describeViolations(path, await axeViolations(page));
}

/** Audits `paths` in two tabs of `context` (axe is CPU-bound; two tabs keep both cores busy). */
async function auditAll(context: BrowserContext, paths: string[]): Promise<string[]> {
  const tabs = await Promise.all([0, 1].map(() => context.newPage()));
  const found = await Promise.all(tabs.map(async (page, n) => {
    const out: string[] = [];
    for (const path of paths.filter((_, i) => i % tabs.length === n)) out.push(...(await audit(page, path)));
    await page.close();
    return out;
  }));
  return found.flat();
}

test('no axe violations on any page type, in Korean and English', async () => {
  const paths = ['ko', 'en'].flatMap((lang) => Object.values(PAGE_TYPES).map((p) => `/${lang}/${p}`));
  // The gu tile map (a different kind of chart) and the language choice at the root.
  paths.push('/ko/charts/pm25-by-district/', '/');
  expect(await auditAll(light, paths)).toEqual([]);
});

test('no axe violations in the dark theme (contrast of text, links, badges and charts)', async () => {
  const page = await dark.newPage();
  expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
  await page.close();
  expect(await auditAll(dark, ['/ko/', '/en/charts/pm25-by-district/', '/en/freshness/', '/ko/search/'])).toEqual([]);
});

interface Focused {
  tag: string;
  text: string;
  cls: string;
  visible: boolean;
  outline: boolean;
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', text: '', cls: '', visible: true, outline: false };
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const inView = box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40),
      cls: el.className && typeof el.className === 'string' ? el.className : '',
      visible: inView,
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
  });
}

test('keyboard walk of a chart page: skip link, every control visibly focused, chart to data table, no trap', async () => {
  const context = await newContext(site.browser);
  const { page, consoleErrors } = await watchedPage(context);
  await page.goto(site.url('/ko/charts/fine-dust-daily-trend/'));
  await page.waitForSelector('[data-enhanced="interactive"]');

  await page.keyboard.press('Tab');
  const skip = await focused(page);
  expect(skip).toMatchObject({ tag: 'a', cls: 'skip-link', visible: true, outline: true });
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

  const walk: Focused[] = [];
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.tag === 'body' || (f.cls === 'skip-link' && walk.length > 0)) break;
    walk.push(f);
  }
  // Tab ran off the end of the page (back to the browser), so nothing trapped it.
  expect(walk.length).toBeGreaterThan(10);
  expect(walk.length).toBeLessThan(120);
  expect(walk.filter((f) => !f.visible || !f.outline)).toEqual([]);
  const index = (pred: (f: Focused) => boolean) => walk.findIndex(pred);
  const chart = index((f) => f.cls.includes('chart-scroll'));
  const zoomIn = index((f) => f.tag === 'button' && f.text === '확대');
  const toTable = index((f) => f.cls.includes('cd-to-table'));
  const table = index((f) => f.cls.includes('table-scroll'));
  expect([chart, zoomIn, toTable, table].every((i) => i >= 0)).toBe(true);
  expect(chart).toBeLessThan(zoomIn);
  expect(zoomIn).toBeLessThan(toTable);
  expect(toTable).toBeLessThan(table);

  // The chart zooms from the keyboard, and the status line says what it shows.
  await page.focus('.chart-scroll');
  await page.keyboard.press('+');
  await expect(page.locator('.cd-status').textContent()).resolves.toMatch(/^표시 기간: /);
  await page.keyboard.press('0');
  // From the controls straight to the data: the link moves focus into the table.
  await page.focus('.cd-to-table');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.classList.contains('table-scroll'))).toBe(true);
  expect(consoleErrors).toEqual([]);
  await context.close();
});
