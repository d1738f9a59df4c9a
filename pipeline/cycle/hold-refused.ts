// A dataset published before whose descriptor is now refused (a key it may not have, YAML that
// does not parse, a reference to a refused dataset) cannot run: nothing in a refused file is
// trusted. Its data is not lost for that (docs/architecture.md §1): the last good snapshot stays
// in the work dir and in the manifest, marked stale with the refusal (file:line:col), so the
// target keeps it and it is not retired. Only a descriptor file that is gone (the id is in no
// file) lets the dataset go.
import { formatProblem } from '../catalog/index.ts';
import type { Manifest, Target } from '../publish/index.ts';
import type { Logger, Problem } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { carryOver } from './snapshots.ts';

export interface HoldInput {
  refused: ReadonlyMap<string, Problem>;
  base: Manifest | null;
  work: WorkDir;
  target: Target;
  now: Date;
  log: Logger;
}

/** Ids of the published datasets whose last good data is kept although their descriptor was refused. */
export async function holdRefused(input: HoldInput): Promise<string[]> {
  const held: string[] = [];
  for (const [id, problem] of [...input.refused].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const published = input.base?.datasets[id];
    if (!published) continue;
    const reason = `descriptor refused: ${formatProblem(problem)}`;
    const meta = await carryOver(input.work, id, published, input.target, { reason, now: input.now });
    if (!meta) {
      input.log.error(`${id}: its descriptor was refused and its last good data could not be read back from ${input.target.name}`);
      continue;
    }
    input.log.status('stale', id, reason);
    held.push(id);
  }
  return held;
}
