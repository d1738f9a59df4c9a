// Units are written once in a descriptor (usually in Korean). English text gets the English
// word for the common Korean counters; symbols (㎍/㎥, ppm, %) are the same in both.
import type { Lang } from '../types.ts';

const EN_UNITS: Record<string, string> = {
  명: 'people',
  대: 'units',
  건: 'cases',
  개: 'items',
  곳: 'places',
  가구: 'households',
  원: 'KRW',
  천원: 'thousand KRW',
  만원: '10,000 KRW',
  백만원: 'million KRW',
  억원: '100 million KRW',
  회: 'times',
  일: 'days',
  년: 'years',
  세: 'years old',
  대수: 'units',
  톤: 't',
};

export function localizeUnit(unit: string, lang: Lang): string {
  return lang === 'en' ? (EN_UNITS[unit.trim()] ?? unit) : unit;
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

/** "초미세먼지 (㎍/㎥)"; the unit is left out when the title already names it. */
export function titleWithUnit(title: string, unit: string | undefined, lang: Lang): string {
  if (!unit) return title;
  const u = localizeUnit(unit, lang);
  return title.includes(u) ? title : `${title} (${u})`;
}
