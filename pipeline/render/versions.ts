// Everything that changes how the same spec and data are drawn goes into the cache key.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Bump when this folder's output changes for the same inputs (theme, post-processing, layout). */
export const RENDERER_CODE_VERSION = 'render-2';

/**
 * The installed version of a package, read from its package.json on disk: vega, vega-lite and
 * vega-interpreter do not export their package.json, so `require('vega/package.json')` fails
 * for them. The folder is found as Node finds packages (the node_modules folders up from here).
 */
export function versionOf(pkg: string): string {
  const require = createRequire(import.meta.url);
  for (const folder of require.resolve.paths(pkg) ?? []) {
    try {
      const manifest = JSON.parse(readFileSync(join(folder, pkg, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === pkg && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // not installed in this node_modules folder: Node looks in the next one up, and so do we
    }
  }
  return 'unknown';
}

export const LIBRARY_VERSIONS: Readonly<Record<string, string>> = Object.freeze({
  vega: versionOf('vega'),
  'vega-lite': versionOf('vega-lite'),
  'vega-interpreter': versionOf('vega-interpreter'),
  '@resvg/resvg-js': versionOf('@resvg/resvg-js'),
  pretendard: versionOf('pretendard'),
});
