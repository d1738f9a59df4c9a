// Shared test paths. The real Seoul files live in tests/fixtures/seoul (provenance and licences in
// its README); nothing a test reads lies outside the repository.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root (this file is tests/helpers/paths.ts). */
export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of the folder of real Seoul files. */
export const realDataDir: string = resolve(repoRoot, 'tests', 'fixtures', 'seoul');

/** Absolute path of one real Seoul file, e.g. `realData('seoul-cctv-by-gu.utf8bom.csv')`. */
export function realData(name: string): string {
  return resolve(realDataDir, name);
}
