// Canonical column <- raw header. Departments rename headers between years (2014
// `미세먼지(㎍/㎥)`, 2018 `미세먼지농도(㎍/㎥)`), so each column lists every name it has had;
// the first listed name found in the file wins.
import type { ColumnSpec } from '../types.ts';
import { CitydashError, quote } from '../errors.ts';

/** Headers listed in a message at most; a file with thousands of "headers" is named by count. */
const SHOWN_HEADERS = 30;

export interface ColumnBinding {
  column: string;
  /** Index into RawRecord.values. */
  index: number;
  /** The raw header it was found under. */
  header: string;
}

export class HeaderMismatchError extends CitydashError {
  constructor(
    where: string,
    readonly missing: { column: string; expected: string[] }[],
    readonly found: string[],
  ) {
    const what = missing
      .map((m) => `column ${m.column} expects a header named ${m.expected.map((e) => JSON.stringify(e)).join(' or ')}`)
      .join('; ');
    const listed = found.slice(0, SHOWN_HEADERS).map((h) => quote(h, 80)).join(', ');
    const more = found.length > SHOWN_HEADERS ? ` and ${(found.length - SHOWN_HEADERS).toLocaleString('en-US')} more` : '';
    const shown = found.length ? `${listed}${more}` : '(no headers)';
    super(where, `${what}; the file's headers are ${shown}`);
    this.name = 'HeaderMismatchError';
  }
}

/**
 * Loose form for a second pass: Unicode-compatible (NFKC turns ㎍ into μg), no whitespace,
 * no case, so `미세먼지 농도(㎍/㎥)` and `PM10 ` still match.
 */
function loose(h: string): string {
  return h.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

export function mapHeaders(headers: readonly string[], columns: Record<string, Pick<ColumnSpec, 'from'>>, where: string): ColumnBinding[] {
  const exact = new Map<string, number>();
  const relaxed = new Map<string, number>();
  headers.forEach((h, i) => {
    const name = String(h ?? '').normalize('NFC').trim();
    if (!exact.has(name)) exact.set(name, i);
    if (!relaxed.has(loose(name))) relaxed.set(loose(name), i);
  });
  const bindings: ColumnBinding[] = [];
  const missing: { column: string; expected: string[] }[] = [];
  for (const [column, spec] of Object.entries(columns)) {
    const from = spec.from.length ? spec.from : [column];
    const index = firstIndex(from, (f) => exact.get(f.normalize('NFC').trim())) ?? firstIndex(from, (f) => relaxed.get(loose(f)));
    if (index === undefined) missing.push({ column, expected: from });
    else bindings.push({ column, index, header: headers[index] });
  }
  if (missing.length) throw new HeaderMismatchError(where, missing, [...headers]);
  return bindings;
}

function firstIndex(names: readonly string[], lookup: (name: string) => number | undefined): number | undefined {
  for (const n of names) {
    const i = lookup(n);
    if (i !== undefined) return i;
  }
  return undefined;
}
