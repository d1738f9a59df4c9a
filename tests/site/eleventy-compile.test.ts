// The site build keeps each Nunjucks template compiled for the whole build (Eleventy 3.1 would
// compile a paginated template once per page). What must not change with it: every page gets its
// own data, permalinks still render, and a broken template still fails with its file named.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { memoryLogger } from '../../pipeline/log.ts';
import { runEleventy } from '../../pipeline/site/eleventy.ts';

const PAGE = `---
pagination:
  data: items
  size: 1
  alias: item
permalink: "p/{{ item.id }}/index.html"
---
<h1>{{ item.title }}</h1><p>{{ item.n | string }}</p>
`;

const items = Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, title: `차트 <${i}>`, n: i * 7 }));
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'citydash-njk-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function build(files: Record<string, string>): Promise<string> {
  const input = join(dir, 'in');
  await mkdir(input, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(input, name), text);
  const out = join(dir, 'out');
  await runEleventy({ inputDir: input, outDir: out, globals: { items }, log: memoryLogger() });
  return out;
}

test('a template paginated over twelve items is compiled once, and every page carries its own item', async () => {
  const proto = nunjucks.Template.prototype as unknown as { _compile(): void };
  const original = proto._compile;
  let compiles = 0;
  proto._compile = function (this: unknown) {
    compiles += 1;
    return original.call(this);
  };
  let out: string;
  try {
    out = await build({ 'page.njk': PAGE });
  } finally {
    proto._compile = original;
  }
  for (const item of items) {
    const html = await readFile(join(out, 'p', item.id, 'index.html'), 'utf8');
    expect(html).toContain(`<h1>차트 &lt;${item.id.slice(1)}&gt;</h1><p>${item.n}</p>`);
  }
  // the page body once and its permalink once (Eleventy's old way: once per page for each)
  expect(compiles).toBeGreaterThan(0);
  expect(compiles).toBeLessThanOrEqual(2);
});

test('a broken template still fails the build with its file and Nunjucks reason', async () => {
  await expect(build({ 'page.njk': PAGE, 'broken.njk': '<p>{% if x %}</p>\n' })).rejects.toThrow(
    /Eleventy build failed: .*broken\.njk[\s\S]*parseIf: expected elif, else, or endif/,
  );
});
