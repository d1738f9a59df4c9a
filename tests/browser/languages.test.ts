// Issue 12, "English complete": on every English page a reader sees no Korean that is not marked
// lang="ko" (category values, units, names and chart labels come from the catalog's translation
// tables), and Korean pages carry no English column titles or GMT dates. Read in Chromium, so
// what counts is the text the browser holds, including the charts' SVG text and both layouts.
import { readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { loadCatalog } from '../../pipeline/catalog/index.ts';
import { repoRoot } from '../helpers/paths.ts';
import { openSite, type SiteUnderTest } from './helpers/setup.ts';

let site: SiteUnderTest;
let context: BrowserContext;

beforeAll(async () => {
  site = await openSite();
  // Without JavaScript: the page as built (the interactive view draws the same translated data).
  context = await site.browser.newContext({ javaScriptEnabled: false });
});

afterAll(async () => {
  await context?.close();
  await site?.close();
});

async function pagesOf(lang: string): Promise<string[]> {
  const files = await readdir(join(site.root, lang), { recursive: true });
  return files.filter((f) => f.endsWith('index.html')).map((f) => `/${lang}/${posix.dirname(f.split('\\').join('/'))}/`.replace(/\/\.\/$/, '/'));
}

/** Reads every path in two tabs (both cores busy), returning what `probe` found on each. */
async function readAll<T>(paths: string[], probe: () => T): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  await Promise.all([0, 1].map(async (n) => {
    const tab = await context.newPage();
    for (const path of paths.filter((_, i) => i % 2 === n)) {
      await tab.goto(site.url(path));
      out.set(path, await tab.evaluate(probe));
    }
    await tab.close();
  }));
  return out;
}

test('English pages: no Hangul outside elements marked lang="ko"', async () => {
  const paths = await pagesOf('en');
  expect(paths.length).toBeGreaterThan(60);
  const found = await readAll(paths, () => {
    const hangul = /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7A3]+/g;
    const hits: string[] = [];
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (!hangul.test(text)) continue;
      hangul.lastIndex = 0;
      // JSON-LD and code are for machines (schema.org carries both names on purpose).
      if (node.parentElement?.closest('script, style, template')) continue;
      const lang = node.parentElement?.closest('[lang]')?.getAttribute('lang') ?? '';
      if (lang.startsWith('ko')) continue;
      const tag = node.parentElement?.tagName.toLowerCase() ?? '?';
      hits.push(`<${tag}> ${text.trim().slice(0, 60)}`);
    }
    return hits;
  });
  const bad = [...found].filter(([, hits]) => hits.length).map(([path, hits]) => `${path}: ${hits.length} texts, e.g. ${hits.slice(0, 3).join(' | ')}`);
  expect(bad).toEqual([]);
});

test('Korean pages: no English column titles and no GMT dates', async () => {
  const { catalog } = await loadCatalog(repoRoot);
  // English titles of columns whose Korean title differs: on a Korean page one of these is a leak.
  const english = [...new Set(catalog.datasets.flatMap((d) => Object.values(d.columns).map((c) => c.title).filter((t) => t && t.en !== t.ko && /[A-Za-z]{3}/.test(t.en)).map((t) => t!.en)))];
  expect(english.length).toBeGreaterThan(20);
  const paths = await pagesOf('ko');
  expect(paths.length).toBeGreaterThan(60);
  const found = await readAll(paths, () => ({
    headers: [...document.querySelectorAll('th, caption, dt')].map((e) => (e.textContent ?? '').replace(/[\s↕▲▼]+/g, ' ').trim()),
    gmt: /\bGMT\b|\bUTC\b/.test(document.body.innerText),
  }));
  const bad: string[] = [];
  for (const [path, { headers, gmt }] of found) {
    if (gmt) bad.push(`${path}: a GMT/UTC date`);
    for (const h of headers) if (english.includes(h)) bad.push(`${path}: English column title "${h}"`);
  }
  expect(bad).toEqual([]);
});
