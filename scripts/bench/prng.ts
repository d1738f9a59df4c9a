// Bench inputs use the samples' seeded PRNG (mulberry32), so every input is byte-identical run
// after run: a changed figure then means a changed pipeline or machine, never different data.
export { createRng, type Rng } from '../samples/prng.ts';

export const SEED = 20261128;
