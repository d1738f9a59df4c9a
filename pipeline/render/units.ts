// Units are written once in a descriptor (usually in Korean). English text gets the column's
// English form from the catalog (labels/units.yaml, `ColumnSpec.unitEn`) and, where a column has
// none, the English word for the common Korean counters here, spelt as labels/units.yaml spells
// them: one spelling per unit and language (㎍/㎥ in Korean, µg/m³ in English; won, not KRW).
import type { Lang } from '../types.ts';

const EN_UNITS: Record<string, string> = {
  명: 'people',
  대: 'units',
  건: 'cases',
  개: 'items',
  곳: 'places',
  가구: 'households',
  원: 'won',
  천원: 'thousand won',
  만원: '10,000 won',
  백만원: 'million won',
  억원: '100 million won',
  '㎍/㎥': 'µg/m³',
  'mg/㎥': 'mg/m³',
  회: 'times',
  일: 'days',
  년: 'years',
  세: 'years old',
  대수: 'units',
  톤: 't',
};

// Denominators of rates ("per 1,000 people").
const EN_PER: Record<string, string> = {
  '천 명': '1,000 people',
  '천명': '1,000 people',
  '만 명': '10,000 people',
  '만명': '10,000 people',
  '10만 명': '100,000 people',
  '10만명': '100,000 people',
  '천 가구': '1,000 households',
  '㎢': 'km²',
};

/** The unit a column is shown with in `lang`: the catalog's English form on English pages. */
export function columnUnit(col: { unit?: string; unitEn?: string } | undefined, lang: Lang): string | undefined {
  return lang === 'en' ? col?.unitEn || col?.unit : col?.unit;
}

/** English for a unit; rates like 대/천 명 are translated part by part ("units/1,000 people"). */
export function localizeUnit(unit: string, lang: Lang): string {
  if (lang === 'ko') return unit;
  const whole = EN_UNITS[unit.trim()];
  if (whole) return whole;
  return unit.split('/').map((part) => EN_UNITS[part.trim()] ?? EN_PER[part.trim()] ?? part).join('/');
}

/** Whether the unit is a symbol written without a space after a number ("45%", "23㎍/㎥"). */
function tight(unit: string, lang: Lang): boolean {
  if (unit === '%' || unit === '‰') return true;
  // Korean writes counters and symbols straight after the number: 2,780대, 23㎍/㎥
  return lang === 'ko';
}

/** "2,780대" / "2,780 units"; `formatted` is the number already formatted for the language. */
export function withUnit(formatted: string, unit: string | undefined, lang: Lang): string {
  if (!unit) return formatted;
  const u = localizeUnit(unit, lang);
  return tight(u, lang) ? `${formatted}${u}` : `${formatted} ${u}`;
}

/**
 * "초미세먼지 (㎍/㎥)", or "초미세먼지(PM2.5, ㎍/㎥)" when the title already ends in brackets;
 * the unit is left out when the title names it. `space` is false in Korean running text.
 */
export function titleWithUnit(title: string, unit: string | undefined, lang: Lang, space = true): string {
  if (!unit) return title;
  const u = localizeUnit(unit, lang);
  if (title.includes(u)) return title;
  if (title.endsWith(')')) return `${title.slice(0, -1)}, ${u})`;
  return space ? `${title} (${u})` : `${title}(${u})`;
}
