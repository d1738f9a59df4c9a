// docs/architecture.md §5 on a real built site (issue 16): while a publish runs, a reader never
// follows a link to a file not yet written. Two sites built by `citydash run --no-publish` from
// the bundled catalog (the second with a dataset and a chart more, so pages that were there link
// pages that are new) are published in turn to one dir target. A file written links only files
// that were already on the target or were written before it; the one exception is a new page or
// feed linking another new page or feed (the first site's home and about link each other, a
// change-log page links the feed that lists it: no order writes both first), which is safe
// because nothing a reader can reach links either of them until all of them are written.
import { readdir, readFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { memoryLogger } from '../../pipeline/log.ts';
import { dirTarget, publishSite } from '../../pipeline/publish/index.ts';
import { tempCatalog, type TempCatalog } from '../cycle/helpers/catalog.ts';
import { runCli } from '../cycle/helpers/spawn.ts';
import { recording } from './support.ts';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
  }
  return out;
}

/** Site paths a text file links (href, src, srcset, url()), resolved against where it lives. */
function linksOf(path: string, text: string, files: ReadonlySet<string>): string[] {
  const raw = [
    ...[...text.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]!),
    ...[...text.matchAll(/\bsrcset\s*=\s*["']([^"']+)["']/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim().split(/\s+/)[0]!)),
    ...[...text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1]!),
  ];
  const out = new Set<string>();
  for (const link of raw) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//') || link.startsWith('#')) continue;
    const bare = decodeURI(link.replace(/[?#].*$/, ''));
    if (!bare) continue;
    const resolved = bare.startsWith('/') ? posix.normalize(bare).slice(1) : posix.join(posix.dirname(path), bare);
    const candidates = resolved === '' || resolved.endsWith('/') ? [`${resolved}index.html`] : [resolved, `${resolved}/index.html`];
    const hit = candidates.find((c) => files.has(c));
    if (hit && hit !== path) out.add(hit);
  }
  return [...out];
}

const LINKING = /\.(html|xml|css|svg|webmanifest)$/;
/** Pages and feeds: what readers navigate between. */
const DOCUMENT = /\.(html|xml)$/;

async function buildSite(cat: TempCatalog): Promise<{ siteDir: string; cycle: string }> {
  const r = await runCli(['run', '--catalog', cat.root, '--out', cat.out, '--work', cat.work, '--target', `dir:${cat.target}`, '--offline', '--no-publish', '--json']);
  if (r.code !== 0) throw new Error(`run exited ${r.code}\n${r.stderr}`);
  return { siteDir: join(cat.out, 'site'), cycle: (JSON.parse(r.stdout) as { cycle: string }).cycle };
}

const cats: TempCatalog[] = [];
afterAll(async () => {
  for (const c of cats) await c.cleanup();
});

test('every written file links only files already on the target or written before it (new pages aside)', async () => {
  const mtime = new Date(Date.now() - 3_600_000);
  const small = await tempCatalog({ datasets: ['air-quality-daily', 'air-quality-daily-seoul'], charts: [] }, mtime);
  cats.push(small);
  const large = await tempCatalog({ datasets: ['air-quality-daily', 'air-quality-daily-seoul', 'cctv-by-gu'], charts: ['fine-dust-daily-trend'] }, mtime);
  cats.push(large);
  const target = recording(dirTarget(join(small.dir, 'shared-target')));
  const effects = { fetch: globalThis.fetch, now: () => new Date(), log: memoryLogger(), env: {} };

  const checked: string[] = [];
  let onTarget = new Set<string>();
  for (const cat of [small, large]) {
    const { siteDir, cycle } = await buildSite(cat);
    const files = new Set(await filesUnder(siteDir));
    target.reset();
    await publishSite({ siteDir, target, cycle, datasets: {}, now: new Date(), lock: { settleMs: 0 } }, effects);
    const order = new Map(target.log.puts.map((p, i) => [p, i]));
    const broken: string[] = [];
    for (const [path, at] of order) {
      if (!LINKING.test(path) || !files.has(path)) continue;
      checked.push(path);
      for (const link of linksOf(path, await readFile(join(siteDir, ...path.split('/')), 'utf8'), files)) {
        const written = order.get(link);
        const newPages = !onTarget.has(path) && !onTarget.has(link) && DOCUMENT.test(link) && DOCUMENT.test(path);
        const there = onTarget.has(link) || (written !== undefined && (written < at || newPages));
        if (!there) broken.push(`${path} (write ${at}) links ${link} (${written === undefined ? 'never written' : `write ${written}`})`);
      }
    }
    expect(broken).toEqual([]);
    onTarget = new Set([...onTarget, ...files]);
  }
  // The second publish rewrote pages that link pages it wrote new.
  expect(checked).toEqual(expect.arrayContaining(['ko/index.html', 'en/charts/fine-dust-daily-trend/index.html', 'ko/datasets/cctv-by-gu/index.html']));
}, 600_000);
