// citydash's full ingest of one file, as `citydash validate` runs it: fetch (a `file` source:
// stat and raw-cache entry) then validate (decode, parse, map columns, coerce, conform gu,
// ajv, primary keys, store the NDJSON snapshot atomically).
//   node --import tsx ingest.ts <catalog> <dataset-id> <file> <work-dir>
import { dirname } from 'node:path';
import { loadCatalog } from '../../../pipeline/catalog/index.ts';
import { fetchDataset } from '../../../pipeline/extract/index.ts';
import { memoryLogger } from '../../../pipeline/log.ts';
import type { Effects } from '../../../pipeline/types.ts';
import { validate } from '../../../pipeline/validate/index.ts';
import { workDir } from '../../../pipeline/workdir.ts';
import { arg, memoryPeaks, reportResult } from './report.ts';

const [root, id, file, work] = [arg(0, 'catalog'), arg(1, 'dataset id'), arg(2, 'file'), arg(3, 'work dir')];
const t0 = performance.now();
const peaks = memoryPeaks();
const { catalog, problems } = await loadCatalog(root);
const errors = problems.filter((p) => p.severity === 'error');
if (errors.length) throw new Error(`bench catalog: ${errors.map((p) => `${p.file}:${p.line}: ${p.message}`).join('; ')}`);
const found = catalog.datasets.find((d) => d.id === id);
if (!found?.extract) throw new Error(`bench catalog has no source dataset ${id}`);
const ds = { ...found, extract: { ...found.extract, path: file } };
// The generated input lies outside the catalog, in a data folder the environment allows, as a
// department's share mounted on the CI machine would.
const effects: Effects = { fetch: globalThis.fetch, now: () => new Date(), log: memoryLogger(), env: { CITYDASH_DATA_FOLDERS: dirname(file) } };
const ctx = { catalogRoot: root, work: workDir(work), offline: true, effects };
const fetched = await fetchDataset(ds, ctx, { force: true });
if (fetched.state === 'failed') throw new Error(`fetch failed: ${fetched.fetch.error}`);
const { report } = await validate({ from: 'stored', dataset: ds, catalog }, { work: ctx.work }, effects);
if (report.status !== 'ok') throw new Error(`validate failed: ${report.error}`);
reportResult({
  rows: report.rowsRead, valid: report.valid, rejected: report.rejected, unmatched: report.districtsUnmatched,
  seconds: (performance.now() - t0) / 1000, ...peaks(),
});
