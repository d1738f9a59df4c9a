// The air fixture catalog with its real data in place: the descriptors name `data/<file>` beside
// them, and the real Seoul files have one home (tests/fixtures/seoul), so each test gets a copy of
// the catalog in a temp folder with the two real years copied in.
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { realData, repoRoot } from '../helpers/paths.ts';

export const AIR_FIXTURE: string = resolve(repoRoot, 'tests/validate/fixtures/air-catalog');
const REAL_FILES = ['seoul-air-daily-2014.xlsx', 'seoul-air-daily-2018.cp949.csv'];

export async function airCatalog(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'citydash-air-'));
  await cp(AIR_FIXTURE, root, { recursive: true });
  const data = join(root, 'sources/climate-environment/data');
  await mkdir(data, { recursive: true });
  for (const name of REAL_FILES) await cp(realData(name), join(data, name));
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}
