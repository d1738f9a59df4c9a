// Failures specific to the Seoul Open API: the service answered with a result code other
// than success, answered something that is not its wire format, or was asked wrongly.
// `where` is `GET <url with the key masked>` or the sample file's path.

import { CitydashError, InputError, quote } from '../errors.ts';
import { SEOUL_CODES, translateSeoulCode } from './seoul-codes.ts';

/** The service answered a result code other than INFO-000 / INFO-200. */
export class SeoulApiError extends CitydashError {
  readonly messageKo: string;
  readonly messageEn: string;
  constructor(
    readonly code: string,
    /** The service's own message (Korean), already masked. */
    message: string | undefined,
    where: string,
    readonly attempts = 1,
  ) {
    const ko = message?.trim() || SEOUL_CODES[code]?.ko || '';
    const en = translateSeoulCode(code);
    const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    super(where, `Seoul Open API ${code} ${quote(ko, 200)} (${en})${tries}`);
    this.name = 'SeoulApiError';
    this.messageKo = ko;
    this.messageEn = en;
  }
}

/** The response is not the Seoul wire format: not JSON, truncated, or an unexpected shape. */
export class SeoulFormatError extends InputError {
  constructor(where: string, detail: string) {
    super(where, detail);
    this.name = 'SeoulFormatError';
  }
}

/** The request cannot be made as described: bad service name, parameter template or base URL. */
export class SeoulConfigError extends InputError {
  constructor(where: string, detail: string) {
    super(where, detail);
    this.name = 'SeoulConfigError';
  }
}
