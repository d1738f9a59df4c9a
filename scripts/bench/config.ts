// What a run measures and how often. The full run is bounded to about 20 minutes on a quiet
// 2-core machine: cheap figures take 5 runs after a warm-up; the few that cost minutes per run
// (5M-row ingest, cold site build, cold cycle) take fewer, and the report says how many.
export const STAGES = ['ingest', 'growth', 'xlsx', 'transform', 'charts', 'site', 'cycle', 'publish'] as const;
export type StageId = (typeof STAGES)[number];

export interface BenchConfig {
  quick: boolean;
  /** Measured runs per figure, after `warmup` discarded runs. */
  runs: number;
  warmup: number;
  /** Runs for figures that take minutes each. */
  heavyRuns: number;
  rows: { small: number; mid: number; large: number };
  xlsxRows: number;
  /** Source datasets in the generated catalog (the bundled ones plus copies). */
  datasets: number;
  charts: number;
  /** Charts rendered once each by a fresh vl2svg process. */
  vl2svgSample: number;
  stages: ReadonlySet<StageId>;
}

export function configFor(quick: boolean, only?: StageId[]): BenchConfig {
  const stages = new Set<StageId>(only?.length ? only : STAGES);
  if (quick) {
    return {
      quick, runs: 1, warmup: 0, heavyRuns: 1,
      rows: { small: 1_000, mid: 5_000, large: 20_000 }, xlsxRows: 2_000,
      datasets: 9, charts: 4, vl2svgSample: 1, stages,
    };
  }
  return {
    quick, runs: 5, warmup: 1, heavyRuns: 3,
    rows: { small: 100_000, mid: 1_000_000, large: 5_000_000 }, xlsxRows: 200_000,
    datasets: 20, charts: 200, vl2svgSample: 10, stages,
  };
}
