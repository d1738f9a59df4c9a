// citydash's build half (pipeline/build.ts buildFromWork: transform, render, Eleventy site) over
// validated snapshots, optionally after re-validating one changed dataset first (fetch and
// validate, as the next cycle would). Phases are timed from the log lines buildFromWork writes.
//   node --import tsx site.ts <catalog> <work-dir> <site-dir> <cycle-id> [changed-dataset-id]
import { buildFromWork } from '../../../pipeline/build/index.ts';
import { loadCatalog } from '../../../pipeline/catalog/index.ts';
import type { RunContext } from '../../../pipeline/types.ts';
import { fetchDataset } from '../../../pipeline/extract/index.ts';
import { memoryLogger } from '../../../pipeline/log.ts';
import type { Effects, Logger } from '../../../pipeline/types.ts';
import { validate } from '../../../pipeline/validate/index.ts';
import { workDir } from '../../../pipeline/workdir.ts';
import { arg, exitIfWarmup, reportResult } from './report.ts';

exitIfWarmup();
const [root, workPath, siteDir, cycleId] = [arg(0, 'catalog'), arg(1, 'work dir'), arg(2, 'site dir'), arg(3, 'cycle id')];
const changed = process.argv[6];
const t0 = performance.now();
const stamps: Array<{ at: number; kind: string; msg: string }> = [];
const base = memoryLogger();
const stamp = (kind: string) => (msg: string) => void stamps.push({ at: performance.now(), kind, msg });
const log: Logger = { ...base, info: stamp('info'), status: (s, n) => stamps.push({ at: performance.now(), kind: 'status', msg: `[${s}] ${n}` }) };
const effects: Effects = { fetch: globalThis.fetch, now: () => new Date(), log, env: {} };
const ctx: RunContext = { catalogRoot: root, out: siteDir, work: workDir(workPath), offline: true, json: false, effects };
const { catalog } = await loadCatalog(root);

let validateSeconds = 0;
if (changed) {
  const ds = catalog.datasets.find((d) => d.id === changed);
  if (!ds) throw new Error(`no dataset ${changed}`);
  const tv = performance.now();
  const fetched = await fetchDataset(ds, ctx, { force: true });
  if (fetched.state === 'failed') throw new Error(fetched.fetch.error);
  const { report } = await validate({ from: 'stored', dataset: ds, catalog }, { work: ctx.work }, effects);
  if (report.status !== 'ok') throw new Error(`${changed}: ${report.error}`);
  validateSeconds = (performance.now() - tv) / 1000;
}

const tb = performance.now();
const result = await buildFromWork(catalog, ctx, { cycleId, siteDir });
const end = performance.now();
const chartsLine = stamps.find((s) => s.kind === 'info' && s.msg.startsWith('charts:'));
const lastTransform = stamps.filter((s) => s.kind === 'status' && (!chartsLine || s.at <= chartsLine.at)).pop();
const tTransform = lastTransform?.at ?? tb;
const tRender = chartsLine?.at ?? tTransform;
if (result.failures.length) throw new Error(`build failures: ${result.failures.map((f) => `${f.id}: ${f.message}`).join('; ').slice(0, 2000)}`);
reportResult({
  seconds: (end - t0) / 1000, validateSeconds, buildSeconds: (end - tb) / 1000,
  transformSeconds: (tTransform - tb) / 1000, renderSeconds: (tRender - tTransform) / 1000, siteSeconds: (end - tRender) / 1000,
  rendered: result.charts.rendered, cached: result.charts.cached, pages: result.pages, files: result.files,
});
