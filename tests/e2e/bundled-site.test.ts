// The bundled Seoul catalog, built offline as `npm start` does (the one build the browser tests
// share): every page and download exists, every internal link resolves, every chart matches its
// recorded SVG, and a rebuild with no change re-renders nothing.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { sharedSite } from '../browser/helpers/site-cache.ts';
import { cli } from '../helpers/cli.ts';
import { decodePng, inkedRows } from '../helpers/png-decode.ts';
import { repoRoot } from '../helpers/paths.ts';

const site = { siteDir: '', work: '' };
beforeAll(async () => {
  site.siteDir = await sharedSite();
  site.work = join(dirname(site.siteDir), 'work');
});

async function files(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p, base)));
    else out.push(posix.normalize(p.slice(base.length + 1).split('\\').join('/')));
  }
  return out;
}

const ids = async (folder: string) =>
  (await readdir(join(repoRoot, folder), { recursive: true })).filter((f) => f.endsWith('.yaml')).map((f) => posix.basename(f, '.yaml'));

test('both languages have a home page, a page per chart and a page per dataset', async () => {
  const charts = await ids('viz-specs');
  const datasets = await ids('sources');
  expect(charts.length).toBeGreaterThanOrEqual(12);
  expect(datasets.length).toBeGreaterThanOrEqual(8);
  for (const lang of ['ko', 'en']) {
    expect(existsSync(join(site.siteDir, lang, 'index.html'))).toBe(true);
    for (const id of charts) expect([lang, id, existsSync(join(site.siteDir, lang, 'charts', id, 'index.html'))]).toEqual([lang, id, true]);
    for (const id of datasets) expect([lang, id, existsSync(join(site.siteDir, lang, 'datasets', id, 'index.html'))]).toEqual([lang, id, true]);
  }
});

test('every internal link and download on every page resolves to a file', async () => {
  const all = await files(site.siteDir);
  const present = new Set(all);
  const broken: string[] = [];
  let checked = 0;
  for (const page of all.filter((f) => f.endsWith('.html'))) {
    const html = await readFile(join(site.siteDir, page), 'utf8');
    for (const m of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
      const raw = m[1]!.replace(/&amp;/g, '&');
      if (/^(?:[a-z]+:|\/\/|#)/i.test(raw)) continue; // external, mailto:, data:, fragment
      const path = raw.split(/[?#]/)[0]!;
      const target = path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(page), path);
      const file = target === '' || target.endsWith('/') ? `${target}index.html` : target;
      checked++;
      if (!present.has(posix.normalize(file)) && !present.has(`${posix.normalize(file)}/index.html`)) broken.push(`${page} -> ${raw}`);
    }
  }
  expect(checked).toBeGreaterThan(1000);
  expect(broken).toEqual([]);
});

// Recorded snapshots of every bundled chart, as files (they are too big for one jest snapshot).
// Re-record after an intended change with UPDATE_SVG=1.
test('every bundled chart renders as its recorded SVG, in both languages', async () => {
  const dir = join(repoRoot, 'tests/e2e/__svg__');
  const svgs = (await readdir(join(site.siteDir, 'charts'))).filter((f) => f.endsWith('.svg'));
  const charts = await ids('viz-specs');
  expect(svgs.length).toBe(charts.length * 2);
  const mismatches: string[] = [];
  for (const file of svgs) {
    const name = file.replace(/\.[0-9a-f]{8,}\.svg$/, '.svg');
    const actual = await readFile(join(site.siteDir, 'charts', file), 'utf8');
    const recorded = join(dir, name);
    if (process.env.UPDATE_SVG === '1' || !existsSync(recorded)) {
      if (!process.env.CI || process.env.UPDATE_SVG === '1') {
        await mkdir(dirname(recorded), { recursive: true });
        await writeFile(recorded, actual);
        continue;
      }
    }
    const expected = existsSync(recorded) ? await readFile(recorded, 'utf8') : '(no recorded snapshot)';
    if (expected !== actual) {
      const a = actual.split(/(?<=>)/);
      const e = expected.split(/(?<=>)/);
      const i = a.findIndex((part, k) => part !== e[k]);
      mismatches.push(`${name}: differs at element ${i}: expected ${JSON.stringify(e[i]?.slice(0, 120))}, got ${JSON.stringify(a[i]?.slice(0, 120))}`);
    }
  }
  expect(mismatches).toEqual([]);
});

test('a second build with no change re-renders no chart', async () => {
  // On a copy of the shared work folder, so the build the other test files read is left alone.
  const tmp = await mkdtemp(join(tmpdir(), 'citydash-rebuild-'));
  try {
    await cp(site.work, join(tmp, 'work'), { recursive: true });
    const common = ['--offline', '--catalog', repoRoot, '--out', join(tmp, 'out'), '--work', join(tmp, 'work')];
    const again = await cli(['build', ...common]);
    const charts = (await ids('viz-specs')).length;
    expect(again.stderr).toContain(`charts: 0 rendered, ${charts * 2} cached, 0 failed`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});

/** The page's main element, as HTML. */
const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const unescapeHtml = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

test('every chart and dataset page offers email, the city\'s form and GitHub, each carrying the id, the data date and the cycle', async () => {
  const charts = await ids('viz-specs');
  const datasets = await ids('sources');
  let pages = 0;
  for (const lang of ['ko', 'en'] as const) {
    for (const [kind, list] of [['charts', charts], ['datasets', datasets]] as const) {
      for (const id of list) {
        const main = mainOf(await readFile(join(site.siteDir, lang, kind, id, 'index.html'), 'utf8'));
        const where = `${lang}/${kind}/${id}`;
        // The reference the page asks people to quote names the id, the data date and the cycle.
        const ref = /<p class="reference">[^<]*<code>([^<]*)<\/code><\/p>/.exec(main)?.[1];
        expect([where, ref]).toEqual([where, expect.stringMatching(new RegExp(`^\\S+ ${id} · .+ \\d{4}-\\d{2}-\\d{2} · .+ (\\d{4}-\\d{2}-\\d{2}T\\d{4,6}Z)$`))]);
        const cycle = /(\d{4}-\d{2}-\d{2}T\d{4,6}Z)$/.exec(ref!)![1]!;
        const date = /(\d{4}-\d{2}-\d{2}) · /.exec(ref!)![1]!;
        const hrefs = [...main.matchAll(/<a class="channel" href="([^"]+)"/g)].map((m) => unescapeHtml(m[1]!));
        const mail = new URL(hrefs.find((h) => h.startsWith('mailto:'))!);
        expect(mail.pathname).toBe('feedback@seoul-dashboard.example');
        expect(mail.searchParams.get('subject')).toContain(id);
        const body = mail.searchParams.get('body')!;
        for (const line of [`: ${id}`, `Data date: ${date}`, `Cycle: ${cycle}`, `/${lang}/${kind}/${id}/`]) expect([where, body]).toEqual([where, expect.stringContaining(line)]);
        // The form (no account needed) cannot be prefilled, so the page shows the reference beside it.
        expect(hrefs).toContain('https://eungdapso.seoul.go.kr/');
        const github = new URL(hrefs.find((h) => h.startsWith('https://github.com/'))!);
        expect(github.searchParams.get('labels')).toBe(`feedback,${kind === 'charts' ? 'chart' : 'dataset'}:${id}`);
        expect(github.searchParams.get('body')).toContain(`Cycle: ${cycle}`);
        pages++;
      }
    }
  }
  expect(pages).toBe(2 * (charts.length + datasets.length));
});

test('downloaded PNGs hold more than the plot: title, measure, source, date and the sample mark', async () => {
  const charts = await ids('viz-specs');
  const problems: string[] = [];
  for (const lang of ['ko', 'en'] as const) {
    for (const id of charts) {
      const page = await readFile(join(site.siteDir, lang, 'charts', id, 'index.html'), 'utf8');
      const plot = /<svg role="img"[^>]*\sheight="([\d.]+)"/.exec(page);
      const png = /href="([^"]+\.png)" download=/.exec(page)![1]!;
      const svg = /href="([^"]+\.svg)" download=/.exec(page)![1]!;
      const title = unescapeHtml(/<h1>([^<]*)<\/h1>/.exec(page)![1]!);
      const image = decodePng(new Uint8Array(await readFile(join(site.siteDir, lang, 'charts', id, png))));
      const plotRows = Number(plot![1]) * 2;
      if (image.height <= plotRows + 150) problems.push(`${lang}/${id}: PNG ${image.height} rows, plot alone ${plotRows}`);
      // The title is drawn at 20 px from the top, so at 2x its ink lies in the first 100 rows.
      if (inkedRows(image).filter((y) => y < 100).length < 20) problems.push(`${lang}/${id}: no title ink at the top of the PNG`);
      const texts = [...(await readFile(join(site.siteDir, lang, 'charts', id, svg), 'utf8')).matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => unescapeHtml(m[1]!));
      if (texts[0] !== title) problems.push(`${lang}/${id}: SVG download starts with ${JSON.stringify(texts[0])}, not the title`);
      const all = texts.join('\n');
      for (const part of [lang === 'ko' ? '출처: ' : 'Source: ', lang === 'ko' ? '데이터 기준일 ' : 'Data as of ', lang === 'ko' ? '예시 데이터 · SAMPLE' : 'SAMPLE DATA']) {
        if (!all.includes(part)) problems.push(`${lang}/${id}: SVG download lacks ${JSON.stringify(part)}`);
      }
    }
  }
  expect(problems).toEqual([]);
});
