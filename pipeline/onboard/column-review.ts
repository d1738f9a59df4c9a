// Second looks at the planned columns: headers a descriptor cannot name, a gu column under
// another name, and what English pages will show in Korean.
import { GU_TABLE, hasHangul, unitInEnglish } from '../catalog/index.ts';
import { quote } from '../errors.ts';
import type { ColumnPlan } from './column-plan.ts';
import type { ColumnStats } from './column-stats.ts';

/** A text column with at most this many distinct values is a list of categories (worth a translation table). */
const MAX_CATEGORIES = 300;
/** Names a district column keeps; any other is renamed `gu` (its values are gu, whatever the header says). */
const PLACE_NAMES = new Set(['gu', 'station', 'subway_station', 'station_name', 'dong', 'name', 'district_code']);

/** Headers `columns:` can name: not empty, and the first of any repeated header (validate binds the first). */
export function usableHeaders(headers: readonly string[]): { usable: number[]; dropped: string[] } {
  const usable: number[] = [];
  const dropped: string[] = [];
  const seen = new Set<string>();
  headers.forEach((h, i) => {
    const key = h.normalize('NFC').trim();
    if (key === '') dropped.push(`column ${i + 1} has no header and is left out`);
    else if (seen.has(key)) dropped.push(`column ${i + 1} repeats the header ${quote(h)} and is left out (only the first is read)`);
    else {
      seen.add(key);
      usable.push(i);
    }
  });
  return { usable, dropped };
}

export function renameDistrictColumn(plan: ColumnPlan, plans: ColumnPlan[]): void {
  if (PLACE_NAMES.has(plan.name) || plans.some((p) => p.name === 'gu')) return;
  plan.notes.push({ text: `named gu: its values are gu, though the header says ${quote(plan.header)}`, review: true });
  plan.name = 'gu';
  plan.title = { ko: plan.title.ko, en: 'Gu' };
}

/**
 * English pages show a value in Korean until a translation table gives its English form:
 * say so for columns of Korean categories (a list, not free text) and for units with no
 * built-in English word.
 */
export function noteKorean(p: ColumnPlan, s: ColumnStats): void {
  if (p.unit && unitInEnglish(p.unit) === undefined) p.notes.push({ text: `unit ${p.unit} has no English word yet: add it to labels/units.yaml`, review: true });
  if (p.type !== 'string' || s.distinctOverflow) return;
  const korean = [...s.distinct.keys()].filter((v) => hasHangul(v) && !(p.labels === 'gu' && GU_TABLE.values[v.trim()]));
  if (korean.length === 0 || s.distinct.size > MAX_CATEGORIES) return;
  const shown = korean.slice(0, 3).map((v) => quote(v)).join(', ');
  const table = p.labels ? `a table beside ${p.labels} (labels: [${p.labels}, …])` : 'labels: a table or {Korean: English}';
  p.notes.push({ text: `${korean.length} value(s) in Korean (${shown}${korean.length > 3 ? ', …' : ''}) stay Korean on English pages until ${table} gives their English forms`, review: true });
}
