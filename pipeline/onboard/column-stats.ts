// One pass over every record: for each column, which types (and date formats) read every
// value, how many values are empty under each, number ranges, text lengths, and how many
// values name a gu. Types are tried with validate's own coercers, so a type kept here is one
// `validate` reads without rejecting a row.
import { conformDistrict } from '../districts.ts';
import { isEmptyMarker, makeCoercer, parseIso, parseNumber, type Coercer } from '../validate/index.ts';
import type { ColumnType, RawValue } from '../types.ts';

export interface Candidate {
  type: ColumnType;
  format?: string;
  coerce: Coercer;
  alive: boolean;
  /** Values that read as null (empty) under this type. */
  nulls: number;
  /** The first value this type could not read. */
  firstBad?: RawValue;
  /** Smallest and largest canonical value (dates, numbers). */
  min?: string | number;
  max?: string | number;
}

export interface ColumnStats {
  index: number;
  nonEmpty: number;
  candidates: Candidate[];
  /** Some value has a time of day (`13:00`, or ten or more digits as in yyyyMMddHH). */
  hasTime: boolean;
  /** Numbers written with thousands separators (`1,395`). */
  grouped: number;
  /** Non-empty values that read as numbers. */
  numbers: number;
  /** Digit strings with a leading zero (`0012`) or too long for a number: identifiers. */
  codeLike: boolean;
  maxLength: number;
  /** Distinct non-empty values, up to DISTINCT_CAP. */
  distinct: Map<string, number>;
  distinctOverflow: boolean;
  /** Values that name a gu: strictly, and also accepting short Korean names (종로). */
  gu: { matched: number; matchedShort: number; codes: number };
  /** Stopped counting gu matches: too few in the first values for the column to name gu. */
  guGaveUp: boolean;
  /** Integer values that run 1, 2, 3… down the file: a row number. */
  sequential: boolean;
  lastInteger?: number;
}

const DISTINCT_CAP = 5000;
const GU_GIVE_UP_AFTER = 1000;
const GU_GIVE_UP_RATE = 0.05;
const NO_GU: [boolean, boolean, boolean] = [false, false, false];

export const DATE_FORMATS = [
  'yyyy-MM-dd', 'yyyyMMdd', 'yyyy.MM.dd', 'yyyy/MM/dd', 'yyyy. M. d.', 'yyyy. M. d', 'yyyy.M.d', 'yyyy-M-d', 'yyyy/M/d', 'yyyy년 M월 d일',
  'yyyy-MM', 'yyyyMM', 'yyyy.MM', 'yyyy/MM', 'yyyy년 M월',
];
export const DATETIME_FORMATS = [
  'yyyy-MM-dd HH:mm', 'yyyy-MM-dd HH:mm:ss', 'yyyyMMddHHmm', 'yyyyMMddHH', 'yyyyMMdd HH:mm', 'yyyyMMdd HH', 'yyyy-MM-dd HH', 'yyyy.MM.dd HH:mm',
  'yyyy.MM.dd HH:mm:ss', 'yyyy/MM/dd HH:mm', 'yyyy/MM/dd HH:mm:ss', 'yyyy-MM-dd H:mm', 'yyyy. M. d. H:mm',
];
/** What a yes/no column holds; `1`/`0` stay integers. */
const YES_NO = new Set(['y', 'n', 'yes', 'no', 'true', 'false', '예', '아니오', '아니요', '네']);

export class StatsCollector {
  readonly columns: ColumnStats[];
  rows = 0;
  private readonly guMemo = new Map<string, [boolean, boolean, boolean]>();

  constructor(width: number) {
    this.columns = Array.from({ length: width }, (_, index) => ({
      index,
      nonEmpty: 0,
      candidates: candidates(),
      hasTime: false,
      grouped: 0,
      numbers: 0,
      codeLike: false,
      maxLength: 0,
      distinct: new Map(),
      distinctOverflow: false,
      gu: { matched: 0, matchedShort: 0, codes: 0 },
      guGaveUp: false,
      sequential: true,
    }));
  }

  add(values: readonly RawValue[]): void {
    this.rows++;
    for (const col of this.columns) this.cell(col, values[col.index] ?? null);
  }

  private cell(col: ColumnStats, raw: RawValue): void {
    this.types(col, raw);
    const text = raw === null ? '' : String(raw).trim();
    if (text === '') {
      col.sequential = false;
      return;
    }
    col.nonEmpty++;
    // Code units bound code points from above, which is all a maxLength needs.
    if (text.length > col.maxLength) col.maxLength = text.length;
    if (!col.hasTime && (/\d{1,2}:\d{2}/.test(text) || /^\d{10,}$/.test(text))) col.hasTime = true;
    if (typeof raw === 'string' && text.includes(',') && /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) col.grouped++;
    const n = parseNumber(raw);
    if (n.ok && n.value !== null) col.numbers++;
    if (!col.codeLike && typeof raw === 'string' && (text[0] === '0' || text.length > 15) && (/^0\d+$/.test(text) || /^\d{16,}$/.test(text))) col.codeLike = true;
    this.sequence(col, text);
    if (!col.distinctOverflow) {
      col.distinct.set(text, (col.distinct.get(text) ?? 0) + 1);
      if (col.distinct.size > DISTINCT_CAP) col.distinctOverflow = true;
    }
    if (col.guGaveUp) return;
    const [strict, short, code] = this.gu(text);
    if (strict) col.gu.matched++;
    if (short) col.gu.matchedShort++;
    if (code) col.gu.codes++;
    // A column that has named almost no gu in a thousand values will not name them in most rows.
    if (col.nonEmpty >= GU_GIVE_UP_AFTER && col.gu.matchedShort < col.nonEmpty * GU_GIVE_UP_RATE) col.guGaveUp = true;
  }

  /**
   * Which candidate types still read every value. Date and datetime formats all read an ISO
   * value the same way (validate reads ISO whatever the format says), so for those one
   * coercion answers for the whole family; other values are tried format by format.
   */
  private types(col: ColumnStats, raw: RawValue): void {
    let iso: boolean | undefined;
    let family: { type: ColumnType; result: ReturnType<Coercer> } | undefined;
    for (const c of col.candidates) {
      if (!c.alive) continue;
      if (c.type === 'boolean' && typeof raw !== 'boolean' && !isEmptyMarker(raw) && !YES_NO.has(String(raw).trim().toLowerCase())) {
        kill(c, raw);
        continue;
      }
      let r: ReturnType<Coercer>;
      if (c.type === 'date' || c.type === 'datetime') {
        iso ??= raw === null || (typeof raw === 'string' && (raw.trim() === '' || parseIso(raw.trim()) !== null));
        if (iso && family?.type === c.type) r = family.result;
        else {
          r = c.coerce(raw);
          if (iso) family = { type: c.type, result: r };
        }
      } else {
        r = c.coerce(raw);
      }
      if (!r.ok) {
        kill(c, raw);
        continue;
      }
      if (r.value === null) c.nulls++;
      else if (typeof r.value === 'number' || typeof r.value === 'string') {
        if (c.min === undefined || r.value < c.min) c.min = r.value;
        if (c.max === undefined || r.value > c.max) c.max = r.value;
      }
    }
  }

  private sequence(col: ColumnStats, text: string): void {
    if (!col.sequential) return;
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n) || (col.lastInteger === undefined ? n > 1 : n !== col.lastInteger + 1)) col.sequential = false;
    else col.lastInteger = n;
  }

  private gu(text: string): [boolean, boolean, boolean] {
    // Digits name a gu only as a 5- or 10-digit code starting 11 (11110, 1111000000).
    if (/^\d+$/.test(text) && !((text.length === 5 || text.length === 10) && text.startsWith('11'))) return NO_GU;
    let hit = this.guMemo.get(text);
    if (!hit) {
      const strict = conformDistrict(text, { shortKorean: false });
      hit = [strict !== null, (strict ?? conformDistrict(text, { shortKorean: true })) !== null, strict !== null && /^\d+$/.test(text)];
      if (this.guMemo.size < 20_000) this.guMemo.set(text, hit);
    }
    return hit;
  }
}

function kill(c: Candidate, raw: RawValue): void {
  c.alive = false;
  c.firstBad = raw;
}

function candidates(): Candidate[] {
  const make = (type: ColumnType, format?: string): Candidate => ({ type, ...(format ? { format } : {}), coerce: makeCoercer({ type, format }), alive: true, nulls: 0 });
  return [
    make('boolean'),
    ...DATETIME_FORMATS.map((f) => make('datetime', f)),
    ...DATE_FORMATS.map((f) => make('date', f)),
    make('integer'),
    make('number'),
    make('string'),
  ];
}
