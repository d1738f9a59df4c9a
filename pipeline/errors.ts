// One error base for every failure a person can act on: it says where (file:line:col, URL,
// dataset id, option), what is wrong (the detail, naming the offending value), what caused it
// (`cause`, kept for --verbose), and the exit code a command ends with. The CLI prints any of
// them as one line; anything that is not a CitydashError is a bug and is reported as one.
// Stages catch these at their boundary and record them against the dataset or chart that failed.

/**
 * Quote an offending value for a message: short, one line, visibly empty when empty. Every
 * message that quotes input (a header, a rejected value, a server's answer) goes through here,
 * so none carries a whole file into a report or a page: past `max` characters it says how many
 * more there were.
 */
export function quote(value: unknown, max = 60): string {
  if (value === null || value === undefined) return '(empty)';
  let s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  s = s.replace(/\s+/g, ' ');
  const cut = capped(s, max);
  return cut ? `${JSON.stringify(cut.kept)} (${cut.more})` : JSON.stringify(s);
}

/** `text` cut to `max` characters, saying how many more there were: `abc… (1,234 more characters)`. */
export function capText(text: string, max: number): string {
  const cut = capped(text, max);
  return cut ? `${cut.kept} (${cut.more})` : text;
}

/** The first `max - 1` characters and "…" when `text` is longer, in whole code points (a cut surrogate pair would print as U+FFFD). */
function capped(text: string, max: number): { kept: string; more: string } | undefined {
  if (text.length <= max) return undefined;
  const chars = [...text];
  if (chars.length <= max) return undefined;
  return { kept: `${chars.slice(0, max - 1).join('')}…`, more: `${(chars.length - max + 1).toLocaleString('en-US')} more characters` };
}

/** The exit code of a usage, input or publishing failure (docs/architecture.md §3). */
export const EXIT_FAILURE = 1;

export interface CitydashErrorOptions {
  cause?: unknown;
  exitCode?: number;
}

export class CitydashError extends Error {
  /** Where the problem is, when it has a place: `file:line`, a URL, `--target "…"`, a dataset id. */
  readonly where: string | undefined;
  /** What is wrong there, naming the offending value. */
  readonly detail: string;
  readonly exitCode: number;

  constructor(where: string | undefined, detail: string, options: CitydashErrorOptions = {}) {
    super(where ? `${where}: ${detail}` : detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.where = where;
    this.detail = detail;
    this.exitCode = options.exitCode ?? EXIT_FAILURE;
  }
}

/** A usage problem found by a command (a bad option, an unknown id). */
export class CliError extends CitydashError {
  constructor(message: string, exitCode = EXIT_FAILURE, options: { cause?: unknown } = {}) {
    super(undefined, message, { exitCode, cause: options.cause });
    this.name = 'CliError';
  }
}

/** A problem with input the user or a department supplied, located in a file. */
export class InputError extends CitydashError {
  constructor(where: string, detail: string, options: CitydashErrorOptions = {}) {
    super(where, detail, options);
    this.name = 'InputError';
  }
}

/** The message of anything thrown, for a log line or a report. */
export function messageOf(err: unknown): string {
  if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') return (err as { message: string }).message;
  return String(err);
}
