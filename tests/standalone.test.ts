// The repository stands alone: no file in it reads or cites a path outside it (the team's
// first-draft design notes and real-data folder lived beside the checkout once).
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { repoRoot } from './helpers/paths.ts';

const SKIP = new Set(['node_modules', '.git', 'dist', '.citydash', 'coverage']);
const TEXT = /\.(ts|mts|js|mjs|cjs|json|ya?ml|md|njk|css|html|sh|txt)$|^run$/;
// Assembled from parts so that this file does not match itself.
const OUTSIDE = new RegExp(['\\.\\./sha', 'red\\b|DESI', 'GN\\.md|real', '-data/'].join(''));

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile() && TEXT.test(entry.name)) yield path;
  }
}

test('no file in the repository names a path outside it', async () => {
  const offenders: string[] = [];
  for await (const file of files(repoRoot)) {
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((line, i) => { if (OUTSIDE.test(line)) offenders.push(`${relative(repoRoot, file)}:${i + 1}: ${line.trim()}`); });
  }
  expect(offenders).toEqual([]);
});

test('the check catches what it is meant to catch', () => {
  expect(OUTSIDE.test(['path: ../../sh', 'ared/x.csv'].join(''))).toBe(true);
  expect(OUTSIDE.test(['see DES', 'IGN.md §3'].join(''))).toBe(true);
  expect(OUTSIDE.test('tests/fixtures/seoul/seoul-cctv-by-gu.utf8bom.csv')).toBe(false);
});
