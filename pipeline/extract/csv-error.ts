import { InputError } from '../errors.ts';

/** A CSV that cannot be read as a table, located at `file:line` (physical line, 1-based). */
export class CsvError extends InputError {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}`, detail);
    this.name = 'CsvError';
  }
}
