// One error class per failure; each message says where (file:line:col, URL, dataset id).
// `CliError` is the only one the CLI turns into an exit code; everything else is caught at
// the stage boundary and recorded against the dataset or chart that failed.

/** Quote an offending value for a message: short, one line, visibly empty when empty. */
export function quote(value: unknown, max = 60): string {
  if (value === null || value === undefined) return '(empty)';
  let s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  s = s.replace(/\s+/g, ' ');
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  return JSON.stringify(s);
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A problem with input the user or a department supplied, located in a file. */
export class InputError extends Error {
  constructor(
    readonly where: string,
    detail: string,
  ) {
    super(`${where}: ${detail}`);
    this.name = 'InputError';
  }
}
