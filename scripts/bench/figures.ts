// The result model shared by the stages, results.json and RESULTS.md.
import type { Measured } from './measure.ts';
import type { StageId } from './config.ts';
import { rate, type Spread } from './stats.ts';

export interface Figure {
  id: string;
  stage: StageId;
  /** What was measured, for people. */
  label: string;
  /** Throughput (median, min, max over runs), e.g. rows/s. */
  throughput?: { value: Spread; unit: string };
  measured?: Omit<Measured, 'results' | 'lastStdout'>;
  /** This figure's median throughput over each reference's, measured in the same run. */
  ratios?: Ratio[];
  /** Counts that are not timings: objects written, charts re-rendered, rows. */
  counts?: Record<string, number | string>;
  note?: string;
  /** Set instead of a measurement: why this figure is missing. */
  notMeasured?: string;
}

export interface Ratio {
  /** Id of the reference figure. */
  to: string;
  /** Wall-clock ratio (> 1: citydash is faster). */
  value: number;
  /** The same from CPU seconds, which a busy shared machine distorts less. */
  cpuValue?: number;
}

export function throughputFigure(
  base: Pick<Figure, 'id' | 'stage' | 'label' | 'note' | 'counts'>, m: Measured, count: number, unit: string,
): Figure {
  const { results: _results, lastStdout: _out, ...measured } = m;
  return { ...base, throughput: { value: rate(count, m.wall), unit }, measured };
}

/**
 * Adds the ratio of medians to `ref`, for the same amount of work: wall-clock (the headline)
 * and CPU time. `perUnit` scales when the two did different amounts (e.g. charts).
 */
export function addRatio(fig: Figure, ref: Figure, perUnit: { fig: number; ref: number } = { fig: 1, ref: 1 }): void {
  if (!fig.measured || !ref.measured) return;
  const unit = (m: { median: number }, n: number) => m.median / n;
  const value = unit(ref.measured.wall, perUnit.ref) / unit(fig.measured.wall, perUnit.fig);
  const cpuValue = fig.measured.cpu && ref.measured.cpu ? unit(ref.measured.cpu, perUnit.ref) / unit(fig.measured.cpu, perUnit.fig) : undefined;
  (fig.ratios ??= []).push({ to: ref.id, value, ...(cpuValue === undefined ? {} : { cpuValue }) });
}

export function notMeasured(id: string, stage: StageId, label: string, why: string): Figure {
  return { id, stage, label, notMeasured: why };
}

/** Peak JS heap and external memory an ingest child reported (children/report.ts memoryPeaks). */
export function memoryCounts(result: Record<string, unknown>): { peakHeapMb: number; peakExternalMb: number } {
  return { peakHeapMb: Number(result.peakHeapMb), peakExternalMb: Number(result.peakExternalMb) };
}
