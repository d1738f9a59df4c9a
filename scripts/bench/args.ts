// Command-line options of `npm run bench`.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { STAGES, type StageId } from './config.ts';

export interface BenchArgs {
  quick: boolean;
  /** Folder for results.json and RESULTS.md; undefined: scripts/bench/ for a full run of every stage, else a new temporary folder. */
  out?: string;
  only?: StageId[];
  budgetMinutes?: number;
  profile: boolean;
}

export function parseBenchArgs(argv: string[], repo: string): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      only: { type: 'string' },
      budget: { type: 'string' },
      'no-profile': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`npm run bench [-- --quick] [--out DIR] [--only ${STAGES.join(',')}] [--budget MINUTES] [--no-profile]\n`);
    process.exit(0);
  }
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((s) => !(STAGES as readonly string[]).includes(s));
  if (unknown?.length) throw new Error(`--only: unknown stage ${unknown.join(', ')}; stages are ${STAGES.join(', ')}`);
  const budget = values.budget === undefined ? undefined : Number(values.budget);
  if (budget !== undefined && !(budget > 0)) throw new Error(`--budget ${JSON.stringify(values.budget)}: expected minutes, a positive number`);
  return {
    quick: values.quick ?? false,
    // Only a full run of every stage may replace the committed results: a smoke run (--quick) or
    // a partial one (--only) goes to a temporary folder unless --out names one.
    out: values.out ?? (values.quick || only?.length ? undefined : join(repo, 'scripts/bench')),
    only: only as StageId[] | undefined,
    budgetMinutes: budget,
    profile: !values['no-profile'],
  };
}
