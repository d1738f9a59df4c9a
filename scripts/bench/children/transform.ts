// citydash's transform stage over a work dir holding validated snapshots: every derived dataset
// of the catalog (DuckDB load, SQL, validation against its schema, store), as `citydash build`
// runs it first.
//   node --import tsx transform.ts <catalog> <work-dir>
import { loadCatalog } from '../../../pipeline/catalog/index.ts';
import { memoryLogger } from '../../../pipeline/log.ts';
import { transform } from '../../../pipeline/transform/index.ts';
import type { Effects } from '../../../pipeline/types.ts';
import { workDir } from '../../../pipeline/workdir.ts';
import { arg, exitIfWarmup, reportResult } from './report.ts';

exitIfWarmup();
const [root, workPath] = [arg(0, 'catalog'), arg(1, 'work dir')];
const t0 = performance.now();
const { catalog } = await loadCatalog(root);
const effects: Effects = { fetch: globalThis.fetch, now: () => new Date(), log: memoryLogger(), env: {} };
// The transform stage's own entrance, as a cycle and `citydash build` call it (validation and budgets included).
const result = await transform(catalog, { catalogRoot: root, work: workDir(workPath) }, effects);
const failed = result.datasets.filter((d) => d.status === 'failed');
if (failed.length) throw new Error(`transform failed: ${failed.map((d) => d.reason).join('; ')}`);
reportResult({
  datasets: result.datasets.length, rows: result.datasets.reduce((n, d) => n + (d.rows ?? 0), 0),
  seconds: (performance.now() - t0) / 1000,
});
