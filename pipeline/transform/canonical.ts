import { DuckDBTypeId, type DuckDBType, type Json } from '@duckdb/node-api';
import type { Value } from '../types.ts';
import { CitydashError } from '../errors.ts';
import { seoulWallClock } from '../seoul-time.ts';

// DuckDB result values -> the canonical JSON values every stage agrees on (docs/architecture.md
// §2): dates "yyyy-MM-dd", datetimes "yyyy-MM-ddTHH:mm" in Seoul local time,
// every integer and decimal a JS number. Starts from the node-api Json converter, which
// already gives strings for dates, timestamps, BIGINT and DECIMAL.

export type ToCanonical = (value: Json) => Value;

/** A result column whose DuckDB type has no canonical JSON form (LIST, STRUCT, BLOB, ...). */
export class UnsupportedColumnTypeError extends CitydashError {
  constructor(
    readonly column: string,
    readonly type: string,
  ) {
    super(undefined, `column ${JSON.stringify(column)} has DuckDB type ${type}, which a canonical row cannot hold; cast it to VARCHAR, DOUBLE, BIGINT, DATE, TIMESTAMP or BOOLEAN`);
    this.name = 'UnsupportedColumnTypeError';
  }
}

const toNumber: ToCanonical = (v) => {
  if (v === null) return null;
  const n = typeof v === 'number' ? v : Number(v);
  // NaN and ±Infinity have no JSON form; they mean "no value" to every later stage.
  return Number.isFinite(n) ? n : null;
};
const toText: ToCanonical = (v) => (v === null ? null : String(v));
const toBoolean: ToCanonical = (v) => (v === null ? null : Boolean(v));
const toDate: ToCanonical = (v) => (v === null ? null : /^\d{4}-\d\d-\d\d$/.test(String(v)) ? String(v) : null);
/** "2018-01-01 13:05:00[.ffffff]" -> "2018-01-01T13:05" (canonical datetimes carry minutes). */
const toDatetime: ToCanonical = (v) => {
  if (v === null) return null;
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d)/.exec(String(v));
  return m ? `${m[1]}T${m[2]}` : null;
};
/** "2018-01-01 04:05:00+00" (an instant) -> Seoul wall-clock time. */
const toSeoulDatetime: ToCanonical = (v) => {
  if (v === null) return null;
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d)(?::?(\d\d))?$/.exec(String(v));
  if (!m) return null;
  const ms = Date.parse(`${m[1]}T${m[2]}${m[3]}:${m[4] ?? '00'}`);
  if (Number.isNaN(ms)) return null;
  return seoulWallClock(ms).toISOString().slice(0, 16);
};

const BY_TYPE: Partial<Record<DuckDBTypeId, ToCanonical>> = {
  [DuckDBTypeId.BOOLEAN]: toBoolean,
  [DuckDBTypeId.TINYINT]: toNumber,
  [DuckDBTypeId.SMALLINT]: toNumber,
  [DuckDBTypeId.INTEGER]: toNumber,
  [DuckDBTypeId.BIGINT]: toNumber,
  [DuckDBTypeId.HUGEINT]: toNumber,
  [DuckDBTypeId.UTINYINT]: toNumber,
  [DuckDBTypeId.USMALLINT]: toNumber,
  [DuckDBTypeId.UINTEGER]: toNumber,
  [DuckDBTypeId.UBIGINT]: toNumber,
  [DuckDBTypeId.UHUGEINT]: toNumber,
  [DuckDBTypeId.BIGNUM]: toNumber,
  [DuckDBTypeId.FLOAT]: toNumber,
  [DuckDBTypeId.DOUBLE]: toNumber,
  [DuckDBTypeId.DECIMAL]: toNumber,
  [DuckDBTypeId.DATE]: toDate,
  [DuckDBTypeId.TIMESTAMP]: toDatetime,
  [DuckDBTypeId.TIMESTAMP_S]: toDatetime,
  [DuckDBTypeId.TIMESTAMP_MS]: toDatetime,
  [DuckDBTypeId.TIMESTAMP_NS]: toDatetime,
  [DuckDBTypeId.TIMESTAMP_TZ]: toSeoulDatetime,
  [DuckDBTypeId.VARCHAR]: toText,
  [DuckDBTypeId.ENUM]: toText,
  [DuckDBTypeId.UUID]: toText,
  [DuckDBTypeId.TIME]: toText,
  [DuckDBTypeId.TIME_NS]: toText,
  [DuckDBTypeId.SQLNULL]: () => null,
};

/** The converter for one result column, or UnsupportedColumnTypeError. */
export function canonicalConverter(column: string, type: DuckDBType): ToCanonical {
  const convert = BY_TYPE[type.typeId];
  if (!convert) throw new UnsupportedColumnTypeError(column, type.toString());
  return convert;
}

/** Converters for every column of a result, in column order. */
export function canonicalConverters(names: string[], types: DuckDBType[]): ToCanonical[] {
  return names.map((name, i) => canonicalConverter(name, types[i]!));
}
