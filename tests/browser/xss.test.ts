// A catalog whose data values, titles, descriptions, units, spec title and settings carry XSS
// payloads (hostile-catalog.ts) is built like any other; in Chromium, on every page, with the
// interactive chart loaded, its tooltips shown and its marks clicked, nothing runs: no payload
// sets window.__xss, no dialog opens. Checked with the CSP on, and again with the CSP bypassed,
// so escaping alone already holds (the CSP is the second lock, not the only one).
import { readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { newContext, watchedPage, type Watched } from './helpers/browser.ts';
import { PAYLOADS, writeHostileCatalog } from './helpers/hostile-catalog.ts';
import { openSite, type SiteUnderTest } from './helpers/setup.ts';
import { buildInChild } from './helpers/site-cache.ts';

let catalog: string;
let site: SiteUnderTest;
let pages: string[];

async function htmlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await htmlFiles(p)));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out;
}

beforeAll(async () => {
  catalog = await writeHostileCatalog();
  await buildInChild(catalog, join(catalog, 'build'));
  site = await openSite(join(catalog, 'build', 'site'));
  pages = (await htmlFiles(site.root)).map((f) => `/${relative(site.root, f).replace(/index\.html$/, '')}`).sort();
});

afterAll(async () => {
  await site?.close();
  if (catalog) await rm(catalog, { recursive: true, force: true });
});

async function provoke(page: Page): Promise<void> {
  if (await page.locator('[data-chart-embed]').count()) {
    await page.waitForSelector('[data-enhanced="interactive"] .cd-view svg');
    const marks = page.locator('.cd-view .mark-rect path');
    for (let i = 0; i < (await marks.count()); i++) {
      await marks.nth(i).hover({ force: true });
      await page.waitForSelector('.cd-tooltip:not([hidden])');
      await marks.nth(i).click({ force: true });
    }
  }
  if (await page.locator('[data-search]').count()) {
    await page.waitForSelector('[data-search][data-ready]');
    await page.fill('#search-q', 'script');
    await page.press('#search-q', 'Enter');
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-status]')?.textContent ?? ''));
  }
}

async function sweep(context: BrowserContext): Promise<string[]> {
  // Three tabs share the pages; each records its own dialogs and errors.
  const tabs = await Promise.all([0, 1, 2].map(() => watchedPage(context)));
  const problems = await Promise.all(tabs.map((w, n) => sweepTab(w, pages.filter((_, i) => i % tabs.length === n))));
  return problems.flat();
}

async function sweepTab(w: Watched, paths: string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const path of paths) {
    await w.page.goto(site.url(path));
    await provoke(w.page);
    const found = await w.page.evaluate(() => ({
      flag: (window as unknown as { __xss?: unknown }).__xss,
      scriptHrefs: [...document.querySelectorAll('[href], [src], [action]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? '').filter((v) => /^\s*(javascript|data|vbscript):/i.test(v)),
      handlers: [...document.querySelectorAll('*')].flatMap((e) => e.getAttributeNames().filter((a) => a.startsWith('on')).map((a) => `${e.tagName}[${a}]`)),
      scripts: [...document.querySelectorAll('script')].filter((s) => s.type !== 'application/ld+json' && !(s.type === 'module' && new URL(s.src, location.href).origin === location.origin)).map((s) => s.outerHTML.slice(0, 80)),
    }));
    if (found.flag !== undefined) problems.push(`${path}: payload ran (${String(found.flag)})`);
    for (const x of [...found.scriptHrefs, ...found.handlers, ...found.scripts]) problems.push(`${path}: ${x}`);
  }
  problems.push(...w.dialogs.map((d) => `dialog ${d}`), ...w.pageErrors.map((e) => `page error ${e}`));
  await w.page.close();
  return problems;
}

test('the hostile site builds every page, and shows the payloads as text', async () => {
  expect(pages).toEqual(expect.arrayContaining(['/', '/ko/', '/en/charts/hostile-chart/', '/ko/datasets/hostile-values/', '/ko/embed/hostile-chart/', '/en/search/', '/ko/catalog/']));
  const context = await newContext(site.browser);
  const page = await context.newPage();
  await page.goto(site.url('/ko/charts/hostile-chart/'));
  const cells = await page.locator('table.data-table td').allTextContents();
  expect(cells).toEqual(expect.arrayContaining([PAYLOADS.script, PAYLOADS.img, PAYLOADS.svg, PAYLOADS.js]));
  expect(await page.locator('h1').textContent()).toContain(PAYLOADS.img.slice(0, 12));
  // The spec title with HTML is drawn as text in the chart.
  expect(await page.locator('.chart-scroll svg text', { hasText: 'onerror' }).count()).toBeGreaterThan(0);
  await page.goto(site.url('/en/datasets/hostile-values/'));
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? 'null');
  expect(ld.name).toBe(`Values ${PAYLOADS.img}`);
  await context.close();
});

test('with the CSP on: nothing runs on any page, tooltips shown and marks clicked', async () => {
  const context = await newContext(site.browser);
  expect(await sweep(context)).toEqual([]);
  await context.close();
});

test('with the CSP bypassed: escaping alone keeps every payload inert', async () => {
  const context = await newContext(site.browser, { bypassCSP: true });
  expect(await sweep(context)).toEqual([]);
  await context.close();
});

test('a spec that links marks to javascript: URLs gets no link: the loader refuses every URL but its own', async () => {
  const context = await newContext(site.browser, { bypassCSP: true });
  const w = await watchedPage(context);
  // The compiled spec as a hostile proposer could shape it: every bar links to its `link` value.
  await w.page.route('**/charts/hostile-chart.*.vega.json', async (route) => {
    const res = await route.fetch();
    const spec = JSON.parse(await res.text());
    const bars = (spec.marks as Array<{ type: string; encode: { update: Record<string, unknown> } }>).filter((m) => m.type === 'rect');
    for (const m of bars) m.encode.update.href = { field: 'link' };
    spec.usermeta = { embedOptions: { loader: { baseURL: 'javascript:' }, defaultStyle: true, actions: true } };
    await route.fulfill({ response: res, body: JSON.stringify(spec) });
  });
  const url = site.url('/en/charts/hostile-chart/');
  await w.page.goto(url);
  await w.page.waitForSelector('[data-enhanced="interactive"] .cd-view svg');
  const marks = w.page.locator('.cd-view .mark-rect path');
  expect(await marks.count()).toBe(4);
  for (let i = 0; i < 4; i++) await marks.nth(i).click({ force: true });
  expect(w.page.url()).toBe(url);
  expect(await w.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await w.page.locator('.vega-actions, style').count()).toBe(0);
  expect(w.dialogs).toEqual([]);
  expect(context.pages()).toHaveLength(1);
  await context.close();
});
