// One real Eleventy build of the fixture catalog, then assertions over every page and file.
import { jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { memoryLogger } from '../../pipeline/log.ts';
import { buildSite, SiteOutputError, SITE_TEMPLATES } from '../../pipeline/site/build.ts';
import { templatesWithoutData } from '../../pipeline/site/eleventy.ts';
import { pageList } from '../../pipeline/site/pages.ts';
import { CSP_EMBED_HEADER, CSP_HEADER, CSP_META } from '../../pipeline/site/csp.ts';
import { CSP_SEARCH_META } from '../../pipeline/site/headers.ts';
import { assembleSiteModel, type SiteModel } from '../../pipeline/site/model.ts';
import type { Effects } from '../../pipeline/types.ts';
import { makeFixture, type Fixture } from './fixture.ts';
import { listFiles, resolveLink, sitePath, tags } from './html.ts';


let fx: Fixture;
let model: SiteModel;
let out: string;
let result: { pages: number; files: number };
let log: ReturnType<typeof memoryLogger>;
let html: Map<string, string>;
const printed: string[] = [];

function effects(): Effects {
  return { fetch: globalThis.fetch, now: () => new Date('2024-11-28T21:05:00Z'), log, env: {} };
}
const page = (path: string) => {
  const text = html.get(path);
  if (text === undefined) throw new Error(`no page ${path}`);
  return text;
};
const mainOf = (path: string) => page(path).split('<main')[1].split('</main>')[0];

beforeAll(async () => {
  fx = await makeFixture();
  log = memoryLogger();
  model = await assembleSiteModel(fx.catalog, fx.input, log);
  out = join(fx.dir, 'dist', 'site');
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((k) => jest.spyOn(console, k).mockImplementation((...a: unknown[]) => void printed.push(`console.${k}: ${a.map(String).join(' ')}`)));
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    printed.push(`stdout: ${String(chunk)}`);
    return true;
  });
  try {
    result = await buildSite(model, { outDir: out, rowsPath: fx.input.rowsPath, rendered: fx.input.rendered }, effects());
  } finally {
    spies.forEach((s) => s.mockRestore());
    stdout.mockRestore();
  }
  html = new Map();
  for (const f of await listFiles(out)) if (f.endsWith('.html')) html.set(sitePath(out, f), await readFile(f, 'utf8'));
});

afterAll(async () => {
  if (fx) await rm(fx.dir, { recursive: true, force: true });
});

test('builds home, catalog, about, every chart, embed and dataset page in both languages', () => {
  const expected = ['index.html', '404.html'];
  for (const lang of ['ko', 'en']) {
    expected.push(`${lang}/index.html`, `${lang}/catalog/index.html`, `${lang}/about/index.html`, `${lang}/search/index.html`);
    for (const c of fx.catalog.charts) expected.push(`${lang}/charts/${c.id}/index.html`, `${lang}/embed/${c.id}/index.html`);
    for (const d of fx.catalog.datasets) expected.push(`${lang}/datasets/${d.id}/index.html`);
  }
  expect([...html.keys()].sort()).toEqual(expected.sort());
  expect(result.pages).toBe(expected.length);
  expect(result.files).toBeGreaterThan(expected.length);
  expect(existsSync(join(out, 'robots.txt'))).toBe(true);
  // No baseUrl in this catalog: no sitemap (it needs absolute URLs).
  expect(existsSync(join(out, 'sitemap.xml'))).toBe(false);
});

test('Eleventy stays quiet: nothing on the console or stdout', () => {
  expect(printed).toEqual([]);
  expect(log.lines.filter((l) => /11ty/.test(l))).toEqual([]);
});

test('every page declares its language and links the same page in the other language', () => {
  for (const [path, text] of html) {
    const lang = path.split('/')[0];
    if (lang !== 'ko' && lang !== 'en') continue;
    expect(text).toContain(`<html lang="${lang}">`);
    // Embed pages live inside someone else's page, which chose the language.
    if (path.includes('/embed/')) continue;
    const other = lang === 'ko' ? 'en' : 'ko';
    const twin = `${other}/${path.slice(3)}`;
    expect(html.has(twin)).toBe(true);
    const all = tags(text);
    const switchLink = all.find((t) => t.name === 'a' && t.attrs.hreflang === other);
    expect(switchLink).toBeDefined();
    expect(switchLink!.attrs.lang).toBe(other);
    expect(sitePath(out, resolveLink(out, join(out, path), switchLink!.attrs.href)!.path)).toBe(twin);
    const alternates = all.filter((t) => t.name === 'link' && t.attrs.rel === 'alternate').map((t) => t.attrs.hreflang);
    expect(alternates.sort()).toEqual(['en', 'ko', 'x-default']);
    // No baseUrl in this catalog: a canonical link would only say `./`, so there is none.
    expect(all.some((t) => t.name === 'link' && t.attrs.rel === 'canonical')).toBe(false);
  }
});

test('every internal link, image, stylesheet and download on every page resolves to a file', async () => {
  const broken: string[] = [];
  let checked = 0;
  for (const [path, text] of html) {
    const file = join(out, path);
    for (const t of tags(text)) {
      for (const attr of ['href', 'src']) {
        const value = t.attrs[attr];
        if (value === undefined) continue;
        const target = resolveLink(out, file, value);
        if (!target) continue;
        checked++;
        if (!existsSync(target.path)) {
          broken.push(`${path}: ${attr}="${value}"`);
          continue;
        }
        if (target.fragment && target.path.endsWith('.html')) {
          const targetHtml = target.path === file ? text : await readFile(target.path, 'utf8');
          if (!tags(targetHtml).some((x) => x.attrs.id === target.fragment)) broken.push(`${path}: ${attr}="${value}" (no #${target.fragment})`);
        }
      }
    }
  }
  expect(broken).toEqual([]);
  expect(checked).toBeGreaterThan(400);
});

test('CSP meta on every page; no inline script, style attribute or style element; nothing loaded from elsewhere', () => {
  for (const [path, text] of html) {
    const all = tags(text);
    const csp = all.find((t) => t.name === 'meta' && t.attrs['http-equiv'] === 'Content-Security-Policy');
    expect(csp).toBeDefined();
    // Search runs Pagefind's WebAssembly: that page alone adds 'wasm-unsafe-eval' (never 'unsafe-eval').
    expect(csp!.attrs.content).toBe(/\/search\//.test(path) ? CSP_SEARCH_META : CSP_META);
    // Scripts: only our own bundle from /assets/, and JSON-LD (data that is never run).
    const foreign = (t: (typeof all)[number]) =>
      t.name === 'style' || t.name === 'script' && !(t.attrs.type === 'application/ld+json' || t.attrs.type === 'module' && /^(\.\.\/)*assets\/[\w.-]+\.js$/.test(t.attrs.src ?? ''));
    expect(all.filter(foreign).map((t) => `${path}: ${t.raw}`)).toEqual([]);
    expect(all.filter((t) => 'style' in t.attrs || Object.keys(t.attrs).some((a) => a.startsWith('on'))).map((t) => `${path}: ${t.raw}`)).toEqual([]);
    for (const t of all) {
      if (t.name === 'img' || t.name === 'iframe') expect(t.attrs.src).not.toMatch(/^(https?:)?\/\//);
      if (t.name === 'link' && /stylesheet|icon|preload/.test(t.attrs.rel ?? '')) expect(t.attrs.href).not.toMatch(/^(https?:)?\/\//);
    }
  }
});

test('the CSP: strict in the page; frame-ancestors only in the header (browsers ignore it in <meta>)', () => {
  expect(CSP_META).toBe("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'");
  expect(CSP_HEADER).toBe(`${CSP_META}; frame-ancestors 'self'`);
  expect(CSP_EMBED_HEADER).not.toContain('frame-ancestors');
  for (const policy of [CSP_META, CSP_HEADER]) expect(policy).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
});

test('skip link, landmarks and breadcrumbs on every language page', () => {
  for (const [path, text] of html) {
    if (!/^(ko|en)\//.test(path) || path.includes('/embed/')) continue;
    const all = tags(text);
    expect(all[all.findIndex((t) => t.name === 'body') + 1]).toMatchObject({ name: 'a', attrs: { class: 'skip-link', href: '#main' } });
    for (const landmark of ['header', 'nav', 'main', 'footer']) expect(all.some((t) => t.name === landmark)).toBe(true);
    expect(all.find((t) => t.name === 'main')!.attrs.id).toBe('main');
    if (path.split('/').length > 2) expect(all.some((t) => t.name === 'nav' && /breadcrumbs/.test(t.attrs.class ?? ''))).toBe(true);
  }
});

test('sample data is labelled on every page that shows it, and only there', () => {
  const banner = { ko: '예시 데이터', en: 'Sample data' };
  for (const lang of ['ko', 'en'] as const) {
    for (const p of [`${lang}/index.html`, `${lang}/charts/pm10-daily/index.html`, `${lang}/charts/pm25-by-district/index.html`, `${lang}/datasets/air-quality-daily/index.html`, `${lang}/datasets/air-quality-monthly-by-gu/index.html`]) {
      expect(mainOf(p)).toContain('banner-sample');
      expect(mainOf(p)).toContain(banner[lang]);
    }
    expect(page(`${lang}/embed/pm10-daily/index.html`)).toContain(banner[lang]);
    expect(mainOf(`${lang}/charts/subway-riders/index.html`)).not.toContain('banner-sample');
    expect(mainOf(`${lang}/datasets/subway-ridership/index.html`)).not.toContain('banner-sample');
  }
});

test('a stale dataset says since when it is delayed, on its pages and on home', () => {
  expect(mainOf('ko/datasets/subway-ridership/index.html')).toContain('2024년 11월 22일 06:00 이후 지연');
  expect(mainOf('en/datasets/subway-ridership/index.html')).toContain('Delayed since 22 November 2024 at 06:00 KST');
  expect(mainOf('en/datasets/subway-ridership/index.html')).toContain('HTTP 500 from openapi.seoul.go.kr');
  expect(mainOf('en/charts/subway-riders/index.html')).toContain('Subway ridership: delayed since 22 November 2024');
  expect(mainOf('ko/index.html')).toContain('지연된 데이터');
  expect(mainOf('en/datasets/air-quality-daily/index.html')).not.toContain('banner-stale');
});

test('home: a dashboard of cards that name measure, series, period and a comparable change; every chart by area', () => {
  const ko = mainOf('ko/index.html');
  const en = mainOf('en/index.html');
  // Late data first: the stale subway card leads, then the others in area order.
  const cards = [...en.matchAll(/<li class="card[^"]*">\s*<p class="card-area">[^<]*<\/p>\s*<h3 class="card-title"><a href="charts\/([a-z0-9-]+)\//g)].map((m) => m[1]);
  expect(cards).toEqual(['subway-riders', 'pm25-by-district', 'pm10-daily']);
  expect(en).toContain('<li class="card card-late">');
  // Areas in catalog order; an area without charts is left out of home.
  const areas = ko.slice(ko.indexOf('id="areas-h"'));
  expect(areas.indexOf('환경')).toBeLessThan(areas.indexOf('교통'));
  expect(ko).not.toContain('보건');
  // What the number is: the column's title and the series (a filter's value as it is written).
  expect(ko).toContain('<p class="card-measure">초미세먼지 · <span>11110</span></p>');
  expect(ko).toMatch(/<span class="value">17\.25<\/span> <span class="unit">㎍\/㎥<\/span>/);
  expect(ko).toContain('2024년 10월 대비 3.75 <span class="unit">㎍/㎥</span> (17.9%) 감소 · <strong>개선</strong>');
  // English: the unit in English, the month in words, the comparison named.
  expect(en).toContain('<span class="value">1,537,035</span> <span class="unit">people</span>');
  expect(en).toContain('Up 12,345 <span class="unit">people</span> (0.8%) compared with September 2024 · <strong>better</strong>');
  expect(en).toContain('Data as of October 2024');
  // A day against the day before: stated, not judged.
  expect(en).toContain('Data as of 10 November 2024 · Several values at the same time were averaged.');
  expect(en).toMatch(/Up 1 <span class="unit">µg\/m³<\/span> \(2\.3%\) compared with 9 November 2024\s*<\/p>/);
  expect(en).toMatch(/<svg class="sparkline" viewBox="0 0 100 32"[^>]*aria-hidden="true"[^>]*><polyline points="[\d., ]+"\/><\/svg>/);
  // The chart without an indicator is still reachable from home.
  expect(en).toContain('charts/budget-rate/');
});

test('chart page: inline SVG, alt text marked drafted, table, downloads, provenance, feedback, embed', () => {
  const ko = mainOf('ko/charts/pm25-by-district/index.html');
  expect(ko).toMatch(/<div class="chart-scroll" data-chart-embed data-chart="pm25-by-district" data-spec="\.\.\/\.\.\/\.\.\/charts\/pm25-by-district\.ko\.[0-9a-f]{12}\.vega\.json"/);
  expect(ko).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
  expect(ko).not.toContain('<?xml');
  expect(ko).toContain('<span class="badge badge-drafted">자동 작성</span>');
  expect(mainOf('en/charts/pm25-by-district/index.html')).toContain('<span class="badge badge-drafted">drafted</span>');
  expect(mainOf('en/charts/pm10-daily/index.html')).not.toContain('badge-drafted');
  // Table: every row, a caption that says so, scoped headers with units in the page's language,
  // sort keys for the script, Korean values marked, and each language's own gu column.
  const daily = mainOf('en/charts/pm10-daily/index.html');
  expect(daily).toContain('<caption id="table-air-quality-daily">Daily air pollution: all 30 rows</caption>');
  expect(daily).toContain('<th scope="col" class="t-number" data-sort-type="number">PM10 <span class="unit">(µg/m³)</span></th>');
  expect(daily.match(/<th scope="row"/g)).toHaveLength(30);
  expect(daily).toContain('<th scope="row" class="t-date" data-sort="2024-11-01">1 Nov 2024</th>');
  expect(daily).toContain('<td class="t-string" lang="ko">강남대로</td>');
  expect(daily).toContain('<td class="t-number" data-sort="13">13.0</td>');
  expect(daily).not.toContain('Gu (Korean)');
  expect(mainOf('ko/charts/pm10-daily/index.html')).not.toContain('구 (영어)');
  expect(mainOf('en/charts/subway-riders/index.html')).toContain('<td class="t-string">Line 2</td>');
  expect(mainOf('ko/charts/subway-riders/index.html')).toContain('<th scope="row" class="t-string" data-sort="2024-07">2024년 7월</th>');
  expect(daily).toMatch(/href="\.\.\/\.\.\/\.\.\/data\/air-quality-daily\.[0-9a-f]{12}\.csv" download="air-quality-daily\.csv" type="text\/csv">Download all rows \(CSV, 30 rows\)/);
  for (const ext of ['svg', 'png', 'vl.json', 'vega.json']) expect(daily).toMatch(new RegExp(`charts/pm10-daily\\.en\\.[0-9a-f]{12}\\.${ext.replace('.', '\\.')}" download="pm10-daily\\.en\\.${ext.replace('.', '\\.')}"`));
  expect(daily).toContain('Climate and Environment HQ');
  expect(daily).toContain('Korea Open Government Licence Type 1: Attribution');
  expect(daily).toContain('<dt>Data as of</dt>\n      <dd class="data-as-of"><time datetime="2024-11-10">10 November 2024</time></dd>');
  expect(daily).toContain('<time datetime="2024-11-28T21:00:00.000Z">29 November 2024 at 06:00 KST</time>');
  expect(ko).toContain('<dd>Open Net Korea</dd>');
  // A proposer's Korean name with no English form is marked as Korean on English pages.
  expect(mainOf('en/charts/subway-riders/index.html')).toContain('<dd lang="ko">교통실</dd>');
  expect(ko).toContain('href="../../datasets/air-quality-monthly-by-gu/"');
  // Feedback: the repository's GitHub issue form (this catalog sets no other channel), with the
  // chart, its data date and cycle filled in; no embed code without a baseUrl.
  expect(ko).toContain('<h2 id="feedback-h">의견 보내기</h2>');
  expect(ko).toContain('href="https://github.com/example/citydash/issues/new?labels=feedback%2Cchart%3Apm25-by-district&amp;title=%5B%EC%9D%98%EA%B2%AC%5D%20%EC%B0%A8%ED%8A%B8%20pm25-by-district%3A%20%EA%B5%AC%EB%B3%84%20%EC%B4%88%EB%AF%B8%EC%84%B8%EB%A8%BC%EC%A7%80&amp;body=');
  expect(ko).toContain('<p class="reference">의견에 함께 적어 주세요: <code>차트 pm25-by-district · 데이터 기준일 2024-11-29 · 주기 2024-11-28T2100Z</code></p>');
  expect(ko).not.toContain('&lt;iframe');
  expect(ko).toContain('퍼가기 코드는 이 사이트의 공개 주소가 정해진 뒤에 제공됩니다.');
  expect(ko).toContain('<h2 id="cite-h">인용하기</h2>');
  // A chart whose dataset has no snapshot: the page says so, and still links its dataset.
  const budget = mainOf('en/charts/budget-rate/index.html');
  expect(budget).toContain('This chart could not be drawn in this update.');
  expect(budget).toContain('href="../../datasets/budget-execution/"');
});

test('every chart carries its source line in the figure: department, datasets, licence, data date (issue 12)', () => {
  const caption = (path: string) => /<figcaption class="chart-source">([\s\S]*?)<\/figcaption>/.exec(mainOf(path))?.[1] ?? '';
  const text = (h: string) => h.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
  const en = caption('en/charts/pm10-daily/index.html');
  expect(text(en)).toBe('Source: Climate and Environment HQ · Daily air pollution · Korea Open Government Licence Type 1: Attribution · Data as of 10 November 2024');
  expect(en).toContain('href="../../datasets/air-quality-daily/"');
  expect(text(caption('ko/charts/pm10-daily/index.html'))).toMatch(/^출처: 기후환경본부 · .+ · 공공누리 제1유형.* · 데이터 기준 2024년 11월 10일$/);
  // the embed page carries it too, as shared images do
  expect(text(/<p class="chart-source">([\s\S]*?)<\/p>/.exec(page('en/embed/pm10-daily/index.html'))?.[1] ?? '')).toBe(text(en));
  for (const [path, body] of html) if (/\/charts\/[^/]+\/index\.html$/.test(path) && body.includes('<figure class="chart"')) expect(caption(path)).not.toBe('');
});

test('dataset page: columns with type, unit and schema description; validation; provenance; derived SQL', () => {
  const en = mainOf('en/datasets/air-quality-daily/index.html');
  // The unit in English; a description the schema gives only in Korean is not shown on English pages.
  expect(en).toContain('<tr><th scope="row"><code>pm25</code></th><td>pm25</td><td>number</td><td>µg/m³</td><td></td></tr>');
  expect(mainOf('ko/datasets/air-quality-daily/index.html')).toContain('<tr><th scope="row"><code>pm25</code></th><td>pm25</td><td>숫자</td><td>㎍/㎥</td><td>초미세먼지(PM2.5) 농도</td></tr>');
  // Data as of its newest period, over the period covered, apart from when the source was checked.
  expect(en).toContain('<dt>Data as of</dt>\n    <dd class="data-as-of"><time datetime="2024-11-10">10 November 2024</time></dd>');
  expect(en).toContain('<dt>Period covered</dt>\n    <dd>1 November 2024 to 10 November 2024</dd>');
  expect(en).toContain('<dt>Source checked</dt>\n    <dd><time datetime="2024-11-28T21:00:00.000Z">29 November 2024 at 06:00 KST</time></dd>');
  expect(mainOf('ko/datasets/air-quality-monthly-by-gu/index.html')).toContain('<dd class="data-as-of"><time datetime="2024-11">2024년 11월</time></dd>');
  expect(en).toContain('<tr><th scope="row"><code>gu_code</code></th><td>Gu code</td><td>text</td>');
  expect(en).toContain('<dt>Rows rejected</dt><dd>3</dd>');
  expect(en).toContain('<li><q><span lang="ko">강남대로</span></q> × 10</li>');
  expect(en).toContain('<tr><th scope="row">type</th><td><code>pm10</code></td><td class="t-integer">2</td><td><q>-</q> <span class="note">not a number</span></td></tr>');
  expect(en).toContain('<dd>Daily</dd>');
  expect(en).toContain('<code class="break">sources/x/samples/air-quality-daily.csv</code>');
  expect(en).toContain(`<code class="break">${model.datasets[0].hash}</code>`);
  expect(en).toContain('href="../../charts/pm10-daily/"');
  expect(en).toContain('href="https://data.seoul.go.kr/dataList/OA-2218/S/1/datasetView.do"');
  const derived = mainOf('ko/datasets/air-quality-monthly-by-gu/index.html');
  expect(derived).toContain('<pre tabindex="0"><code>SELECT strftime(date, &#39;%Y-%m&#39;) AS month, gu_code, gu_ko, gu_en, avg(pm25) AS pm25\nFROM &quot;air-quality-daily&quot; WHERE gu_code IS NOT NULL AND pm25 &gt; 0\nGROUP BY ALL</code></pre>');
  expect(derived).toContain('<li><a href="../air-quality-daily/">일별 대기오염도</a></li>');
  const stale = mainOf('en/datasets/subway-ridership/index.html');
  expect(stale).toContain('<code class="break">http://openapi.seoul.go.kr:8088/***/json/CardSubwayStatsNew/1/1000/</code>');
  expect(stale).toContain('failed: HTTP 500');
  expect(stale).toContain('href="https://spdx.org/licenses/CC-BY-4.0.html"');
  const missing = mainOf('ko/datasets/budget-execution/index.html');
  expect(missing).toContain('아직 검증된 데이터가 없습니다.');
  expect(missing).not.toContain('data/budget-execution');
});

test('templates paginating over an optional part of the model that is absent build no pages', async () => {
  // This build has no change log or freshness (the cycle supplies them): no pages or links for them.
  expect([...html.keys()].filter((p) => /changes|freshness/.test(p))).toEqual([]);
  expect(page('ko/index.html')).not.toMatch(/href="[^"]*(changes|freshness)/);
  const dir = await mkdtemp(join(tmpdir(), 'citydash-tpl-'));
  await mkdir(join(dir, '_includes'));
  const front = (data: string) => `---\npagination:\n  data: ${data}\n  size: 1\n  alias: p\npermalink: "{{ p.url }}index.html"\n---\nx\n`;
  await writeFile(join(dir, 'log.njk'), front('model.changes.pages'));
  await writeFile(join(dir, 'home.njk'), front('pages.home'));
  await writeFile(join(dir, '_includes', 'part.njk'), front('model.nothing'));
  await writeFile(join(dir, 'plain.njk'), 'no front matter');
  expect(await templatesWithoutData(dir, { model, pages: pageList(model) })).toEqual([join(dir, 'log.njk')]);
  await rm(dir, { recursive: true, force: true });
  const mine = (await templatesWithoutData(SITE_TEMPLATES, { model, pages: pageList(model) })).map((f) => sitePath(SITE_TEMPLATES, f));
  for (const own of ['index.njk', 'pages/home.njk', 'pages/chart.njk', 'pages/dataset.njk', 'pages/catalog.njk', 'pages/about.njk', 'pages/embed.njk']) expect(mine).not.toContain(own);
});

test('catalog groups every dataset and chart by department and by area', () => {
  const en = mainOf('en/catalog/index.html');
  const [byDep, byArea] = en.split('id="by-area"');
  for (const d of fx.catalog.datasets) expect(byDep).toContain(`href="../datasets/${d.id}/"`);
  for (const c of fx.catalog.charts) expect(byArea).toContain(`href="../charts/${c.id}/"`);
  expect(byDep.indexOf('Climate and Environment HQ')).toBeLessThan(byDep.indexOf('Transport Office'));
  expect(byDep).toContain('Finance Bureau');
  expect(byArea).toContain('<h3 id="area-health">Health</h3>');
});

test('downloads: CSV with BOM and CRLF that round-trips, formula cells neutralised; JSON equals the rows', async () => {
  const ds = model.datasets.find((d) => d.id === 'subway-ridership')!;
  const csv = await readFile(join(out, ds.downloads!.csv.path), 'utf8');
  expect(csv.startsWith('\uFEFFmonth,line,riders,note,change\r\n')).toBe(true);
  expect(csv).toContain(`2024-07,2호선,1500000,"'=HYPERLINK(""http://evil.example"",""click"")",-1234.5\r\n`);
  const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
  expect(parsed).toHaveLength(5);
  expect(parsed[2]).toEqual(['2024-08', '2호선', '1512345', '', '-1233.5']);
  const json = JSON.parse(await readFile(join(out, ds.downloads!.json.path), 'utf8'));
  const rows = (await readFile(fx.input.rowsPath('subway-ridership'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  expect(json).toEqual(rows);
  expect(Object.keys(json[0])).toEqual(['month', 'line', 'riders', 'note', 'change']);
});

test('templates: the only unescaped output is the chart SVG, and it says why', async () => {
  const files = (await listFiles(SITE_TEMPLATES)).filter((f) => f.endsWith('.njk'));
  expect(files.length).toBeGreaterThan(5);
  const uses: string[] = [];
  for (const f of files) {
    const text = await readFile(f, 'utf8');
    for (const m of text.matchAll(/\{\{[^}]*\|\s*safe\b[^}]*\}\}|\{%\s*autoescape\s+false/g)) uses.push(`${sitePath(SITE_TEMPLATES, f)}: ${m[0]}`);
    if (/\|\s*safe/.test(text)) expect(text).toMatch(/renderer|script-safe/);
  }
  // Besides the SVG: JSON-LD, serialised script-safe (every < > & a \u escape) before it gets here.
  // The chart in its two layouts (wide, phone): the same renderer output, through the same guard.
  expect(uses.sort()).toEqual([
    '_includes/citizen-head.njk: {{ jsonld[p.lang][p.dataset.id] | safe }}',
    'pages/chart.njk: {{ r.narrowSvg | safe }}', 'pages/chart.njk: {{ r.svg | safe }}', 'pages/chart.njk: {{ r.svg | safe }}',
    'pages/embed.njk: {{ r.narrowSvg | safe }}', 'pages/embed.njk: {{ r.svg | safe }}', 'pages/embed.njk: {{ r.svg | safe }}',
  ]);
});

test('rebuilding replaces the site; a folder that is not a citydash site is never replaced', async () => {
  const again = await buildSite(model, { outDir: out, rowsPath: fx.input.rowsPath, rendered: fx.input.rendered }, effects());
  expect(again).toEqual(result);
  expect(existsSync(join(out, 'ko', 'index.html'))).toBe(true);
  const foreign = await mkdtemp(join(tmpdir(), 'citydash-foreign-'));
  await mkdir(join(foreign, 'docs'));
  await writeFile(join(foreign, 'docs', 'keep.txt'), 'mine');
  await expect(buildSite(model, { outDir: foreign, rowsPath: fx.input.rowsPath, rendered: fx.input.rendered }, effects())).rejects.toThrow(SiteOutputError);
  expect(await readFile(join(foreign, 'docs', 'keep.txt'), 'utf8')).toBe('mine');
  await rm(foreign, { recursive: true, force: true });
});
