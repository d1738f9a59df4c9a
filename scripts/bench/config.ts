// What a run measures and how often: up to 5 runs per figure after a warm-up, within a time
// budget per figure so a full run stays near 20 minutes on a 2-core machine; figures that cost
// minutes per run (5M-row ingest, 200 charts, cold site and cycle) get fewer, and say so.
export const STAGES = ['ingest', 'growth', 'xlsx', 'transform', 'diff', 'charts', 'site', 'cycle', 'publish', 'startup'] as const;
export type StageId = (typeof STAGES)[number];

export interface BenchConfig {
  quick: boolean;
  /** Measured runs per figure (at most), after `warmup` discarded runs. */
  runs: number;
  warmup: number;
  /** Seconds a figure may spend on measured runs, per figure kind (see BUDGET). */
  budget(kind: keyof typeof BUDGET): number;
  rows: { small: number; mid: number; large: number };
  xlsxRows: number;
  /** Source datasets in the generated catalog (the bundled ones plus copies). */
  datasets: number;
  charts: number;
  /** Charts rendered once each by a fresh vl2svg process. */
  vl2svgSample: number;
  stages: ReadonlySet<StageId>;
  /** Encodings of the ingest comparison (both in a full run). */
  encodings: ReadonlyArray<'cp949' | 'utf-8'>;
}

/**
 * --quick runs one figure family per kind of child (ingest with its three references, transform,
 * charts with vl2svg) and skips the rest: what needs an Eleventy build takes tens of seconds even
 * for a tiny site, and growth and XLSX repeat the ingest child.
 */
export const QUICK_SKIPS: ReadonlySet<StageId> = new Set(['growth', 'xlsx', 'site', 'cycle', 'publish', 'startup']);

/**
 * Seconds of measured runs per figure for a 20-minute run. The first run always happens; more
 * follow while they fit, up to `runs`. A busy machine therefore gets fewer runs, not a longer
 * bench; `--budget MINUTES` scales every share.
 */
export const BUDGET = {
  ingest: 150, papaparse: 25, miller: 40, duckdb: 15, growthSmall: 30, growthLarge: 150, xlsx: 50, sheetjs: 20,
  transform: 40, duckdbSql: 15, diff: 40, charts: 120, vl2svgPerChart: 6, siteCold: 120, siteChanged: 80,
  cycleCold: 120, cycleNoChange: 60, cycleBundled: 30, publish: 15, startup: 20,
} as const;
const BUDGET_MINUTES = 20;

export function configFor(quick: boolean, only?: StageId[], budgetMinutes = BUDGET_MINUTES): BenchConfig {
  const stages = new Set<StageId>(only?.length ? only : STAGES.filter((s) => !quick || !QUICK_SKIPS.has(s)));
  const budget = (kind: keyof typeof BUDGET) => (BUDGET[kind] * budgetMinutes) / BUDGET_MINUTES;
  if (quick) {
    return {
      quick, runs: 1, warmup: 0, budget,
      rows: { small: 1_000, mid: 5_000, large: 20_000 }, xlsxRows: 2_000,
      datasets: 2, charts: 3, vl2svgSample: 1, stages, encodings: ['cp949'],
    };
  }
  return {
    quick, runs: 5, warmup: 1, budget,
    rows: { small: 100_000, mid: 1_000_000, large: 5_000_000 }, xlsxRows: 200_000,
    datasets: 20, charts: 200, vl2svgSample: 10, stages, encodings: ['cp949', 'utf-8'],
  };
}
