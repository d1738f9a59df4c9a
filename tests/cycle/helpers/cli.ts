// The citydash CLI for child-process tests, with `run` and `diff` registered even before the
// coordinator wires them into pipeline/cli/commands/index.ts (then this adds nothing).
import { commands } from '../../../pipeline/cli/commands/index.ts';
import { register as diff } from '../../../pipeline/cli/commands/diff.ts';
import { register as run } from '../../../pipeline/cli/commands/run.ts';

for (const r of [run, diff]) if (!commands.includes(r)) commands.push(r);
const { main } = await import('../../../pipeline/cli/main.ts');
process.exitCode = await main(process.argv);
