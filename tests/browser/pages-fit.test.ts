// Every page type at a phone's 360×740 and a desktop's 1280×800, in Korean and English, with and
// without JavaScript: the page never scrolls sideways; a table wider than its box scrolls inside
// a labelled, focusable region; no table is cut without a way to see every row (all rows in the
// page, or a "show all" button that shows them); and sorting works from the keyboard with
// aria-sort saying the order. Home is a grid of cards from about 1024 px. Every chart page, too:
// the chart and its legend lie inside the viewport (static SVG without JavaScript, the interactive
// view with it), drawn at no less than 3/4 of its size, in the layout made for that width.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { newContext } from './helpers/browser.ts';
import { openSite, PAGE_TYPES, type SiteUnderTest } from './helpers/setup.ts';

let site: SiteUnderTest;
/** Every chart page of the built site, both languages. */
let chartPaths: string[] = [];

beforeAll(async () => {
  site = await openSite();
  const ids = (await readdir(join(site.root, 'ko', 'charts'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  chartPaths = ['ko', 'en'].flatMap((lang) => ids.map((id) => `/${lang}/charts/${id}/`));
});

afterAll(async () => {
  await site?.close();
});

/** Page types, plus the three chart kinds (map, time series, ranking), a derived dataset and an embed. */
const PATHS = ['ko', 'en'].flatMap((lang) => [
  ...Object.values(PAGE_TYPES).map((p) => `/${lang}/${p}`),
  `/${lang}/charts/pm25-by-district/`,
  `/${lang}/charts/busiest-subway-stations/`,
  `/${lang}/datasets/air-quality-monthly-by-gu/`,
  `/${lang}/embed/fine-dust-daily-trend/`,
]);

interface TableFacts {
  caption: string;
  rows: number;
  visibleRows: number;
  declared: number | null;
  toggle: { expanded: string | null; controls: string | null } | null;
  tableWidth: number;
  boxWidth: number;
  scrollable: boolean;
  region: boolean;
  focusable: boolean;
  labelled: boolean;
}

/** What a reader can reach of each table on the page. */
function tablesOf(page: Page): Promise<TableFacts[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll('main table')).map((table) => {
    const box = table.closest('.table-scroll') as HTMLElement | null;
    const rows = Array.from(table.querySelectorAll('tbody tr')) as HTMLElement[];
    const toggle = table.id ? document.querySelector(`button[aria-controls="${table.id}"]`) : null;
    const labelledBy = box?.getAttribute('aria-labelledby');
    return {
      caption: table.querySelector('caption')?.textContent?.trim() ?? '',
      rows: rows.length,
      visibleRows: rows.filter((r) => r.getClientRects().length > 0).length,
      declared: table.hasAttribute('data-rows') ? Number(table.getAttribute('data-rows')) : null,
      toggle: toggle ? { expanded: toggle.getAttribute('aria-expanded'), controls: toggle.getAttribute('aria-controls') } : null,
      tableWidth: table.getBoundingClientRect().width,
      boxWidth: (box ?? table.parentElement!).clientWidth,
      scrollable: box ? getComputedStyle(box).overflowX === 'auto' && box.scrollWidth >= table.getBoundingClientRect().width - 1 : false,
      region: box?.getAttribute('role') === 'region',
      focusable: box?.tabIndex === 0,
      labelled: Boolean(labelledBy && document.getElementById(labelledBy)?.textContent?.trim()),
    };
  }));
}

interface ChartFacts {
  /** Static layouts a reader (and a screen reader) is shown: wide, narrow, or the only one. */
  shown: string[];
  /** What is drawn: the interactive view once it is there, else the static SVG shown. */
  drawn: { left: number; right: number; scale: number; kind: string } | null;
  enhanced: string | null;
  /** The static SVG of the layout shown is still an image with a title for screen readers. */
  staticImage: boolean;
}

/** Where the chart of a chart page is drawn, and at what scale of its own size. */
function chartOf(page: Page): Promise<ChartFacts | null> {
  return page.evaluate(() => {
    const host = document.querySelector<HTMLElement>('[data-chart-embed]');
    if (!host) return null;
    const visible = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).display !== 'none';
    const layouts = Array.from(host.querySelectorAll(':scope > .chart-layout'));
    const shownLayouts = layouts.length ? layouts.filter(visible) : [host];
    const shown = layouts.length ? shownLayouts.map((el) => (el.classList.contains('chart-narrow') ? 'narrow' : 'wide')) : ['only'];
    const staticSvg = shownLayouts[0]?.querySelector(':scope > svg');
    const staticImage = staticSvg?.getAttribute('role') === 'img' && Boolean(staticSvg.querySelector(':scope > title')?.textContent?.trim());
    const view = host.querySelector('.cd-view svg');
    const svg = view && visible(view) ? view : Array.from(host.querySelectorAll(':scope > svg, :scope > .chart-layout > svg')).find(visible);
    if (!svg) return { shown, drawn: null, enhanced: host.dataset.enhanced ?? null, staticImage };
    const r = svg.getBoundingClientRect();
    const own = Number(svg.getAttribute('width')) || r.width;
    return { shown, drawn: { left: r.left, right: r.right, scale: r.width / own, kind: view === svg ? 'interactive' : 'static' }, enhanced: host.dataset.enhanced ?? null, staticImage };
  });
}

/** Every path to judge, once each (the listed chart pages are also among every chart page). */
const allPaths = () => [...new Set([...PATHS, ...chartPaths])];

/** How many pages of one context load at once: the test mostly waits on the browser. */
const PAGES_AT_ONCE = 2;

async function check(context: BrowserContext, js: boolean): Promise<string[]> {
  const paths = allPaths();
  const found: string[][] = paths.map(() => []);
  let next = 0;
  const pages = await Promise.all(Array.from({ length: PAGES_AT_ONCE }, () => context.newPage()));
  await Promise.all(pages.map(async (page) => {
    for (let i = next++; i < paths.length; i = next++) found[i] = await checkPath(page, paths[i]!, js);
  }));
  await Promise.all(pages.map((page) => page.close()));
  // in the order of the paths, whatever page judged each
  return found.flat();
}

async function checkPath(page: Page, path: string, js: boolean): Promise<string[]> {
  const problems: string[] = [];
  await page.goto(site.url(path));
  const where = `${path} (${page.viewportSize()!.width} px, ${js ? 'JS' : 'no JS'})`;
  const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, body: document.body.scrollWidth, inner: innerWidth }));
  if (m.scroll > m.inner || m.body > m.inner) problems.push(`${where}: the page scrolls sideways ${JSON.stringify(m)}`);
  if (/\/charts\//.test(path)) {
    // With JavaScript, the interactive view replaces the static chart when it comes into view.
    if (js) await page.waitForSelector('[data-chart-embed][data-enhanced="interactive"], [data-chart-embed][data-enhanced="failed"]', { timeout: 60_000 }).catch(() => undefined);
    const c = await chartOf(page);
    const inner = m.inner;
    if (!c?.drawn) problems.push(`${where}: no chart drawn`);
    else {
      if (c.drawn.left < 0 || c.drawn.right > inner + 0.5) problems.push(`${where}: the ${c.drawn.kind} chart lies outside the viewport (${Math.round(c.drawn.left)}–${Math.round(c.drawn.right)} px of ${inner})`);
      if (c.drawn.scale < 0.75) problems.push(`${where}: the ${c.drawn.kind} chart is shrunk to ${Math.round(c.drawn.scale * 100)}% of its size`);
      if (js && c.enhanced !== 'interactive') problems.push(`${where}: the interactive view did not load (${c.enhanced})`);
    }
    if (c && !c.staticImage) problems.push(`${where}: the static chart shown is not an image with a title (role="img", <title>)`);
    if (c && c.shown.length !== 1) problems.push(`${where}: ${c.shown.length} chart layouts shown (${c.shown.join(', ')})`);
    const expected = inner < 768 ? 'narrow' : 'wide';
    if (c && c.shown[0] !== 'only' && c.shown[0] !== expected) problems.push(`${where}: the ${c.shown[0]} layout is shown at ${inner} px`);
  }
  for (const t of await tablesOf(page)) {
    const name = `${where} table "${t.caption.slice(0, 40)}"`;
    if (t.tableWidth > t.boxWidth + 1 && !(t.scrollable && t.region && t.focusable && t.labelled)) problems.push(`${name}: ${t.tableWidth} px wide in ${t.boxWidth} px with no labelled, focusable scroll region`);
    if (t.declared !== null && t.rows !== t.declared) problems.push(`${name}: ${t.rows} of ${t.declared} rows in the page`);
    if (t.visibleRows < t.rows && !(t.toggle && t.toggle.expanded === 'false')) problems.push(`${name}: ${t.rows - t.visibleRows} rows hidden with no button to show them`);
    if (!js && t.visibleRows < t.rows) problems.push(`${name}: rows hidden without JavaScript`);
  }
  return problems;
}

const SIZES = [{ width: 360, height: 740 }, { width: 1280, height: 800 }];

test('at 360 and 1280 px, ko and en, with and without JavaScript: no sideways page scroll, no table cut', async () => {
  // The four contexts are independent, so they load their pages at the same time in the one browser.
  const problems = await Promise.all(SIZES.flatMap((viewport) => [true, false].map(async (js) => {
    const phone = viewport.width < 500;
    const context = await newContext(site.browser, { viewport, javaScriptEnabled: js, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
    try {
      return await check(context, js);
    } finally {
      await context.close();
    }
  })));
  expect(problems.flat()).toEqual([]);
});

test('a long table shows its first rows and a button for the rest; every row after it; sorting by keyboard says the order', async () => {
  const context = await newContext(site.browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(site.url('/en/charts/pm25-by-district/'));
  const table = page.locator('table.data-table');
  await page.waitForSelector('table.data-table[data-enhanced="sortable"]');
  // The map's table has all 25 gu: 12 shown, the rest behind the button.
  expect(await table.getAttribute('data-rows')).toBe('25');
  const visible = () => table.locator('tbody tr:visible').count();
  expect(await visible()).toBe(12);
  const toggle = page.locator(`button[aria-controls="${await table.getAttribute('id')}"]`);
  expect(await toggle.textContent()).toBe('Show all 25 rows');
  await toggle.focus();
  await page.keyboard.press('Enter');
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  expect(await visible()).toBe(25);

  // PM2.5 column, by its header button, with the keyboard.
  const header = table.locator('thead th', { hasText: 'PM2.5' });
  const values = async () => (await table.locator('tbody tr').evaluateAll((rows, i) => rows.map((r) => Number((r as HTMLTableRowElement).cells[i]!.getAttribute('data-sort'))), await header.evaluate((th) => (th as HTMLTableCellElement).cellIndex)));
  await header.locator('button').focus();
  await page.keyboard.press('Enter');
  expect(await header.getAttribute('aria-sort')).toBe('ascending');
  const up = await values();
  expect(up).toEqual([...up].sort((a, b) => a - b));
  await page.keyboard.press('Enter');
  expect(await header.getAttribute('aria-sort')).toBe('descending');
  const down = await values();
  expect(down).toEqual([...down].sort((a, b) => b - a));
  expect(await table.locator('thead th[aria-sort]').count()).toBe(1);
  expect(await page.locator('.table-scroll + p[role="status"]').textContent()).toMatch(/^Sorted by PM2\.5.*descending$/);
  await context.close();
});

test('home is a dashboard: one column on a phone, three from 1280 px, each card with its number, sparkline and data date; late data first', async () => {
  for (const [viewport, columns] of [[{ width: 360, height: 740 }, 1], [{ width: 1280, height: 800 }, 3]] as const) {
    const context = await newContext(site.browser, { viewport });
    const page = await context.newPage();
    await page.goto(site.url('/en/'));
    const cards = await page.locator('.cards > .card').evaluateAll((els) => els.map((el) => ({
      left: Math.round(el.getBoundingClientRect().left),
      value: el.querySelector('.card-value .value')?.textContent ?? '',
      spark: el.querySelectorAll('svg.sparkline polyline').length,
      date: el.querySelector('.card-date')?.textContent ?? '',
      late: el.classList.contains('card-late'),
    })));
    expect(cards.length).toBeGreaterThanOrEqual(6);
    expect(new Set(cards.map((c) => c.left)).size).toBe(columns);
    for (const c of cards) {
      expect(c.value).toMatch(/\d/);
      expect(c.spark).toBe(1);
      expect(c.date).toMatch(/^Data as of /);
    }
    // Late cards lead.
    const firstOnTime = cards.findIndex((c) => !c.late);
    expect(cards.slice(firstOnTime).some((c) => c.late)).toBe(false);
    await context.close();
  }
});

test('pointer-only hints ("hover over a mark", "Ctrl and scroll") show on a desktop, not on a phone; the keyboard hint shows on both', async () => {
  for (const [viewport, phone] of [[{ width: 360, height: 740 }, true], [{ width: 1280, height: 800 }, false]] as const) {
    const context = await newContext(site.browser, { viewport, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
    const page = await context.newPage();
    await page.goto(site.url('/en/charts/fine-dust-daily-trend/'));
    await page.waitForSelector('.cd-controls');
    const hints = await page.locator('.cd-hint').evaluateAll((els) => els.map((el) => ({ text: el.textContent ?? '', shown: el.getClientRects().length > 0 })));
    const shown = (re: RegExp) => hints.find((h) => re.test(h.text))?.shown;
    expect(shown(/^Hover over a mark/)).toBe(!phone);
    expect(shown(/Ctrl \(⌘\) and scroll/)).toBe(!phone);
    expect(shown(/^Zoom with the buttons/)).toBe(true);
    await context.close();
  }
});
