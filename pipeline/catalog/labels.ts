// The words a value is shown with in each language. Department files are Korean: category
// values (부서, 품목, 민원 분야), names (역, 시장) and unit words (명, 건, 백만원). English pages and
// charts show their English forms from translation tables in the catalog (labels/<id>.yaml,
// named by a column's `labels`; labels/units.yaml for units, over the built-in unit words).
// What no table translates stays Korean and says so: `Worded.lang` is 'ko', and whoever prints
// it marks it lang="ko" (HTML) or xml:lang="ko" (SVG), so a screen reader reads it as Korean.
// Every page, card, table and chart uses these functions; none keeps its own word list.
import { GU } from '../districts.ts';
import { countHangul, hasHangul } from '../hangul.ts';
import type { ColumnSpec, Lang, LabelTable } from '../types.ts';

export { countHangul, hasHangul };

/** A text as shown, and the language it is written in (Korean on an English page when nothing translates it). */
export interface Worded {
  text: string;
  lang: Lang;
}

/** `text` on a page in `lang`: Korean when the page is Korean or the text still has Hangul in it. */
export function worded(text: string, lang: Lang): Worded {
  return { text, lang: lang === 'en' && hasHangul(text) ? 'ko' : lang };
}

/** The 25 gu by their Korean names (종로구 -> Jongno-gu); a column may name it as `labels: gu`. */
export const GU_TABLE: LabelTable = Object.freeze({
  id: 'gu',
  title: { ko: '자치구', en: 'Districts (gu)' },
  source: 'Seoul Metropolitan Government, district names in Revised Romanization',
  values: Object.freeze(Object.fromEntries(GU.map((g) => [g.ko, g.en]))),
});

/** Tables every catalog has without a file. A file with the same id replaces the built-in one. */
export const BUILTIN_TABLES: Readonly<Record<string, LabelTable>> = Object.freeze({ gu: GU_TABLE });

/** Columns that the validate stage adds, with their built-in tables. */
const BUILTIN_COLUMN_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = { gu_ko: GU_TABLE.values };

/** Id of the table of unit words (labels/units.yaml). */
export const UNITS_TABLE = 'units';

/**
 * Unit words and symbols every catalog starts with; labels/units.yaml adds to them and wins.
 * One spelling per unit per language: ㎍/㎥ in Korean, µg/m³ in English. An empty English form
 * means English writes no unit there (순위 3위 -> rank 3).
 */
export const DEFAULT_UNITS: Readonly<Record<string, string>> = Object.freeze({
  명: 'people',
  인: 'people',
  대: 'units',
  대수: 'units',
  건: 'cases',
  개: 'items',
  곳: 'places',
  개소: 'places',
  가구: 'households',
  세대: 'households',
  원: 'won',
  천원: 'thousand won',
  만원: '10,000 won',
  백만원: 'million won',
  억원: '100 million won',
  조원: 'trillion won',
  회: 'times',
  번: 'times',
  일: 'days',
  개월: 'months',
  년: 'years',
  세: 'years old',
  위: '',
  톤: 't',
  '㎍/㎥': 'µg/m³',
  '㎎/㎥': 'mg/m³',
  '㎢': 'km²',
  '㎡': 'm²',
  '㎞': 'km',
  '℃': '°C',
  // denominators of rates ("건/천 명" -> "cases/1,000 people")
  '천 명': '1,000 people',
  천명: '1,000 people',
  '만 명': '10,000 people',
  만명: '10,000 people',
  '10만 명': '100,000 people',
  '10만명': '100,000 people',
  '천 가구': '1,000 households',
  '천 세대': '1,000 households',
});

/** The English form of a unit: the whole unit first, else part by part around "/"; undefined when Korean would remain. */
export function unitInEnglish(unit: string, units: Readonly<Record<string, string>> = DEFAULT_UNITS): string | undefined {
  const look = (u: string) => (Object.hasOwn(units, u) ? units[u] : Object.hasOwn(DEFAULT_UNITS, u) ? DEFAULT_UNITS[u] : undefined);
  const trimmed = unit.trim();
  const whole = look(trimmed);
  if (whole !== undefined) return whole;
  if (!hasHangul(trimmed)) return trimmed;
  const parts = trimmed.split('/').map((p) => look(p.trim()) ?? p.trim());
  const out = parts.join('/');
  return hasHangul(out) || parts.some((p) => p === '') ? undefined : out;
}

/** A unit in the page's language: 명 -> people; Korean (marked) when nothing translates it. */
export function unitLabel(unit: string, lang: Lang, units?: Readonly<Record<string, string>>): Worded {
  if (lang === 'ko') return { text: unit, lang };
  const en = unitInEnglish(unit, units);
  return en === undefined ? { text: unit, lang: 'ko' } : { text: en, lang };
}

/** A column's unit in the page's language, using what the catalog resolved for it; undefined when it has none. */
export function columnUnit(column: Pick<ColumnSpec, 'unit' | 'unitEn'> | undefined, lang: Lang): Worded | undefined {
  if (!column?.unit) return undefined;
  if (lang === 'en' && column.unitEn !== undefined) return { text: column.unitEn, lang };
  return unitLabel(column.unit, lang);
}

/** The table a column's values are looked up in (its own, or the built-in one of gu_ko). */
export function labelsOf(name: string, column: Pick<ColumnSpec, 'labels'> | undefined): Readonly<Record<string, string>> | undefined {
  return column?.labels ?? BUILTIN_COLUMN_LABELS[name];
}

/** A value in the page's language: its English form from `labels`, else the value itself (marked Korean when it is). */
export function valueLabel(value: string, lang: Lang, labels?: Readonly<Record<string, string>>): Worded {
  if (lang === 'ko') return { text: value, lang };
  const en = labels && Object.hasOwn(labels, value) ? labels[value] : undefined;
  return worded(en ?? value, lang);
}

/** A column's `labels` as written: a table id, an inline table, or a list of both. */
export type LabelsSpec = string | Record<string, string> | (string | Record<string, string>)[];

/**
 * One lookup table from a column's `labels`, earlier entries winning; `unknown` lists table ids
 * that are neither in `tables` nor built in.
 */
export function resolveLabels(spec: LabelsSpec, tables: Readonly<Record<string, LabelTable>>): { labels: Record<string, string>; unknown: string[] } {
  const labels: Record<string, string> = {};
  const unknown: string[] = [];
  for (const part of Array.isArray(spec) ? spec : [spec]) {
    const values = typeof part === 'string' ? (tables[part] ?? BUILTIN_TABLES[part])?.values : part;
    if (!values) {
      if (typeof part === 'string') unknown.push(part);
      continue;
    }
    for (const [ko, en] of Object.entries(values)) if (!Object.hasOwn(labels, ko)) labels[ko] = en;
  }
  return { labels, unknown };
}

/** The unit words of a catalog: labels/units.yaml over the built-in ones. */
export function unitWords(tables: Readonly<Record<string, LabelTable>> | undefined): Readonly<Record<string, string>> {
  const own = tables?.[UNITS_TABLE]?.values;
  return own ? { ...DEFAULT_UNITS, ...own } : DEFAULT_UNITS;
}
