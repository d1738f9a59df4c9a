// Runs the `citydash serve` command module on its own (the coordinator wires it into the real
// CLI), so a test can start it, use it and stop it with a signal like a person would.
import { Command } from 'commander';
import { register } from '../../../pipeline/cli/commands/serve.ts';
import { CitydashError } from '../../../pipeline/errors.ts';

const program = new Command('citydash').exitOverride();
let code = 0;
register(program, (c) => {
  code = c;
});
try {
  await program.parseAsync(['node', 'citydash', ...process.argv.slice(2)]);
  process.exitCode = code;
} catch (err) {
  process.stderr.write(`error: ${(err as Error).message}\n`);
  process.exitCode = err instanceof CitydashError ? err.exitCode : 1;
}
