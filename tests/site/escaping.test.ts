// A dataset and chart whose titles, descriptions, department, column titles, units, values, SQL,
// source and validation messages carry XSS and template-injection payloads: one real build,
// then the payloads must appear as text and nothing they carry may become markup.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { memoryLogger } from '../../pipeline/log.ts';
import { buildSite } from '../../pipeline/site/build.ts';
import { assembleSiteModel, type SiteModel } from '../../pipeline/site/model.ts';
import { makeFixture, XSS_IMG, XSS_SCRIPT, type Fixture } from './fixture.ts';
import { listFiles, sitePath, tags } from './html.ts';

const ESC_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';
const ESC_IMG = '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;';
const ESC_ALL = `${ESC_SCRIPT} ${ESC_IMG} {{ 7*7 }} {% raw %}`;

let fx: Fixture;
let model: SiteModel;
let out: string;
let log: ReturnType<typeof memoryLogger>;
const html = new Map<string, string>();
const page = (path: string) => html.get(path) ?? '';

beforeAll(async () => {
  fx = await makeFixture({ xss: true, baseUrl: 'https://data.example.kr/dash/' });
  fx.input.freshness = { datasets: { 'xss-data': { status: 'overdue', lastChange: '2024-10-31', nextDue: '2024-11-01', text: { ko: XSS_SCRIPT } } } };
  log = memoryLogger();
  model = await assembleSiteModel(fx.catalog, fx.input, log);
  out = join(fx.dir, 'site');
  await buildSite(model, { outDir: out, rowsPath: fx.input.rowsPath, rendered: fx.input.rendered }, { fetch: globalThis.fetch, now: () => new Date(), log, env: {} });
  for (const f of await listFiles(out)) if (/\.(html|xml|txt)$/.test(f)) html.set(sitePath(out, f), await readFile(f, 'utf8'));
});

afterAll(async () => {
  if (fx) await rm(fx.dir, { recursive: true, force: true });
});

/** The only scripts a page may carry: our own bundle from /assets/, and JSON-LD (data, never run). */
function isOwnScript(t: { attrs: Record<string, string> }): boolean {
  if (t.attrs.type === 'application/ld+json') return true;
  return t.attrs.type === 'module' && /^(\.\.\/)*(\/)?assets\/[\w.-]+\.js$/.test(t.attrs.src ?? '');
}

test('no page carries a script element but our own, an event handler or a javascript: URL', () => {
  expect(html.size).toBeGreaterThan(40);
  for (const [path, text] of html) {
    if (!path.endsWith('.html')) continue;
    const all = tags(text);
    expect(all.filter((t) => t.name === 'script' && !isOwnScript(t) || t.name === 'img' && t.attrs.src === 'x').map((t) => `${path}: ${t.raw}`)).toEqual([]);
    expect(all.filter((t) => Object.keys(t.attrs).some((a) => a.startsWith('on'))).map((t) => `${path}: ${t.raw}`)).toEqual([]);
    expect(all.filter((t) => Object.values(t.attrs).some((v) => /^\s*javascript:/i.test(v))).map((t) => `${path}: ${t.raw}`)).toEqual([]);
    expect(text.replace(/<script type="module" src="[^"]*assets\/[^"]*\.js"><\/script>|<script type="application\/ld\+json">[^<]*<\/script>/g, '')).not.toContain('<script');
    expect(text).not.toContain('<img src=x');
  }
});

test('payloads in titles, descriptions and department appear as escaped text, templates unevaluated', () => {
  for (const lang of ['ko', 'en'] as const) {
    const chart = page(`${lang}/charts/xss-chart/index.html`);
    const word = lang === 'ko' ? '차트' : 'Chart';
    expect(chart).toContain(`<h1>${word} ${ESC_ALL}</h1>`);
    expect(chart).toContain(`<title>${word} ${ESC_ALL} · `);
    expect(chart).toContain(`<p class="lede" data-pagefind-meta="description">${ESC_ALL}</p>`);
    expect(chart).toContain(`<meta name="description" content="${ESC_ALL}">`);
    expect(chart).toContain(`<dd>${ESC_ALL}</dd>`); // department and proposedBy
    expect(chart).not.toMatch(/Chart [^<]*49|차트 [^<]*49/);
    const ds = page(`${lang}/datasets/xss-data/index.html`);
    expect(ds).toContain(`<p class="lede" data-pagefind-meta="description">${ESC_ALL}</p>`);
    expect(ds).toContain(`<dd>${ESC_ALL}</dd>`);
    expect(ds).toContain(`<dd>${ESC_SCRIPT}</dd>`); // licence id that is not a licence: text, no link
    expect(ds).toContain(`<code class="break">${ESC_ALL}</code>`); // fetch source
    expect(ds).toContain(`<code class="break">${ESC_IMG}</code>`); // etag
  }
  // The home card and catalog list the chart and dataset by their (escaped) titles.
  expect(page('en/index.html')).toContain(`>Chart ${ESC_ALL}</a>`);
  expect(page('ko/catalog/index.html')).toContain(`>위험 ${ESC_ALL}</a>`);
  expect(page('ko/catalog/index.html')).toContain(`<h3 id="dep-xss-dept">${ESC_ALL}</h3>`);
});

test('payloads in column titles, units, values, SQL and validation messages appear as text', () => {
  const ko = page('ko/charts/xss-chart/index.html');
  expect(ko).toContain(`<th scope="col" class="t-integer" data-sort-type="number">${ESC_SCRIPT}</th>`);
  expect(ko).toContain(`<th scope="col" class="t-number" data-sort-type="number">value <span class="unit">(${ESC_IMG})</span></th>`);
  expect(ko).toContain(`<td class="t-string">${ESC_SCRIPT}</td>`);
  expect(ko).toContain(`<td class="t-string">${ESC_IMG}</td>`);
  expect(ko).toContain('<td class="t-string">{{ 7*7 }} {% raw %}</td>');
  // Years (primary key) are shown without digit grouping.
  expect(ko).toContain('<th scope="row" class="t-integer" data-sort="2023">2023</th>');
  const en = page('en/datasets/xss-data/index.html');
  expect(en).toContain(`<td>${ESC_IMG}</td>`); // column title in English
  expect(en).toContain('<td>{{ 7*7 }} {% raw %}</td>'); // column description
  expect(en).toContain(`<pre tabindex="0"><code>SELECT &#39;${ESC_SCRIPT}&#39; AS label -- {{ 7*7 }} {% raw %}</code></pre>`);
  expect(en).toContain(`<tr><th scope="row">${ESC_SCRIPT}</th><td><code>label</code></td><td class="t-integer">1</td><td><q>${ESC_ALL}</q> <span class="note">${ESC_IMG}</span></td></tr>`);
  // The home card shows the value and a unit that is text.
  expect(page('en/index.html')).toContain(`<span class="value">-3</span> <span class="unit">${ESC_IMG}</span>`);
});

test('a freshness status from the cycle is shown as text on the dataset page', () => {
  expect(page('ko/datasets/xss-data/index.html')).toContain(`<dd class="status status-overdue">${ESC_SCRIPT}</dd>`);
  expect(page('en/datasets/xss-data/index.html')).toContain('<dd class="status status-overdue">overdue</dd>');
  expect(page('en/datasets/air-quality-daily/index.html')).not.toContain('class="status');
});

test('embed code is shown as text, with the title escaped inside the snippet', () => {
  const en = page('en/charts/xss-chart/index.html');
  expect(en).toContain('<code>&lt;iframe src=&quot;https://data.example.kr/dash/en/embed/xss-chart/&quot; title=&quot;Chart &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; &amp;quot;&amp;gt;&amp;lt;img src=x onerror=alert(1)&amp;gt; {{ 7*7 }} {% raw %}&quot;');
});

test('a homepage that is not http(s) is not linked; feedback links are URL-encoded', () => {
  const ko = page('ko/datasets/xss-data/index.html');
  expect(ko).not.toContain('javascript:');
  const feedback = tags(ko).find((t) => t.name === 'a' && t.attrs.href.startsWith('https://github.com/example/citydash/issues/new'));
  const url = new URL(feedback!.attrs.href);
  expect(url.searchParams.get('title')).toBe(`[의견] 데이터셋 xss-data: 위험 ${XSS_SCRIPT} ${XSS_IMG} {{ 7*7 }} {% raw %}`);
  expect(url.searchParams.get('labels')).toBe('feedback,dataset:xss-data');
  // The cycle named is the one of the data's last change (freshness lastChange 2024-10-31); the
  // date is the day the data reaches, here (rows without dates) the day it was fetched.
  expect(url.searchParams.get('body')).toBe('(여기에 의견을 적어 주세요)\n\n\n---\n데이터셋 Dataset: xss-data\n데이터 기준일 Data date: 2024-11-29\n주기 Cycle: 2024-10-31T0000Z\n페이지 Page: https://data.example.kr/dash/ko/datasets/xss-data/');
});

test('an SVG that fails the inline check is shown through <img>, never inlined', () => {
  for (const lang of ['ko', 'en']) {
    const text = page(`${lang}/charts/xss-evil-svg/index.html`);
    const img = tags(text).find((t) => t.name === 'img');
    expect(img?.attrs.src).toMatch(new RegExp(`^\\.\\./\\.\\./\\.\\./charts/xss-evil-svg\\.${lang}\\.[0-9a-f]{12}\\.svg$`));
    expect(img?.attrs.alt).toContain(lang === 'ko' ? '나쁜 SVG' : 'Bad SVG');
    expect(existsSync(join(out, `${lang}/charts/xss-evil-svg/${img!.attrs.src}`))).toBe(true);
    expect(text).not.toContain('<text onclick');
  }
  expect(log.lines.filter((l) => l.includes('xss-evil-svg') && l.includes('not inlined'))).toHaveLength(2);
});

test('with a baseUrl: absolute canonical and hreflang links, a sitemap and robots pointing at it', () => {
  const ko = tags(page('ko/charts/pm10-daily/index.html'));
  const links = Object.fromEntries(ko.filter((t) => t.name === 'link' && (t.attrs.rel === 'canonical' || t.attrs.rel === 'alternate')).map((t) => [t.attrs.hreflang ?? 'canonical', t.attrs.href]));
  expect(links).toEqual({
    canonical: 'https://data.example.kr/dash/ko/charts/pm10-daily/',
    ko: 'https://data.example.kr/dash/ko/charts/pm10-daily/',
    en: 'https://data.example.kr/dash/en/charts/pm10-daily/',
    'x-default': 'https://data.example.kr/dash/',
  });
  const sitemap = page('sitemap.xml');
  expect(sitemap.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  expect(sitemap).toContain('<loc>https://data.example.kr/dash/en/datasets/xss-data/</loc>');
  expect(sitemap).not.toContain('/embed/');
  expect(sitemap).toContain('<loc>https://data.example.kr/dash/ko/search/</loc>');
  expect(sitemap).toContain('<loc>https://data.example.kr/dash/ko/freshness/</loc>'); // the fixture has freshness
  expect(page('robots.txt')).toContain('Sitemap: https://data.example.kr/dash/sitemap.xml');
});
