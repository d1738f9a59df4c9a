// Sharing, as another site and a search engine meet it: the bundled catalog built with a baseUrl
// (http://dashboard.citydash.test/, mapped to a loopback server by Chromium's host resolver), its
// embed snippet pasted into a page on another origin (http://news.citydash.test/), the chart
// drawn there at any iframe width; canonical, og:url, og:image and the snippet absolute; the
// sitemap written.
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startStaticServer } from '../../pipeline/site/index.ts';
import { repoRoot } from '../helpers/paths.ts';
import { CHROMIUM } from './helpers/browser.ts';
import { sharedSite } from './helpers/site-cache.ts';

const BASE = 'http://dashboard.citydash.test';
const OTHER = 'http://news.citydash.test';

let siteDir: string;
let server: Awaited<ReturnType<typeof startStaticServer>>;
let host: Server;
let hostPage = '';
let browser: Browser;

/** The bundled catalog with a baseUrl, at a path named by its content (so its build is cached like the shared one). */
async function catalogWithBaseUrl(): Promise<string> {
  const settings = (await readFile(join(repoRoot, 'citydash.yaml'), 'utf8')).replace(/^repository: /m, `baseUrl: ${BASE}/\nrepository: `);
  const dir = join(tmpdir(), `citydash-share-catalog-${createHash('sha256').update(settings).digest('hex').slice(0, 12)}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const part of ['sources', 'schemas', 'viz-specs']) await cp(join(repoRoot, part), join(dir, part), { recursive: true });
  await writeFile(join(dir, 'citydash.yaml'), settings);
  return dir;
}

beforeAll(async () => {
  siteDir = await sharedSite(await catalogWithBaseUrl());
  server = await startStaticServer({ root: siteDir, port: 0 });
  host = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(hostPage);
  });
  await new Promise<void>((ok) => host.listen(0, '127.0.0.1', ok));
  const hostPort = (host.address() as AddressInfo).port;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      `--host-resolver-rules=MAP dashboard.citydash.test 127.0.0.1:${server.port}, MAP news.citydash.test 127.0.0.1:${hostPort}`],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise<void>((ok) => (host ? host.close(() => ok()) : ok()));
});

const page = (path: string) => readFile(join(siteDir, path), 'utf8');
const unescapeHtml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

test('with a baseUrl: canonical, og:url, og:image and the embed snippet are absolute, and the sitemap lists the pages', async () => {
  const html = await page('en/charts/pm25-by-district/index.html');
  expect(html).toContain(`<link rel="canonical" href="${BASE}/en/charts/pm25-by-district/">`);
  expect(html).toContain(`<meta property="og:url" content="${BASE}/en/charts/pm25-by-district/">`);
  expect(html).toMatch(new RegExp(`<meta property="og:image" content="${BASE}/charts/pm25-by-district\\.en\\.[0-9a-f]{12}\\.png">`));
  expect(html).toMatch(new RegExp(`<code>&lt;iframe src=&quot;${BASE}/en/embed/pm25-by-district/&quot;`));
  const sitemap = await page('sitemap.xml');
  expect(sitemap).toContain(`<loc>${BASE}/ko/charts/pm25-by-district/</loc>`);
  expect(sitemap).toContain(`<loc>${BASE}/en/feedback/</loc>`);
  expect(await page('robots.txt')).toContain(`Sitemap: ${BASE}/sitemap.xml`);
});

test('the embed snippet, pasted into a page on another origin, draws the chart there, at any width', async () => {
  const html = await page('ko/charts/fine-dust-daily-trend/index.html');
  const snippet = unescapeHtml(/<pre class="embed-code"[^>]*><code>([^<]*)<\/code><\/pre>/.exec(html)![1]!);
  expect(snippet).toMatch(/^<iframe src="http:\/\/dashboard\.citydash\.test\/ko\/embed\/fine-dust-daily-trend\/" title="서울 미세먼지·초미세먼지 일별 추이" width="100%" height="\d+" style="max-width:\d+px;border:0" loading="lazy"><\/iframe>$/);
  for (const width of [1280, 600, 320]) {
    hostPage = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>뉴스</title></head><body style="margin:0"><article style="padding:8px"><p>기사 본문</p>${snippet}</article></body></html>`;
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const tab = await context.newPage();
    await tab.goto(`${OTHER}/article`);
    const frame = tab.frames().find((f) => f.url().startsWith(`${BASE}/ko/embed/fine-dust-daily-trend/`));
    await tab.waitForFunction(() => Boolean(document.querySelector('iframe')));
    const embedded = frame ?? (await (await tab.$('iframe'))!.contentFrame())!;
    // The page holds a wide and a phone layout; CSS shows the one that fits (the other has no box).
    await embedded.waitForSelector('svg[role="img"] >> visible=true');
    const got = await embedded.evaluate(() => {
      const svg = [...document.querySelectorAll('svg[role="img"]')].find((s) => s.getClientRects().length > 0)!;
      const box = svg.getBoundingClientRect();
      return {
        origin: location.origin,
        title: svg.querySelector('title')?.textContent,
        marks: svg.querySelectorAll('path').length,
        svgWidth: box.width,
        svgHeight: box.height,
        viewport: document.documentElement.clientWidth,
        scroll: document.documentElement.scrollWidth,
        sample: document.querySelector('.badge-sample')?.textContent ?? null,
      };
    });
    const iframeBox = (await tab.locator('iframe').boundingBox())!;
    expect(got.origin).toBe(BASE);
    expect(got.title).toBe('서울 미세먼지·초미세먼지 일별 추이');
    expect(got.marks).toBeGreaterThan(5);
    expect(got.sample).toBe('예시 데이터');
    // The chart fits the iframe: no sideways scroll inside it, drawn at a readable size.
    expect([width, got.scroll]).toEqual([width, got.viewport]);
    expect(got.svgWidth).toBeLessThanOrEqual(got.viewport);
    expect(got.svgWidth).toBeGreaterThan(Math.min(iframeBox.width, 600) * 0.8);
    expect(got.svgHeight).toBeGreaterThan(100);
    await context.close();
  }
});
