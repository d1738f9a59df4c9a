import { InputError } from '../errors.ts';

/** A workbook that cannot (or must not) be read, located by file and, when known, sheet and row. */
export class XlsxError extends InputError {
  constructor(
    readonly file: string,
    detail: string,
    readonly sheet?: string,
    readonly row?: number,
  ) {
    super(sheet === undefined ? file : `${file} [${sheet}${row === undefined ? '' : ` row ${row}`}]`, detail);
    this.name = 'XlsxError';
  }
}
