// Static assets (CSS, icons) are copied under content-hashed names so they can be cached for a
// year; templates look the hashed name up by the original one: `assets['site.css']`.
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';
import { assetName } from './file-names.ts';

// Sources (client TypeScript) live in site/ too; only files a browser loads as-is are copied.
const STATIC = new Set(['css', 'svg', 'png', 'ico', 'woff2', 'txt']);

export async function copyAssets(fromDir: string, outDir: string): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  // No assets folder is a site without extra assets, not an error.
  const entries = await readdir(fromDir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const ext = extname(e.name).slice(1);
    if (!e.isFile() || e.name.startsWith('.') || !STATIC.has(ext)) continue;
    const bytes = await readFile(join(fromDir, e.name));
    const path = assetName(e.name.slice(0, -(ext.length + 1)), ext, bytes);
    await writeFileAtomic(join(outDir, path), bytes);
    names[e.name] = path;
  }
  return names;
}
