// results.json: everything a run measured, machine-readable.
import type { Figure } from './figures.ts';
import type { GoalResult } from './goals.ts';
import type { MachineInfo } from './machine.ts';
import type { ProfileResult } from './profile.ts';

export interface BenchResults {
  date: string;
  mode: 'full' | 'quick';
  command: string;
  seed: number;
  totalSeconds: number;
  machine: MachineInfo;
  /** 1, 5 and 15-minute load averages at the start and the end of the run. */
  loadAverage: { start: number[]; end: number[] };
  /** Run counts: up to `runs` measured runs per figure within a time budget, after `warmup`. */
  method: { runs: number; warmup: number; budgetMinutes: number; peakRss: string };
  figures: Figure[];
  goals: GoalResult[];
  /** CPU profiles of the figures behind the goals not met, and of the slowest figure. */
  profiles: ProfileResult[];
  /** scripts/bench/attempts.md: what was tried for the goals not met, and what each did. */
  attempts: string | null;
}
