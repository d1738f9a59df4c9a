// The citydash CLI: one commander program, one module per command under ./commands.
// Any CitydashError (a usage, input or publishing failure) is printed as one line and ends the
// command with its exit code; --verbose adds its stack and causes. Anything else is a bug in
// citydash: it is still one line, saying what to report.
import { Command, CommanderError } from 'commander';
import { CitydashError } from '../errors.ts';
import { commands } from './commands/index.ts';

export { configureSecretGuard, guardProcessOutput } from '../secret-guard.ts';

const REPORT = 'this is a bug in citydash; please report it with the command you ran and the output of the same command with --verbose';

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
    process.stderr.write(errorText(err, argv.includes('--verbose')));
    return err instanceof CitydashError ? err.exitCode : 1;
  }
}

/** What the user sees for a failed command: one line, or the whole chain with --verbose. */
export function errorText(err: unknown, verbose: boolean): string {
  const known = err instanceof CitydashError;
  const line = known ? `citydash: ${oneLine(err.message)}\n` : `citydash: internal error: ${oneLine(describe(err))}\n  (${REPORT})\n`;
  if (!verbose) return line;
  return `${line}${chain(err)}`;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Stacks of the error and each of its causes, for --verbose. */
function chain(err: unknown): string {
  let out = '';
  const seen = new Set<unknown>();
  for (let e: unknown = err; e !== undefined && e !== null && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const text = e instanceof Error ? (e.stack ?? describe(e)) : String(e);
    out += `${out ? 'caused by: ' : ''}${text}\n`;
  }
  return out;
}
