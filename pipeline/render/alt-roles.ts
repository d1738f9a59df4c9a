// What a chart shows, read from its spec: which field is measured (and how it is aggregated),
// which is time, which names the categories and which splits series. The alt-text draft
// describes data in these terms.
import type { ChartDescriptor, ColumnSpec, Lang } from '../types.ts';
import { BUILTIN_COLUMN_TITLES } from './default-titles.ts';
import { deepMerge, isPlainObject } from './merge.ts';
import { fieldOf, markType, visitViews, type Obj } from './spec-walk.ts';
import { plainTimeUnit } from './temporal.ts';
import { columnUnit } from './units.ts';

export type ChartKind = 'bar' | 'line' | 'area' | 'point' | 'arc' | 'rect' | 'map' | 'other';

export interface FieldRole {
  field: string;
  /** Names the value may have in drawn rows (Vega-Lite's derived name first), then the raw field. */
  names: string[];
  title: string;
  unit?: string;
}

export interface AltRoles {
  kind: ChartKind;
  measure?: FieldRole & { aggregate?: string };
  time?: FieldRole & { unit?: string };
  category?: FieldRole & { gu: boolean };
  series?: FieldRole & { gu: boolean };
  /** Bars or areas of the series are stacked, so their sum per key is what the chart shows. */
  stacked?: boolean;
}

const GU_FIELDS = new Set(['gu_code', 'gu_ko', 'gu_en']);
const KINDS: Record<string, ChartKind> = {
  bar: 'bar', line: 'line', trail: 'line', area: 'area', point: 'point', circle: 'point', square: 'point',
  tick: 'point', arc: 'arc', rect: 'rect', geoshape: 'map',
};

const isTemporal = (d: Obj) => d.type === 'temporal' || d.timeUnit !== undefined;
const isQuantitative = (d: Obj) => !isTemporal(d) && (d.type === 'quantitative' || typeof d.aggregate === 'string');
const isDiscrete = (d: Obj) => d.type === 'nominal' || d.type === 'ordinal';

function role(def: Obj, lang: Lang, columns: Record<string, ColumnSpec>): FieldRole | undefined {
  const field = fieldOf(def);
  const count = def.aggregate === 'count';
  if (!field && !count) return undefined;
  const f = field ?? '*';
  const col = columns[f];
  const explicit = typeof def.title === 'string' ? def.title : undefined;
  const title = count ? (lang === 'ko' ? '건수' : 'Count') : col?.title?.[lang] ?? BUILTIN_COLUMN_TITLES[f]?.[lang] ?? explicit ?? f;
  const names: string[] = [];
  if (typeof def.aggregate === 'string') names.push(count ? '__count' : `${def.aggregate}_${f}`);
  const unit = plainTimeUnit(def);
  if (unit) names.push(`utc${unit}_${f}`);
  names.push(f);
  return { field: f, names, title, unit: count ? undefined : columnUnit(col, lang) };
}

/** The field a faceted chart splits its panels by (`facet: {field}`, `facet: {row}`, encoding row/column/facet). */
function facetField(spec: Obj, enc: Record<string, unknown>): Obj | undefined {
  const f = spec.facet;
  const candidates = [f, isPlainObject(f) ? f.row : undefined, isPlainObject(f) ? f.column : undefined, enc.facet, enc.row, enc.column];
  return candidates.find((d): d is Obj => isPlainObject(d) && typeof d.field === 'string' && isDiscrete(d));
}

/** The roles of a chart's main view in one language. */
export function altRoles(chart: ChartDescriptor, lang: Lang, columns: Record<string, ColumnSpec>): AltRoles {
  const spec = deepMerge(chart.spec, chart.locales?.[lang]) as Obj;
  if (chart.template === 'gu-map' && chart.map) {
    const value = role({ field: chart.map.value, type: 'quantitative' }, lang, columns);
    const code = chart.map.code ?? 'gu_code';
    const category = { field: code, names: [code], title: BUILTIN_COLUMN_TITLES.gu_ko[lang], gu: true };
    return { kind: 'map', measure: value, category };
  }
  let main: Obj | undefined;
  visitViews(spec, (view) => {
    if (!main && markType(view) && isPlainObject(view.encoding)) main = view;
  });
  if (!main) return { kind: 'other' };
  const enc = main.encoding as Record<string, unknown>;
  const def = (c: string) => (isPlainObject(enc[c]) ? (enc[c] as Obj) : undefined);
  const position = [def('x'), def('y')].filter((d): d is Obj => d !== undefined);
  const colour = def('color') ?? def('fill') ?? def('stroke');
  const kind = KINDS[markType(main)!] ?? 'other';
  const measureDef = position.find(isQuantitative) ?? [def('theta'), colour].find((d) => d && isQuantitative(d));
  const timeDef = position.find(isTemporal);
  const discrete = position.filter((d) => isDiscrete(d) && !isTemporal(d));
  let categoryDef = timeDef ? undefined : discrete[0];
  // small multiples: the panels are the series (one chart per item), as colours would be
  let seriesDef = colour && isDiscrete(colour) ? colour : facetField(spec, enc);
  if (!categoryDef && kind === 'arc') [categoryDef, seriesDef] = [seriesDef, undefined];
  // a heat map: colour is the measure, the other axis splits the rows (gu by month)
  if (measureDef && measureDef === colour) seriesDef = timeDef ? discrete[0] : discrete[1];
  if (seriesDef && categoryDef && fieldOf(seriesDef) === fieldOf(categoryDef)) seriesDef = undefined;
  const grouped = def('xOffset') !== undefined || def('yOffset') !== undefined;
  const stacked = (kind === 'bar' || kind === 'area') && seriesDef !== undefined && !grouped && measureDef?.stack !== null && measureDef?.stack !== false;
  const measure = measureDef && role(measureDef, lang, columns);
  const time = timeDef && role(timeDef, lang, columns);
  const category = categoryDef && role(categoryDef, lang, columns);
  const series = seriesDef && role(seriesDef, lang, columns);
  return {
    kind,
    measure: measure && { ...measure, aggregate: typeof measureDef!.aggregate === 'string' ? measureDef!.aggregate : undefined },
    time: time && { ...time, unit: plainTimeUnit(timeDef!) },
    category: category && { ...category, gu: GU_FIELDS.has(category.field) },
    series: series && { ...series, gu: GU_FIELDS.has(series.field) },
    stacked,
  };
}
