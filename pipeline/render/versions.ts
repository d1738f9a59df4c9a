// Everything that changes how the same spec and data are drawn goes into the cache key.
import { createRequire } from 'node:module';

/** Bump when this folder's output changes for the same inputs (theme, post-processing, layout). */
export const RENDERER_CODE_VERSION = 'render-2';

function versionOf(pkg: string): string {
  const require = createRequire(import.meta.url);
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export const LIBRARY_VERSIONS: Readonly<Record<string, string>> = Object.freeze({
  vega: versionOf('vega'),
  'vega-lite': versionOf('vega-lite'),
  'vega-interpreter': versionOf('vega-interpreter'),
  '@resvg/resvg-js': versionOf('@resvg/resvg-js'),
  pretendard: versionOf('pretendard'),
});
