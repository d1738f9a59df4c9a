// `fetch --shard K/N` + `validate --shard K/N` in separate work folders, merged by copying (as the
// nightly workflow's artifacts are), build the same site as one unsharded run.
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.ts';
import { repoRoot } from '../helpers/paths.ts';
import { selectShard } from '../../pipeline/shard.ts';

const FILES = [
  'citydash.yaml',
  'sources/safety/cctv-by-gu.yaml', 'sources/safety/samples/cctv-by-gu.csv',
  'sources/administration/population-by-gu.yaml', 'sources/administration/samples/population-by-gu.csv',
  'sources/derived/population-latest-by-gu.yaml', 'sources/derived/cctv-per-1000-by-gu.yaml',
  'schemas/cctv-by-gu.schema.json', 'schemas/population-by-gu.schema.json',
  'schemas/population-latest-by-gu.schema.json', 'schemas/cctv-per-1000-by-gu.schema.json',
  'viz-specs/safety/cctv-per-1000-residents.yaml',
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'citydash-shard-'));
  for (const f of FILES) await cp(join(repoRoot, f), join(dir, 'catalog', f), { recursive: true });
});
afterAll(() => dir && rm(dir, { recursive: true, force: true }));

async function siteHashes(site: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await readdir(site, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    const path = join(f.parentPath, f.name);
    const rel = path.slice(site.length + 1);
    if (rel === '_citydash/build.json') continue; // names the build time
    out[rel] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return out;
}

test('the two shards split the datasets, and their merged work builds the unsharded site', async () => {
  const catalog = join(dir, 'catalog');
  const ids = ['cctv-by-gu', 'population-by-gu'];
  const shares = [selectShard(ids, '1/2'), selectShard(ids, '2/2')];
  expect([...shares.flat()].sort()).toEqual(ids);

  const env = { SOURCE_DATE_EPOCH: '1795900000' }; // one clock for every run: the same fetch times
  const args = (work: string, out: string) => ['--offline', '--catalog', catalog, '--work', join(dir, work), '--out', join(dir, out)];
  await cli(['validate', ...args('whole', 'out-whole')], { env });
  await cli(['build', ...args('whole', 'out-whole')], { env });

  for (const k of [1, 2]) {
    const fetched = await cli(['fetch', '--shard', `${k}/2`, '--json', ...args(`shard${k}`, 'unused')], { env });
    const names = (JSON.parse(fetched.stdout) as { datasets: { dataset: string }[] }).datasets.map((d) => d.dataset);
    expect(names.sort()).toEqual([...shares[k - 1]!].sort());
    await cli(['validate', '--shard', `${k}/2`, ...args(`shard${k}`, 'unused')], { env });
    await cp(join(dir, `shard${k}`), join(dir, 'merged'), { recursive: true });
  }
  await cli(['build', ...args('merged', 'out-merged')], { env });

  const whole = await siteHashes(join(dir, 'out-whole', 'site'));
  const merged = await siteHashes(join(dir, 'out-merged', 'site'));
  expect(Object.keys(whole).length).toBeGreaterThan(20);
  expect(merged).toEqual(whole);
});
