// The floor plan (docs/architecture.md §1): each folder under pipeline/ is a stage (or the CLI,
// the cycle, the build) with one door, its index.ts; modules at pipeline/ itself are the shared
// floor every stage stands on (types, errors, effects, atomic writes, hashing, Seoul time...).
// Read from the sources, so a new import that breaks the plan fails here with its file and line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { repoRoot } from './helpers/paths.ts';

const PIPELINE = join(repoRoot, 'pipeline');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The stage folder a file is in, or null for the shared modules at pipeline/ itself. */
const folderOf = (file: string): string | null => {
  const parts = relative(PIPELINE, file).split(sep);
  return parts.length === 1 ? null : parts[0]!;
};

interface Import { from: string; line: number; target: string }
// Static imports and re-exports, and dynamic `import('…')` (commands load stages inside their action).
const IMPORT = /(?:^(?:import|export)\s[^;]*?\sfrom\s+|\bimport\(\s*)'(\.[^']+)'/gms;

const imports: Import[] = walk(PIPELINE).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => ({
    from: file,
    line: text.slice(0, m.index).split('\n').length,
    target: resolve(dirname(file), m[1]!),
  }));
});
const where = (i: Import) => `${relative(repoRoot, i.from)}:${i.line} imports ${relative(repoRoot, i.target)}`;

test('the sources are read: every stage folder has imports to check', () => {
  expect(imports.length).toBeGreaterThan(500);
  expect(new Set(imports.map((i) => folderOf(i.from)))).toEqual(new Set([null, 'build', 'catalog', 'check', 'cli', 'cycle', 'extract', 'feedback', 'init', 'onboard', 'publish', 'render', 'site', 'transform', 'validate']));
});

test('code outside a stage goes in through its index.ts', () => {
  const bad = imports.filter((i) => {
    const to = folderOf(i.target);
    return to !== null && to !== folderOf(i.from) && i.target !== join(PIPELINE, to, 'index.ts');
  });
  expect(bad.map(where)).toEqual([]);
});

test('a stage never imports its own index.ts (that is the door for others)', () => {
  const bad = imports.filter((i) => folderOf(i.from) !== null && i.target === join(PIPELINE, folderOf(i.from)!, 'index.ts') && i.from !== i.target);
  expect(bad.map(where)).toEqual([]);
});

test('the shared modules at pipeline/ depend on no stage', () => {
  const bad = imports.filter((i) => folderOf(i.from) === null && folderOf(i.target) !== null);
  expect(bad.map(where)).toEqual([]);
});

test('no import circle between stage folders', () => {
  const edges = new Map<string, Set<string>>();
  for (const i of imports) {
    const a = folderOf(i.from);
    const b = folderOf(i.target);
    if (a && b && a !== b) edges.set(a, (edges.get(a) ?? new Set()).add(b));
  }
  // A folder that can reach itself is on a circle; report the circle's path.
  const circles: string[] = [];
  for (const start of edges.keys()) {
    const path: string[] = [];
    const seen = new Set<string>();
    const visit = (node: string): boolean => {
      for (const next of edges.get(node) ?? []) {
        if (next === start) { circles.push([start, ...path, start].join(' -> ')); return true; }
        if (seen.has(next)) continue;
        seen.add(next);
        path.push(next);
        if (visit(next)) return true;
        path.pop();
      }
      return false;
    };
    visit(start);
  }
  expect(circles).toEqual([]);
});

test('snapshot metadata has one owner: only pipeline/snapshot-store.ts reads, writes or lists it', () => {
  const OWNER = join(PIPELINE, 'snapshot-store.ts');
  const bad: string[] = [];
  for (const file of walk(PIPELINE)) {
    if (file === OWNER) continue;
    const text = readFileSync(file, 'utf8');
    text.split('\n').forEach((line, i) => {
      // Reading or writing `work.meta(id)` by hand, or listing `data/` for `.meta.json` files.
      if (/\b(?:readFile|writeFile|writeFileAtomic|readdir)\([^)]*(?:\.meta\(|'data'\))/.test(line) || /\.meta\.json'/.test(line)) {
        bad.push(`${relative(repoRoot, file)}:${i + 1}: ${line.trim()}`);
      }
    });
  }
  expect(bad).toEqual([]);
});

test('validate never fetches: nothing under pipeline/validate fetches or reaches the network', () => {
  const bad: string[] = [];
  for (const file of walk(join(PIPELINE, 'validate'))) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (/^\s*(?:\/\/|\*)/.test(line)) return; // comments may name what fetches
      if (/\b(?:fetchDataset|fetchIfMissing|httpGet|fetchSeoulOpenApi)\b|effects\.fetch\b|\bglobalThis\.fetch\b/.test(line)) bad.push(`${relative(repoRoot, file)}:${i + 1}: ${line.trim()}`);
    });
  }
  expect(bad).toEqual([]);
});

test('a catch that drops its error says why that is right (a comment in the block or just above)', () => {
  // render/** is being changed by another helper at the time of writing: its two files still
  // owe their comment; no new ones may join.
  const OWED = new Set(['pipeline/render/compile.ts', 'pipeline/render/fonts.ts']);
  const bad: string[] = [];
  for (const file of walk(PIPELINE)) {
    const rel = relative(repoRoot, file).split(sep).join('/');
    if (OWED.has(rel)) continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!/\bcatch \{/.test(line)) return;
      const said = /\/\/|\/\*/.test(line.slice(line.indexOf('catch'))) || /\/\/|\/\*/.test(lines[i + 1] ?? '') || /^\s*\/\//.test(lines[i - 1] ?? '');
      if (!said) bad.push(`${rel}:${i + 1}: ${line.trim()}`);
    });
  }
  expect(bad).toEqual([]);
});
