// citydash's transform stage over a work dir holding validated snapshots: every derived dataset
// of the catalog (DuckDB load, SQL, validation against its schema, store), as `citydash build`
// runs it first.
//   node --import tsx transform.ts <catalog> <work-dir>
import { loadCatalog } from '../../../pipeline/catalog/index.ts';
import { memoryLogger } from '../../../pipeline/log.ts';
import { runTransforms } from '../../../pipeline/transform/index.ts';
import type { ValidateFn } from '../../../pipeline/transform/types.ts';
import type { Effects } from '../../../pipeline/types.ts';
import { loadRowSchema } from '../../../pipeline/validate/load-schema.ts';
import { validateRows } from '../../../pipeline/validate/validate-rows.ts';
import { workDir } from '../../../pipeline/workdir.ts';
import { arg, exitIfWarmup, reportResult } from './report.ts';

exitIfWarmup();
const [root, workPath] = [arg(0, 'catalog'), arg(1, 'work dir')];
const t0 = performance.now();
const { catalog } = await loadCatalog(root);
const effects: Effects = { fetch: globalThis.fetch, now: () => new Date(), log: memoryLogger(), env: {} };
const work = workDir(workPath);
// The same validator pipeline/build.ts hands to runTransforms.
const validate: ValidateFn = async (rows, ds) => {
  const schema = await loadRowSchema(root, ds);
  const fetch = { outcome: 'fresh' as const, source: `sql:${ds.id}`, fetchedAt: effects.now().toISOString(), sample: false };
  return validateRows(rows, ds, schema, { work, effects, fetch, derived: { from: ds.from ?? [], sql: ds.sql ?? '' } });
};
const result = await runTransforms(catalog, { work, effects, validate });
const failed = result.datasets.filter((d) => d.status === 'failed');
if (failed.length) throw new Error(`transform failed: ${failed.map((d) => d.reason).join('; ')}`);
reportResult({
  datasets: result.datasets.length, rows: result.datasets.reduce((n, d) => n + (d.rows ?? 0), 0),
  seconds: (performance.now() - t0) / 1000,
});
