// Interactivity under the strict CSP, in a normal (CSP-enforcing) browser context: the chart
// bundle loads only on chart pages and only when the chart comes into view, swaps the static SVG
// for a vega view with tooltips, zoom and gu selection, and trips no CSP rule and no console
// error; search (Pagefind) works under its own policy; the server sends the _headers rules;
// embed pages can be framed by other sites and the other pages cannot.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CSP_EMBED_HEADER, CSP_HEADER } from '../../pipeline/site/csp.ts';
import { CSP_SEARCH_HEADER, headersFile } from '../../pipeline/site/headers.ts';
import { startStaticServer } from '../../pipeline/site/static-server.ts';
import { newContext, watchedPage, type Watched } from './helpers/browser.ts';
import { openSite, type SiteUnderTest } from './helpers/setup.ts';

let site: SiteUnderTest;
let context: BrowserContext;

beforeAll(async () => {
  site = await openSite();
  context = await newContext(site.browser);
});

afterAll(async () => {
  await site?.close();
});

async function interactive(path: string): Promise<Watched & { requests: string[] }> {
  const w = await watchedPage(context);
  const requests: string[] = [];
  w.page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await w.page.goto(site.url(path));
  await w.page.waitForSelector('[data-enhanced="interactive"] .cd-view svg');
  return { ...w, requests };
}

async function clean(w: Watched): Promise<void> {
  expect(await w.violations()).toEqual([]);
  expect(w.consoleErrors).toEqual([]);
  expect(w.pageErrors).toEqual([]);
  await w.page.close();
}

async function tooltipOver(page: Page, selector: string): Promise<string> {
  const marks = page.locator(selector);
  expect(await marks.count()).toBeGreaterThan(0);
  await marks.nth(Math.floor((await marks.count()) / 2)).hover({ force: true });
  await page.waitForSelector('.cd-tooltip:not([hidden])');
  return (await page.textContent('.cd-tooltip')) ?? '';
}

test('a bar chart becomes interactive: tooltip on hover, no CSP violation, no console error, no globals', async () => {
  const w = await interactive('/ko/charts/budget-execution-rate/');
  expect(await tooltipOver(w.page, '.cd-view .mark-rect path')).toMatch(/집행률/);
  // The static SVG stays for screen readers (out of sight); the view is for pointer users.
  // One of its two layouts (the one CSS shows at this width; the other stays display: none).
  expect(await w.page.evaluate(() => Array.from(document.querySelectorAll('.chart-scroll > .chart-layout.visually-hidden > svg[role="img"]'))
    .filter((svg) => getComputedStyle(svg.parentElement!).display !== 'none').length)).toBe(1);
  expect(await w.page.getAttribute('.cd-view', 'aria-hidden')).toBe('true');
  expect(await w.page.evaluate(() => ['vega', 'vl', 'vegaEmbed', 'VEGA_DEBUG'].filter((k) => k in window))).toEqual([]);
  expect(await w.page.locator('.vega-actions, details.vega-embed, style').count()).toBe(0);
  expect(w.requests.filter((p) => /\/assets\/chart\.[0-9a-f]{12}\.js$/.test(p))).toHaveLength(1);
  expect(w.requests.filter((p) => p.endsWith('.vega.json'))).toEqual([expect.stringMatching(/^\/charts\/budget-execution-rate\.ko\.[0-9a-f]{12}\.vega\.json$/)]);
  await clean(w);
});

test('a time series zooms and pans (buttons, keys, Ctrl+wheel, drag) and resets', async () => {
  const w = await interactive('/en/charts/fine-dust-daily-trend/');
  const ticks = async () => (await w.page.locator('.cd-view .role-axis-label text').allTextContents()).sort();
  const before = await ticks();
  await w.page.click('button[data-zoom="in"]');
  await expect(w.page.textContent('.cd-status')).resolves.toMatch(/^Showing .+ – .+/);
  const zoomed = await ticks();
  expect(zoomed).not.toEqual(before);
  await w.page.focus('.chart-scroll');
  await w.page.keyboard.press('ArrowLeft');
  expect(await ticks()).not.toEqual(zoomed);
  await w.page.click('button[data-zoom="reset"]');
  expect(await ticks()).toEqual(before);
  // Pointer: Ctrl + wheel zooms around the pointer, a drag pans, double-click resets.
  const box = (await w.page.locator('.cd-view svg').boundingBox())!;
  await w.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await w.page.keyboard.down('Control');
  await w.page.mouse.wheel(0, -400);
  await w.page.keyboard.up('Control');
  const changed = (from: string[]) => w.page.waitForFunction((b) => JSON.stringify([...document.querySelectorAll('.cd-view .role-axis-label text')].map((t) => t.textContent).sort()) !== b, JSON.stringify(from));
  await changed(before);
  const wheeled = await ticks();
  await w.page.mouse.down();
  await w.page.mouse.move(box.x + box.width / 2 - 150, box.y + box.height / 2, { steps: 5 });
  await w.page.mouse.up();
  await changed(wheeled);
  await w.page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
  await w.page.waitForFunction((b) => JSON.stringify([...document.querySelectorAll('.cd-view .role-axis-label text')].map((t) => t.textContent).sort()) === b, JSON.stringify(before));
  await clean(w);
});

test('the gu map: tooltip names the gu, a click selects it and fades the others', async () => {
  const w = await interactive('/ko/charts/pm25-by-district/');
  const tip = await tooltipOver(w.page, '.cd-view .layer_1_marks path');
  expect(tip).toMatch(/구/);
  expect(tip).not.toMatch(/tile_/);
  const tiles = w.page.locator('.cd-view .layer_1_marks path');
  await tiles.nth(0).click({ force: true });
  await expect(w.page.textContent('.cd-status')).resolves.toMatch(/선택됨$/);
  const faded = await tiles.evaluateAll((els) => els.filter((e) => Number(e.getAttribute('opacity') ?? 1) < 1).length);
  expect(faded).toBe((await tiles.count()) - 1);
  await clean(w);
});

test('the chart bundle loads only on chart pages, and only when the chart comes into view', async () => {
  const w = await watchedPage(context);
  const requests: string[] = [];
  w.page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  for (const path of ['/ko/', '/ko/datasets/air-quality-daily/', '/ko/catalog/']) {
    await w.page.goto(site.url(path), { waitUntil: 'networkidle' });
    expect(await w.page.locator('script[src*="loader."]').count()).toBe(0);
  }
  expect(requests.filter((p) => /\/assets\/(chart|loader)\./.test(p))).toEqual([]);
  // Push the chart far below the fold (the page's own bytes, with more paragraphs before it).
  await w.page.route('**/ko/charts/population-trend/', async (route) => {
    const res = await route.fetch();
    const filler = '<p>.</p>'.repeat(400);
    await route.fulfill({ response: res, body: (await res.text()).replace('<figure class="chart"', `${filler}<figure class="chart"`) });
  });
  await w.page.goto(site.url('/ko/charts/population-trend/'), { waitUntil: 'networkidle' });
  expect(requests.filter((p) => /\/assets\/loader\./.test(p))).toHaveLength(1);
  expect(requests.filter((p) => /\/assets\/chart\./.test(p) || p.endsWith('.vega.json'))).toEqual([]);
  await w.page.locator('[data-chart-embed]').scrollIntoViewIfNeeded();
  await w.page.waitForSelector('[data-enhanced="interactive"]');
  expect(requests.filter((p) => /\/assets\/chart\./.test(p))).toHaveLength(1);
  await clean(w);
});

test('search: Korean and English words find pages; facets narrow them; under its own CSP', async () => {
  const w = await watchedPage(context);
  const results = async () => {
    await w.page.waitForFunction(() => document.querySelectorAll('[data-results] li').length > 0);
    return w.page.locator('[data-results] li h2').allTextContents();
  };
  await w.page.goto(site.url('/ko/search/?q=%EC%A7%80%ED%95%98%EC%B2%A0'));
  expect((await results()).some((t) => t.includes('지하철'))).toBe(true);
  await w.page.goto(site.url('/en/search/'));
  await w.page.waitForSelector('[data-search][data-ready]');
  await w.page.fill('#search-q', 'budget');
  await w.page.press('#search-q', 'Enter');
  const all = await results();
  expect(all.some((t) => /budget/i.test(t))).toBe(true);
  expect(w.page.url()).toMatch(/\?q=budget$/);
  for (const legend of ['Department', 'Area', 'Freshness', 'Kind']) expect(await w.page.locator('.search-facet legend', { hasText: legend }).count()).toBe(1);
  await w.page.locator('.search-facet', { hasText: 'Kind' }).getByLabel(/^Chart/).check();
  await w.page.waitForFunction((n) => document.querySelectorAll('[data-results] li').length < n, all.length);
  expect(await w.page.locator('[data-results] li .badge').allTextContents()).toEqual(expect.arrayContaining(['Chart']));
  expect(new Set(await w.page.locator('[data-results] li .badge').allTextContents())).toEqual(new Set(['Chart']));
  // A result link leads to its page (relative to wherever the site is mounted).
  const href = await w.page.locator('[data-results] li a').first().getAttribute('href');
  expect(href).toMatch(new RegExp(`^${site.server.url}en/charts/[a-z0-9-]+/$`));
  await clean(w);
});

test('the server sends the _headers rules: page, search, embed and file policies; / by Accept-Language', async () => {
  const head = async (path: string, headers: Record<string, string> = {}) => fetch(site.url(path), { headers, redirect: 'manual' });
  expect((await head('/ko/charts/budget-execution-rate/')).headers.get('content-security-policy')).toBe(CSP_HEADER);
  expect((await head('/en/freshness/')).headers.get('content-security-policy')).toBe(CSP_HEADER);
  expect((await head('/ko/search/')).headers.get('content-security-policy')).toBe(CSP_SEARCH_HEADER);
  expect(CSP_SEARCH_HEADER).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
  expect((await head('/en/embed/budget-execution-rate/')).headers.get('content-security-policy')).toBe(CSP_EMBED_HEADER);
  const missing = await head('/ko/no-such-page/');
  expect(missing.status).toBe(404);
  expect(missing.headers.get('content-security-policy')).toBe(CSP_HEADER);
  expect((await head('/ko/')).headers.get('x-content-type-options')).toBe('nosniff');
  expect((await head('/', { 'accept-language': 'en-US,en;q=0.9,ko;q=0.8' })).headers.get('location')).toBe('/en/');
  expect((await head('/', { 'accept-language': 'ko-KR,ko;q=0.9' })).headers.get('location')).toBe('/ko/');
  expect((await head('/', { 'accept-language': 'fr-FR,fr;q=0.9' })).headers.get('location')).toBe('/ko/');
  expect((await head('/_headers')).status).toBe(404);
  expect(await readFile(join(site.root, '_headers'), 'utf8')).toBe(headersFile());
});

test('embed pages can be framed by another site; chart pages cannot (frame-ancestors)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'citydash-embedder-'));
  const other = await startStaticServer({ root: dir, port: 0 });
  try {
    await writeFile(join(dir, 'embedder.html'), `<!doctype html><html lang="en"><title>embedder</title><iframe id="ok" src="${site.url('/en/embed/budget-execution-rate/')}" title="chart"></iframe><iframe id="no" src="${site.url('/en/charts/budget-execution-rate/')}" title="page"></iframe></html>`);
    const page = await context.newPage();
    await page.goto(`${other.url}embedder.html`, { waitUntil: 'networkidle' });
    const frames = Object.fromEntries(page.frames().map((f) => [f.url(), f]));
    const embed = frames[site.url('/en/embed/budget-execution-rate/')];
    expect(embed).toBeDefined();
    expect(await embed.locator('svg[role="img"]:visible').count()).toBe(1);
    expect(await embed.locator('.embed-link a').getAttribute('href')).toBeTruthy();
    const blocked = page.frames().find((f) => f.url().includes('/en/charts/'));
    expect(blocked ? await blocked.locator('h1').count() : 0).toBe(0);
    await page.close();
  } finally {
    await other.close();
    await rm(dir, { recursive: true, force: true });
  }
});
