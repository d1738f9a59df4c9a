// Pretendard is read from the installed npm package at runtime, so the repository ships no font
// binaries and PNG text uses exactly the typeface the SVG names first.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The CSS font stack every chart uses; Pretendard first so PNG and browser agree. */
export const FONT_STACK = 'Pretendard, "Noto Sans KR", "Apple SD Gothic Neo", sans-serif';
export const FONT_FAMILY = 'Pretendard';

export interface FontFiles {
  regular: string;
  bold: string;
}

let found: FontFiles | undefined;

/** Absolute paths of the Pretendard OTFs in node_modules (Regular 400, Bold 700). */
export function pretendardFiles(): FontFiles {
  if (found) return found;
  const require = createRequire(import.meta.url);
  let root: string;
  try {
    root = dirname(require.resolve('pretendard/package.json'));
  } catch {
    throw new Error('render: the "pretendard" font package is not installed (npm ci installs it)');
  }
  const dir = join(root, 'dist', 'public', 'static');
  const files = { regular: join(dir, 'Pretendard-Regular.otf'), bold: join(dir, 'Pretendard-Bold.otf') };
  for (const f of Object.values(files)) {
    if (!existsSync(f)) throw new Error(`render: font file missing: ${f}`);
  }
  found = files;
  return files;
}
