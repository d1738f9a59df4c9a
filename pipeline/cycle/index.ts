// The cycle stage's entrance: what code outside pipeline/cycle/ may use.
export { diffCycles } from './range-diff.ts';
export { runCycle, type CycleResult } from './run-cycle.ts';
