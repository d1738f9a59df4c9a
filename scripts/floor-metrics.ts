// The floor-plan figures of issue 15, read from the sources of a checkout (default: this one):
//   node --import tsx scripts/floor-metrics.ts [ROOT] [--json]
// so the same command gives the before and after of a change (run it on an old commit's
// worktree). Counts only; what is counted is said next to each figure.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const args = process.argv.slice(2);
const root = resolve(args.find((a) => !a.startsWith('--')) ?? '.');
const PIPELINE = join(root, 'pipeline');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|mts)$/.test(p) && !p.endsWith('.d.ts') ? [p] : [];
  });
}

const files = walk(PIPELINE).map((path) => ({ path, rel: relative(root, path), text: readFileSync(path, 'utf8') }));
const folderOf = (file: string): string | null => {
  const parts = relative(PIPELINE, file).split(sep);
  return parts.length === 1 ? null : parts[0]!;
};
const count = (re: RegExp, where = files) => where.reduce((n, f) => n + [...f.text.matchAll(re)].length, 0);
const filesMatching = (re: RegExp) => files.filter((f) => re.test(f.text)).map((f) => f.rel);

// Imports (static and dynamic) that cross from one stage folder into another.
const IMPORT = /(?:^(?:import|export)\s[^;]*?\sfrom\s+|import\()\s*'(\.[^']+)'/gms;
let cross = 0;
let crossNotDoor = 0;
for (const f of files) {
  for (const m of f.text.matchAll(IMPORT)) {
    const target = resolve(dirname(f.path), m[1]!);
    const a = folderOf(f.path);
    const b = folderOf(target);
    if (a && b && a !== b) {
      cross++;
      if (target !== join(PIPELINE, b, 'index.ts')) crossNotDoor++;
    }
  }
}

// Error classes: every `class XError extends Y`; an error extends the base when its chain reaches CitydashError.
const parents = new Map<string, string>();
for (const f of files) for (const m of f.text.matchAll(/class\s+(\w+)\s+extends\s+([\w.]+)/g)) if (/Error$/.test(m[1]!)) parents.set(m[1]!, m[2]!);
const reachesBase = (name: string, seen = new Set<string>()): boolean => {
  if (name === 'CitydashError') return true;
  const p = parents.get(name);
  if (!p || seen.has(name)) return false;
  seen.add(name);
  return reachesBase(p, seen);
};
const errorClasses = [...parents.keys()];

// Empty catches: `catch {` or `catch (e) {` whose block holds nothing, or only a comment.
const CATCH = /catch\s*(?:\(\s*\w*\s*\))?\s*\{([^{}]*)\}/g;
let emptyCatch = 0;
let emptyUncommented = 0;
for (const f of files) {
  for (const m of f.text.matchAll(CATCH)) {
    const body = m[1]!.trim();
    const code = body.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').trim();
    if (code === '') {
      emptyCatch++;
      if (body === '') emptyUncommented++;
    }
  }
}
// `catch {` (the error not even bound) with no comment in its block or on the line before: the
// error is lost without a word on why that is right.
let catchUncommented = 0;
const uncommentedCatches: string[] = [];
for (const f of files) {
  const lines = f.text.split('\n');
  for (const m of f.text.matchAll(/catch \{([^{}]*)\}?/g)) {
    const line = f.text.slice(0, m.index).split('\n').length;
    const body = m[1]!;
    if (/\/\/|\/\*/.test(body) || /\/\/|\/\*/.test(lines[line - 1]!.slice(lines[line - 1]!.indexOf('catch'))) || /^\s*\/\//.test(lines[line - 2] ?? '')) continue;
    catchUncommented++;
    uncommentedCatches.push(`${f.rel}:${line}`);
  }
}
// `.catch(() => …)` swallowing without a comment on its line or the line before.
let swallowUncommented = 0;
for (const f of files) {
  const lines = f.text.split('\n');
  lines.forEach((line, i) => {
    if (/\.catch\(\s*\(\)\s*=>/.test(line) && !/\/\//.test(line) && !/^\s*\/\//.test(lines[i - 1] ?? '')) swallowUncommented++;
  });
}

// Helpers that exist once on the shared floor; a definition anywhere else is a duplicate.
const defs = (re: RegExp) => filesMatching(re);
const duplicated = {
  'atomic writers (write a temp file, rename it)': defs(/rename\([^)]*(?:tmp|temp)/i),
  'canonical JSON (sorted-key stringify)': defs(/function\s+(?:canonicalJson|canonicalStringify|stableJson|stableStringify|sortedJson|deepSortKeys)\s*[(<]/),
  // One-shot sha256 of a value outside hash.ts; streaming hashers (several updates) are not duplicates.
  'sha256 one-shots outside hash.ts (createHash(\'sha256\').update(…).digest)': defs(/createHash\(\s*'sha256'\s*\)\.update\(/).filter((f) => !f.endsWith('pipeline/hash.ts')),
  'createHash(\'sha256\') anywhere (files)': defs(/createHash\(\s*'sha256'\s*\)/),
  'UTC+9 constants': defs(/9\s*\*\s*60\s*\*\s*60|9\s*\*\s*3_?600|32_?400|\+09:00'/),
  'seoulDate definitions': defs(/(?:function|const)\s+seoul(?:Date|Day)\w*\s*[=(]/),
  // A named pool, or workers started by hand (`Promise.all(Array.from({ length: n }, worker))`).
  'pools (bounded parallel runners)': defs(/(?:function|const)\s+(?:runPool|pool|mapPool|withPool|mapLimit|parallel\w*)\s*[=(<]|Promise\.all\(Array\.from\(\{\s*length/),
};

const over200 = files.filter((f) => f.text.split('\n').length - (f.text.endsWith('\n') ? 1 : 0) > 200).map((f) => f.rel);
const result = {
  root,
  filesOver200Lines: over200.length,
  crossStageImports: cross,
  crossStageImportsNotThroughIndex: crossNotDoor,
  errorClasses: errorClasses.length,
  errorClassesExtendingBase: errorClasses.filter((c) => reachesBase(c)).length,
  emptyCatchBlocks: emptyCatch,
  emptyCatchBlocksWithoutComment: emptyUncommented,
  grepCatchBrace: count(/catch \{/g),
  catchBraceWithoutComment: catchUncommented,
  promiseCatchSwallowedWithoutComment: swallowUncommented,
  duplicated: Object.fromEntries(Object.entries(duplicated).map(([k, v]) => [k, v.length])),
};
if (args.includes('--json')) console.log(JSON.stringify({ ...result, detail: { over200, duplicated, uncommentedCatches } }, null, 2));
else for (const [k, v] of Object.entries(result)) console.log(`${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`);
