// The citydash CLI: one commander program, one module per command under ./commands.
// Commands throw CliError for usage problems; anything else is an internal error (exit 1).
import { Command, CommanderError } from 'commander';
import { CliError } from '../errors.ts';
import { commands } from './commands/index.ts';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('citydash')
    .description('Turn a city\'s departmental data into a public, bilingual dashboard.')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  let exitCode = 0;
  for (const register of commands) register(program, (code) => { exitCode = code; });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 1;
    if (err instanceof CliError) {
      process.stderr.write(`citydash: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`citydash: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}
