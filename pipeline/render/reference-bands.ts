// Reference bands behind a chart (issue 12): a chart that says "above 35 µg/m³ is bad" in its
// text should draw it. A chart descriptor's `reference` names a measured field and its bands
// (Korea's air-quality grades); every view that puts that field on its y axis gets a layer
// beneath its marks: tinted bands, each named at its top edge. The bands stop at the data's
// rounded-up maximum, so a clean month is not squashed under an empty "very bad" band, and they
// widen the scale only to that rounding. The alt text names them too (describeReference).
import type { Lang, ReferenceBands } from '../types.ts';
import { quote } from '../errors.ts';
import { isPlainObject } from './merge.ts';
import { SpecError } from './spec-check.ts';
import { fieldOf, visitViews, type Obj } from './spec-walk.ts';
import { titleWithUnit } from './units.ts';

/** Official grade colours, lightened so lines and labels keep their contrast on them. */
const TINTS = ['#e3f0fb', '#e5f4e3', '#fdf1d6', '#fbe0dc', '#efe3f3', '#eeeeee', '#e0f2f1', '#f3e5d8'];
const LABEL = '#4d4d4d';
const OPEN_TOP = 1e9;

interface Band {
  lo: number;
  hi: number;
  label: string;
  color: string;
}

function bandsOf(ref: ReferenceBands, lang: Lang): Band[] {
  let lo = 0;
  return ref.bands.map((b, i) => {
    const band = { lo, hi: b.to ?? OPEN_TOP, label: b.label[lang], color: b.color ?? TINTS[i % TINTS.length] };
    lo = band.hi;
    return band;
  });
}

/** A Vega expression literal for a value: JSON is valid expression syntax for strings and numbers. */
const lit = (v: unknown) => JSON.stringify(v);

/** The band layer for the references on one field: `[lo, hi, label, colour]` rows chosen per row's series. */
function bandLayer(field: string, refs: ReferenceBands[], lang: Lang, yTitle: unknown): Obj {
  const whereFields = [...new Set(refs.flatMap((r) => Object.keys(r.where ?? {})))];
  // One choice per reference, the unconditional one last: "datum.measure === 'PM10' ? [...] : [...]".
  const rows = (r: ReferenceBands) => lit(bandsOf(r, lang).map((b) => [b.lo, b.hi, b.label, b.color]));
  const ordered = [...refs.filter((r) => r.where), ...refs.filter((r) => !r.where)];
  let choice = '[]';
  for (const r of [...ordered].reverse()) {
    const cond = Object.entries(r.where ?? {}).map(([k, v]) => `datum[${lit(k)}] === ${lit(v)}`).join(' && ');
    choice = cond ? `(${cond}) ? ${rows(r)} : ${choice}` : rows(r);
  }
  // the bands share the data's y scale and axis; with the data's own title Vega-Lite keeps that one
  // title for the shared axis (a null or missing one would drop it or add "__ref_lo")
  const title = typeof yTitle === 'string' ? { title: yTitle } : {};
  const y = { field: '__ref_lo', type: 'quantitative', ...title };
  return {
    transform: [
      { aggregate: [{ op: 'max', field, as: '__ref_top' }], groupby: whereFields },
      { filter: 'isValid(datum.__ref_top)' },
      { calculate: choice, as: '__ref_band' },
      { flatten: ['__ref_band'] },
      // the scale's top, rounded up as a nice axis would be: bands end there
      { calculate: 'max(10, ceil(datum.__ref_top / 10) * 10)', as: '__ref_cap' },
      { calculate: 'datum.__ref_band[0]', as: '__ref_lo' },
      { calculate: 'min(datum.__ref_band[1], datum.__ref_cap)', as: '__ref_hi' },
      { calculate: 'datum.__ref_band[2]', as: '__ref_label' },
      { calculate: 'datum.__ref_band[3]', as: '__ref_color' },
      { filter: 'datum.__ref_lo < datum.__ref_cap' },
    ],
    layer: [
      {
        mark: { type: 'rect', tooltip: false },
        encoding: { y, y2: { field: '__ref_hi' }, color: { field: '__ref_color', type: 'nominal', scale: null, legend: null } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 2, fontSize: 11, color: LABEL, tooltip: false },
        encoding: { x: { value: 0 }, y: { field: '__ref_hi', type: 'quantitative', ...title }, text: { field: '__ref_label', type: 'nominal' } },
      },
    ],
  };
}

const UNIT_KEYS = ['mark', 'encoding', 'params'] as const;

/**
 * Adds the bands beneath every view that plots a referenced field on y. Mutates `spec`. Throws
 * SpecError for a reference whose field no view plots there: the bands would silently be missing.
 */
export function addReferenceBands(spec: Obj, refs: ReferenceBands[] | undefined, lang: Lang): void {
  if (!refs?.length) return;
  const targets: Array<{ view: Obj; field: string; title: unknown }> = [];
  visitViews(spec, (view) => {
    if (view.mark === undefined || !isPlainObject(view.encoding) || !isPlainObject(view.encoding.y)) return;
    const y = view.encoding.y;
    const field = fieldOf(y);
    if (field && y.type === 'quantitative' && y.aggregate === undefined && refs.some((r) => r.field === field)) targets.push({ view, field, title: y.title });
  });
  refs.forEach((r, i) => {
    if (!targets.some((t) => t.field === r.field)) throw new SpecError(`reference[${i}].field ${quote(r.field)} is not on the y axis of any view (a quantitative field, not aggregated), so its bands cannot be drawn`);
  });
  for (const { view, field, title } of targets) {
    const unit: Obj = {};
    for (const k of UNIT_KEYS) {
      if (k in view) {
        unit[k] = view[k];
        delete view[k];
      }
    }
    view.layer = [bandLayer(field, refs.filter((r) => r.field === field), lang, title), unit];
  }
}

/** "Shaded bands: Korea's PM2.5 forecast grades (µg/m³): Good 0–15, Moderate 16–35, Bad 36–75, Very bad above 75." */
export function describeReference(refs: ReferenceBands[] | undefined, lang: Lang, unitOf: (field: string) => string | undefined): string {
  if (!refs?.length) return '';
  const parts = refs.map((r) => {
    const unit = unitOf(r.field);
    const bands = bandsOf(r, lang).map((b, i) => {
      const from = i === 0 ? b.lo : Number.isInteger(b.lo) ? b.lo + 1 : b.lo;
      const range = b.hi >= OPEN_TOP ? (lang === 'ko' ? `${b.lo} 초과` : `above ${b.lo}`) : `${from}–${b.hi}`;
      return `${b.label} ${range}`;
    });
    return `${titleWithUnit(r.title[lang], unit, lang, lang === 'en')}: ${bands.join(', ')}`;
  });
  return lang === 'ko' ? `배경 띠: ${parts.join('; ')}.` : `Shaded bands: ${parts.join('; ')}.`;
}
