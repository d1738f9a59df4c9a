// Search finds what citizens type: "fine dust" and "미세먼지" on the English search page and
// "PM2.5" on the Korean one each return the particulate-matter charts (the catalog's keywords,
// both languages indexed on every page), results show the page's own description (never a hash
// or a run of column names), and the results page fits a 360 px phone.
import type { BrowserContext } from 'playwright-core';
import { newContext } from './helpers/browser.ts';
import { openSite, type SiteUnderTest } from './helpers/setup.ts';

let site: SiteUnderTest;
let phone: BrowserContext;

beforeAll(async () => {
  site = await openSite();
  phone = await newContext(site.browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
});

afterAll(async () => {
  await site?.close();
});

const PM_CHARTS = ['fine-dust-daily-trend', 'pm25-by-district', 'pm25-monthly-heatmap'];

async function search(context: BrowserContext, lang: 'ko' | 'en', term: string) {
  const page = await context.newPage();
  await page.goto(site.url(`/${lang}/search/?q=${encodeURIComponent(term)}`));
  await page.waitForSelector('[data-search][data-ready]');
  const results = await page.$$eval('.search-results li', (items) => items.map((li) => ({
    href: li.querySelector('a')?.getAttribute('href') ?? '',
    title: li.querySelector('a')?.textContent ?? '',
    excerpt: li.querySelector('.search-excerpt')?.textContent ?? '',
    marks: [...li.querySelectorAll('.search-excerpt mark')].map((m) => m.textContent),
  })));
  const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
  await page.close();
  return { results, width };
}

const chartsIn = (results: Array<{ href: string }>, lang: string) =>
  results.map((r) => new URL(r.href).pathname).filter((p) => p.startsWith(`/${lang}/charts/`)).map((p) => p.split('/')[3]);

test.each([
  ['en', 'fine dust'],
  ['en', '미세먼지'],
  ['ko', 'PM2.5'],
  ['ko', 'fine dust'],
  ['en', 'PM2.5'],
  ['ko', '미세먼지'],
] as const)('%s search for "%s" returns the particulate-matter charts, in that language', async (lang, term) => {
  const { results } = await search(phone, lang, term);
  expect(chartsIn(results, lang)).toEqual(expect.arrayContaining(PM_CHARTS));
  // Every result is a page of this language.
  expect(results.every((r) => new URL(r.href).pathname.startsWith(`/${lang}/`))).toBe(true);
});

test('excerpts are the pages\' own descriptions, with the searched words marked, never hashes or column-name runs', async () => {
  const { results } = await search(phone, 'ko', 'PM2.5');
  expect(results.length).toBeGreaterThanOrEqual(PM_CHARTS.length);
  for (const r of results) {
    expect(r.excerpt.length).toBeGreaterThan(20);
    expect(r.excerpt).not.toMatch(/[0-9a-f]{32}|NameTitle|이름제목|sha256/i);
  }
  const byDistrict = results.find((r) => r.href.endsWith('/ko/charts/pm25-by-district/'))!;
  expect(byDistrict.excerpt.startsWith('최근 한 달 동안 각 자치구 도시대기 측정소에서 잰 초미세먼지(PM2.5)')).toBe(true);
  expect(byDistrict.marks).toContain('PM2.5');
});

test('the results page fits a 360 px phone, in both languages', async () => {
  for (const [lang, term] of [['ko', '미세먼지'], ['en', 'fine dust'], ['ko', '서울']] as const) {
    const { results, width } = await search(phone, lang, term);
    expect(results.length).toBeGreaterThan(0);
    expect([lang, term, width.scroll]).toEqual([lang, term, width.inner]);
  }
});
