import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { readdirSync } from 'node:fs';
import { checkCatalog } from './pipeline/check/index.ts';
import { formatProblem } from './pipeline/catalog/index.ts';
import { memoryLogger } from './pipeline/log.ts';
const effects = { fetch, now: () => new Date(), log: memoryLogger(), env: {} };
const fx = 'tests/check/fixtures';
for (const [kind, dest] of [['charts', 'viz-specs/environment'], ['datasets', 'sources/derived']]) {
  for (const f of readdirSync(`${fx}/cases/${kind}`)) {
    const dir = await mkdtemp(join(tmpdir(), 'chk-'));
    await cp(`${fx}/catalog`, dir, { recursive: true });
    await cp(`${fx}/cases/${kind}/${f}`, join(dir, dest, f));
    const r = await checkCatalog(dir, {}, effects);
    console.log(`== ${f} ok=${r.ok}`);
    for (const p of r.problems) console.log('   ' + formatProblem(p) + ` [${p.rule}]`);
    await rm(dir, { recursive: true });
  }
}
