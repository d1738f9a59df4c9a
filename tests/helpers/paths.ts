// Shared test paths. Real Seoul files live outside the repo (never copied in), at
// ../shared/real-data relative to the repository root.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root (this file is tests/helpers/paths.ts). */
export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of the shared real-data directory. */
export const realDataDir: string = resolve(repoRoot, '..', 'shared', 'real-data');

/** Absolute path of one real-data file, e.g. `realData('seoul-cctv-by-gu.utf8bom.csv')`. */
export function realData(name: string): string {
  return resolve(realDataDir, name);
}
