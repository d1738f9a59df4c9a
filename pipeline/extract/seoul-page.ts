// One response of the Seoul Open API, read from its wire format:
//   {"<Root>": {"list_total_count": N, "RESULT": {"CODE": "INFO-000", "MESSAGE": "..."}, "row": [...]}}
// The root key is usually the service name but not always (`bikeList` answers under
// `rentBikeStatus`), so the single top-level object holding RESULT/row is taken. "No data"
// comes as a bare top-level {"RESULT": {"CODE": "INFO-200"}}, and some errors as XML.

import { quote } from '../errors.ts';
import { SEOUL_NO_DATA, SEOUL_OK } from './seoul-codes.ts';
import { SeoulApiError, SeoulFormatError } from './seoul-errors.ts';
import { parseXmlResult } from './seoul-xml.ts';

export interface SeoulPage {
  /** list_total_count: rows in the whole result, not this page (0 for INFO-200). */
  total: number;
  rows: Record<string, unknown>[];
  /** INFO-000 or INFO-200; every other code throws SeoulApiError. */
  code: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parse one page. `where` names it in errors (`GET <masked url>` or a sample's path).
 * Server-supplied text in errors passes through `mask` (a server may echo the key).
 */
export function parseSeoulPage(bytes: Uint8Array, service: string, where: string, mask: (s: string) => string = (s) => s): SeoulPage {
  const text = decodeUtf8(bytes, where);
  const start = text.trimStart();
  if (start === '') throw new SeoulFormatError(where, 'empty response body');
  if (start.startsWith('<')) return fromXml(start, where, mask);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const detail = mask((err as Error).message);
    throw new SeoulFormatError(where, `not valid JSON, truncated or malformed (${detail}); ${bytes.byteLength.toLocaleString('en-US')} bytes ending ${quote(mask(text.slice(-40)))}`);
  }
  if (!isObj(doc)) throw new SeoulFormatError(where, `expected a JSON object, got ${quote(mask(text.slice(0, 60)))}`);
  const container = findContainer(doc, service, where);
  const code = resultCode(container, where);
  if (code === SEOUL_NO_DATA) return { total: 0, rows: [], code };
  if (code !== SEOUL_OK) throw new SeoulApiError(code, resultMessage(container, mask), where);
  const total = totalCount(container, where);
  return { total, rows: rowsOf(container, total, where), code };
}

function decodeUtf8(bytes: Uint8Array, where: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // The decoder says only that the bytes are invalid, which this message says with where.
    throw new SeoulFormatError(where, 'response is not valid UTF-8 text');
  }
}

function fromXml(text: string, where: string, mask: (s: string) => string): SeoulPage {
  const result = parseXmlResult(text);
  if (!result) throw new SeoulFormatError(where, `expected JSON, got markup without a RESULT code: ${quote(mask(text.slice(0, 80)))}`);
  if (result.code === SEOUL_NO_DATA) return { total: 0, rows: [], code: result.code };
  if (result.code === SEOUL_OK) throw new SeoulFormatError(where, 'answered XML data to a JSON request; check that the URL has /json/ after the key');
  throw new SeoulApiError(result.code, result.message === undefined ? undefined : mask(result.message), where);
}

/** The object that holds RESULT/row: the service's key, else the only such key, else the top level. */
function findContainer(doc: Obj, service: string, where: string): Obj {
  const named = doc[service];
  if (isObj(named)) return named;
  const holders = Object.keys(doc).filter((k) => {
    const v = doc[k];
    return isObj(v) && ('RESULT' in v || 'row' in v || 'list_total_count' in v);
  });
  if (holders.length === 1) return doc[holders[0]] as Obj;
  if (holders.length > 1) {
    throw new SeoulFormatError(where, `several result objects (${holders.map((k) => quote(k)).join(', ')}) and none named ${quote(service)}`);
  }
  if ('RESULT' in doc) return doc;
  const keys = Object.keys(doc).slice(0, 8).map((k) => quote(k)).join(', ');
  throw new SeoulFormatError(where, `no object with RESULT or row for service ${quote(service)}; top-level keys: ${keys || '(none)'}`);
}

function resultCode(container: Obj, where: string): string {
  const result = container.RESULT;
  if (result === undefined && Array.isArray(container.row)) return SEOUL_OK; // a mirror that strips RESULT
  const code = isObj(result) ? (result.CODE ?? result.code) : undefined;
  if (typeof code !== 'string' || code.trim() === '') {
    throw new SeoulFormatError(where, `RESULT has no CODE: ${quote(result)}`);
  }
  return code.trim();
}

function resultMessage(container: Obj, mask: (s: string) => string): string | undefined {
  const result = container.RESULT;
  const msg = isObj(result) ? (result.MESSAGE ?? result.message) : undefined;
  return typeof msg === 'string' ? mask(msg) : undefined;
}

function totalCount(container: Obj, where: string): number {
  const raw = container.list_total_count;
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new SeoulFormatError(where, `list_total_count is ${raw === undefined ? 'missing' : `not a row count: ${quote(raw)}`}`);
  }
  return n;
}

function rowsOf(container: Obj, total: number, where: string): Obj[] {
  const rows = container.row;
  if (rows === undefined && total === 0) return [];
  if (rows === undefined) throw new SeoulFormatError(where, `list_total_count is ${total} but there is no row array`);
  if (!Array.isArray(rows)) throw new SeoulFormatError(where, `row is not an array: ${quote(rows)}`);
  rows.forEach((r, i) => {
    if (!isObj(r)) throw new SeoulFormatError(where, `row[${i}] is not an object: ${quote(r)}`);
  });
  return rows as Obj[];
}
