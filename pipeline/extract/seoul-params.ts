// Templates in `extract.params`, filled from the clock in Seoul time, because the API's date
// parameters mean Korean calendar days (a run at 23:30 UTC already asks for tomorrow's
// date in Seoul). Korea has kept UTC+9 without daylight saving since 1988.
//
//   {date:yyyyMMdd}       today in Seoul           20261129
//   {date-1d:yyyyMMdd}    N days earlier           20261128
//   {date-1m:yyyyMM}      N months earlier         202610   (day clamped: Mar 31 - 1m = Feb 28/29)
//   {date-1y:yyyy}        N years earlier          2025
//   {date:yyyy-MM-dd}     another layout           2026-11-29
//   {date}                same as {date:yyyyMMdd}
// Offsets: -N or +N with d, m or y (N up to 9999). Layout tokens: yyyy, MM, dd; the
// characters - . / _ space and digits are copied as they are. Text outside braces is kept.

import { quote } from '../errors.ts';
import { seoulYmd, type Ymd } from '../seoul-time.ts';
import { SeoulConfigError } from './seoul-errors.ts';

const TEMPLATE = /^date(?:([+-])(\d{1,4})([dmy]))?(?::(.{1,32}))?$/;
const LITERALS = new Set(['-', '.', '/', '_', ' ', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

export function fillParams(params: readonly string[], now: Date): string[] {
  return params.map((p, i) => fillParam(p, now, `extract.params[${i}]`));
}

export function fillParam(param: string, now: Date, where: string): string {
  let out = '';
  let i = 0;
  while (i < param.length) {
    const open = param.indexOf('{', i);
    if (open < 0) { out += param.slice(i); break; }
    out += param.slice(i, open);
    const close = param.indexOf('}', open);
    if (close < 0) throw new SeoulConfigError(where, `unclosed "{" in ${quote(param)}`);
    out += fillTemplate(param.slice(open + 1, close), now, where);
    i = close + 1;
  }
  return out;
}

function fillTemplate(inner: string, now: Date, where: string): string {
  const m = TEMPLATE.exec(inner.trim());
  if (!m) {
    throw new SeoulConfigError(where, `unknown template ${quote(`{${inner}}`)}; expected {date:yyyyMMdd}, {date-1d:yyyyMMdd}, {date-1m:yyyyMM} and the like`);
  }
  const [, sign, amount, unit, layout = 'yyyyMMdd'] = m;
  const n = amount === undefined ? 0 : Number(amount) * (sign === '-' ? -1 : 1);
  const day = shift(seoulYmd(now), n, unit as 'd' | 'm' | 'y' | undefined);
  return formatLayout(day, layout, where);
}


function shift(day: Ymd, n: number, unit: 'd' | 'm' | 'y' | undefined): Ymd {
  if (n === 0 || unit === undefined) return day;
  if (unit === 'd') {
    const t = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
    return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
  }
  const months = day.y * 12 + (day.m - 1) + (unit === 'm' ? n : 12 * n);
  const y = Math.floor(months / 12);
  const m = months - y * 12 + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { y, m, d: Math.min(day.d, last) };
}

function formatLayout(day: Ymd, layout: string, where: string): string {
  let out = '';
  let i = 0;
  while (i < layout.length) {
    if (layout.startsWith('yyyy', i)) { out += String(day.y).padStart(4, '0'); i += 4; continue; }
    if (layout.startsWith('MM', i)) { out += String(day.m).padStart(2, '0'); i += 2; continue; }
    if (layout.startsWith('dd', i)) { out += String(day.d).padStart(2, '0'); i += 2; continue; }
    const ch = layout.charAt(i);
    if (!LITERALS.has(ch)) {
      throw new SeoulConfigError(where, `unknown date token at ${quote(layout.slice(i, i + 4))} in layout ${quote(layout)}; use yyyy, MM and dd`);
    }
    out += ch;
    i += 1;
  }
  return out;
}
