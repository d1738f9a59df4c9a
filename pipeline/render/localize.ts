// From a chart descriptor to the Vega-Lite spec that is compiled for one language: locale
// patch merged, the gu-map template expanded, times made UTC with language formats, default
// titles from column titles, fields checked, the shared theme applied, data bound inline.
import { quote } from '../errors.ts';
import type { ChartDescriptor, ColumnSpec, Lang, Row } from '../types.ts';
import { bindData, DataBindingError } from './bind-data.ts';
import { vegaMarkType, type MainMark } from './compile.ts';
import { applyDefaultTitles, findColumn } from './default-titles.ts';
import { checkFields } from './field-check.ts';
import { BOUNDARY_DATASET, guChoropleth, guTileGrid, mergeOverTemplate, valueFormatFor } from './gu-map.ts';
import type { GuBoundaries } from './gu-topo.ts';
import { deepMerge, isPlainObject } from './merge.ts';
import { markType, visitViews, type Obj } from './spec-walk.ts';
import { checkSpec } from './spec-check.ts';
import { normalizeTemporal } from './temporal.ts';
import { themeConfig } from './theme.ts';
import { narrowLayout, type Layout } from './layouts.ts';
import { addReferenceBands } from './reference-bands.ts';
import { rowsInLanguage } from './translate-values.ts';

const CONTAINER_FALLBACK = { width: 560, height: 300 };

export interface LocalizedChart {
  spec: Obj;
  /** The dataset the chart is about (its columns title the alt text). */
  mainDataset: string | undefined;
  mainMark: MainMark | undefined;
  /** The rows bound, values in the chart's language (what the drafted alt text must read too). */
  rows: Record<string, Row[]>;
}

function expandGuMap(chart: ChartDescriptor, lang: Lang, spec: Obj, data: Record<string, Row[]>, geo: GuBoundaries | undefined, layout: Layout): Obj {
  const map = chart.map;
  if (!map || typeof map.dataset !== 'string' || typeof map.value !== 'string') {
    throw new DataBindingError('template gu-map needs map: {dataset, value, code?}');
  }
  if (!chart.data.includes(map.dataset)) {
    throw new DataBindingError(`map.dataset ${quote(map.dataset)} is not in the chart's data list [${chart.data.join(', ')}]`);
  }
  const options = { dataset: map.dataset, value: map.value, code: map.code, lang, valueFormat: valueFormatFor(data[map.dataset] ?? [], map.value), narrow: layout === 'narrow' };
  return mergeOverTemplate(geo ? guChoropleth(options, geo) : guTileGrid(options), spec);
}

export function localizeChart(
  chart: ChartDescriptor,
  lang: Lang,
  data: Record<string, Row[]>,
  columns: Record<string, Record<string, ColumnSpec>>,
  geo?: GuBoundaries,
  /** `narrow`: the phone layout of the same chart (layouts.ts). */
  layout: Layout = 'wide',
): LocalizedChart {
  if (!isPlainObject(chart.spec)) throw new DataBindingError('spec must be a Vega-Lite object');
  let spec = deepMerge(chart.spec, chart.locales?.[lang]) as Obj;
  checkSpec(spec);
  let mainMark: MainMark | undefined;
  let mainDataset: string | undefined;
  if (chart.template === 'gu-map') {
    spec = expandGuMap(chart, lang, spec, data, geo, layout);
    // layer 1 of the template is the coloured gu layer
    mainMark = { type: geo ? 'shape' : 'rect', name: 'layer_1_marks' };
    mainDataset = chart.map!.dataset;
  } else {
    visitViews(spec, (view, dataName) => {
      const mark = markType(view);
      if (mainMark || !mark) return;
      mainMark = { type: vegaMarkType(mark) };
      mainDataset = dataName;
    });
  }
  mainDataset ??= chart.data[0];
  if (isPlainObject(spec.usermeta)) delete spec.usermeta.embedOptions;
  // Charts link nowhere: an `href` channel is dropped (vega's SVG writer also crashes on it).
  visitViews(spec, (view) => {
    if (isPlainObject(view.encoding)) delete view.encoding.href;
    if (isPlainObject(view.mark)) delete view.mark.href;
  });
  // there is no container in the build; the page scales the drawn chart instead
  if (spec.width === 'container') spec.width = CONTAINER_FALLBACK.width;
  if (spec.height === 'container') spec.height = CONTAINER_FALLBACK.height;
  normalizeTemporal(spec, lang, (field, dataName) => findColumn(columns, field, dataName, chart.data));
  applyDefaultTitles(spec, lang, chart.data, columns);
  addReferenceBands(spec, chart.reference, lang);
  spec.config = deepMerge(themeConfig(lang), spec.config);
  if (layout === 'narrow') spec = narrowLayout(spec, { keepSize: chart.template === 'gu-map' });
  const extra = geo ? { [BOUNDARY_DATASET]: geo.topojson } : {};
  const copies: Record<string, Row[]> = {};
  for (const id of chart.data) if (data[id]) copies[id] = rowsInLanguage(data[id], lang, columns[id], spec);
  bindData(spec, chart.data, copies, columns, extra);
  checkFields(spec, data, columns);
  return { spec, mainDataset, mainMark, rows: copies };
}
