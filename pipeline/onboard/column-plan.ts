// Each column's canonical name, type, date format, unit and title, decided from what one
// pass over the file saw (column-stats.ts). The rule, in order: nothing written -> string;
// yes/no -> boolean; dates with a time of day -> datetime; dates -> date (a run of digits
// such as 201801 only when the header says it is a time); whole numbers -> integer; numbers
// -> number; anything else -> string. Codes with leading zeros stay text.
import type { ColumnType, Localized, RawValue } from '../types.ts';
import type { NamedHeader } from './column-names.ts';
import type { Candidate, ColumnStats } from './column-stats.ts';

export interface ColumnPlan {
  index: number;
  header: string;
  name: string;
  type: ColumnType;
  format?: string;
  unit?: string;
  title: Localized;
  /** The English title is a guess from a romanized header. */
  titleGuessed: boolean;
  nonEmpty: number;
  /** Values that read as empty (null) under the chosen type. */
  nulls: number;
  min?: number | string;
  max?: number | string;
  maxLength: number;
  /** Translation table its values are shown with on English pages (`gu` for gu names). */
  labels?: string;
  /** What was seen or guessed about this column, for the comments and the summary. */
  notes: Note[];
}

/** A remark for a comment; `review` marks a guess a person should check. */
export interface Note {
  text: string;
  review: boolean;
}

export interface PlanContext {
  /** `단위: 백만원` from a title row, for number columns whose header names no unit. */
  titleUnit?: string;
  /** Index of the column conformed to the gu: kept as text even when it holds codes. */
  districtIndex?: number;
}

const COMPACT = /^yyyy(MM)?(dd)?(HH)?(mm)?$/;
/** Codes and ids: identifiers, compared as text even when every one is a number. */
const CODE_NAME = /(^|_)(code|cd|id)$/;
/** Units of things counted or money: whole numbers stay integers. */
const COUNTED = new Set(['명', '건', '대', '개', '개소', '곳', '가구', '세대', '호', '동', '회', '원', '천원', '만원', '백만원', '억원', '조원', '점', '척', '채']);
const RATE = /(률|율|비율|비중|지수|rate|ratio|pct|percent)$/i;

/** @param stats indexed like the records' values (`NamedHeader.index`). */
export function planColumns(named: readonly NamedHeader[], stats: readonly ColumnStats[], ctx: PlanContext = {}): ColumnPlan[] {
  const used = new Set(named.map((n) => n.name));
  return named.map((n) => planColumn(n, stats[n.index]!, ctx, used));
}

function planColumn(n: NamedHeader, s: ColumnStats, ctx: PlanContext, used: Set<string>): ColumnPlan {
  const notes: Note[] = [];
  const chosen = chooseType(n, s, ctx, notes);
  let name = n.name;
  if (chosen.type === 'datetime' && name === 'date' && !used.has('datetime')) {
    used.delete(name);
    used.add((name = 'datetime'));
  }
  let unit = n.unit;
  if (!unit && ctx.titleUnit && (chosen.type === 'number' || chosen.type === 'integer') && !RATE.test(n.base) && n.known?.name !== 'year') {
    unit = ctx.titleUnit;
    notes.push({ text: `unit ${unit} taken from the title above the table`, review: true });
  }
  const titleGuessed = !n.known;
  if (titleGuessed) notes.push({ text: `name and English title made from the header ${JSON.stringify(n.base)}`, review: true });
  return {
    index: n.index,
    header: n.header,
    name,
    type: chosen.type,
    ...(chosen.format ? { format: chosen.format } : {}),
    ...(unit ? { unit } : {}),
    title: { ko: n.base, en: n.known?.en ?? humanize(name) },
    titleGuessed,
    nonEmpty: s.nonEmpty,
    nulls: chosen.nulls,
    ...(chosen.min !== undefined ? { min: chosen.min, max: chosen.max } : {}),
    maxLength: s.maxLength,
    notes,
  };
}

function chooseType(n: NamedHeader, s: ColumnStats, ctx: PlanContext, notes: Note[]): Candidate {
  const alive = (type: ColumnType) => s.candidates.find((c) => c.alive && c.type === type);
  const text = s.candidates.find((c) => c.type === 'string')!;
  if (s.nonEmpty === 0) {
    notes.push({ text: 'empty in every row: typed string until data arrives', review: true });
    return text;
  }
  if (ctx.districtIndex === s.index) return text;
  if (s.codeLike || (CODE_NAME.test(n.name) && s.candidates.some((c) => c.alive && c.type === 'integer'))) {
    notes.push({ text: 'kept as text: codes are identifiers (as numbers, leading zeros and long digit runs would be lost)', review: false });
    return text;
  }
  const bool = alive('boolean');
  if (bool) return bool;
  const timeHint = Boolean(n.known?.time) || /(일시|일자|날짜|년월|연월|date|time|ymd|_dt$|_de$)/i.test(n.base);
  const datetime = alive('datetime');
  if (datetime && s.hasTime) {
    notes.push({ text: `date and time written ${datetime.format}${range(datetime)}`, review: false });
    return datetime;
  }
  const date = s.candidates.find((c) => c.alive && c.type === 'date' && (!COMPACT.test(c.format ?? '') || plausible(c, timeHint)));
  if (date) {
    notes.push({ text: `dates written ${date.format}${range(date)}`, review: false });
    return date;
  }
  const integer = alive('integer');
  const number = alive('number');
  if (integer && s.sequential && s.nonEmpty > 1) notes.push({ text: 'row number (1, 2, 3…): a key only when nothing else identifies a row', review: false });
  if (integer || number) {
    if (s.grouped) notes.push({ text: `${s.grouped.toLocaleString('en-US')} value(s) written with thousands separators (1,395)`, review: false });
    // A measurement in whole numbers this time (PM10 in ㎍/㎥) may have decimals next time.
    if (integer && number && n.unit && !COUNTED.has(n.unit)) {
      notes.push({ text: `number although every value is whole: ${n.unit} is a measurement`, review: false });
      return number;
    }
    return (integer ?? number)!;
  }
  const numeric = s.candidates.find((c) => c.type === 'number')!;
  if (s.numbers >= s.nonEmpty * 0.8) notes.push({ text: `text, although most values are numbers: ${quoteRaw(numeric.firstBad)} is not one`, review: true });
  return text;
}

/** A compact digit run read as a date only with a time-like header, or when it is clearly a date (yyyyMMdd within 1900..2100). */
function plausible(c: Candidate, timeHint: boolean): boolean {
  if (timeHint) return true;
  if (c.format !== 'yyyyMMdd' || typeof c.min !== 'string' || typeof c.max !== 'string') return false;
  return c.min >= '1900' && c.max <= '2100';
}

function range(c: Candidate): string {
  return typeof c.min === 'string' && typeof c.max === 'string' ? ` (${c.min} … ${c.max})` : '';
}

function quoteRaw(v: RawValue | undefined): string {
  return JSON.stringify(v === undefined ? '' : String(v)).slice(0, 60);
}

/** `execution_rate` -> `Execution rate`. */
export function humanize(name: string): string {
  const words = name.replace(/_/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}
