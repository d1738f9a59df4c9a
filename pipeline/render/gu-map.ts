// The 25-gu map as a reusable Vega-Lite fragment. Without boundaries it is a tile-grid
// cartogram (one equal square per gu, placed as on the map, so small central gu are as
// visible as large outer ones); with a boundary TopoJSON it is a choropleth. Both keep all 25
// gu on the map (grey when the data has no value) and label every gu, so colour is never the
// only carrier of meaning.
import { GU, GU_TILE_GRID } from '../districts.ts';
import type { Lang, Row } from '../types.ts';
import type { GuBoundaries } from './gu-topo.ts';
import { deepMerge, isPlainObject } from './merge.ts';
import type { Obj } from './spec-walk.ts';

export const TILE_SIZE = 76;
/** Tiles on a phone: seven across fit the narrow layout's 320 px (layouts.ts) with the padding. */
export const NARROW_TILE_SIZE = 42;
const NO_DATA = '#eeeeee';
const GAP = '#ffffff';
const LABEL = '#1a1a1a';
/** Lower two thirds of "blues": dark text stays readable (≥ 4.5:1) on every tile. */
const RAMP = { scheme: { name: 'blues', extent: [0.05, 0.68] } };
/** Name of the inline boundary dataset in the spec's `datasets`. */
export const BOUNDARY_DATASET = '__gu_boundaries';

export interface GuMapOptions {
  dataset: string;
  value: string;
  code?: string;
  lang: Lang;
  /** d3 format of the value labels, e.g. ",.1~f". */
  valueFormat?: string;
  /** The phone layout: smaller tiles and shapes, shorter names, the legend below. */
  narrow?: boolean;
}

interface Tile {
  tile_code: string;
  tile_name: string;
  tile_col: number;
  tile_col2: number;
  tile_row: number;
  tile_row2: number;
  tile_cx: number;
  tile_cy: number;
}

/**
 * A gu's English name on a phone tile: names longer than six letters break after their first
 * romanised syllable, hyphenated ("Yeong-" / "deungpo"), so all 25 read whole in 42 px.
 */
export function narrowName(en: string): string {
  if (en.length <= 6) return en;
  const first = /^[^aeiouwy]*[wy]?[aeiou]+(?:ng|n|m|k|l|p)?(?=[^aeiou])/i.exec(en)?.[0];
  return first && first.length >= 2 && en.length - first.length >= 2 ? `${first}-\n${en.slice(first.length)}` : en;
}

function tileName(g: (typeof GU)[number], lang: Lang, narrow: boolean): string {
  if (lang === 'ko') return narrow ? g.short.ko : g.ko;
  return narrow ? narrowName(g.short.en) : g.short.en;
}

function tiles(lang: Lang, narrow = false): Tile[] {
  return GU.map((g) => ({
    tile_code: g.code,
    tile_name: tileName(g, lang, narrow),
    tile_col: g.tile.col,
    tile_col2: g.tile.col + 1,
    tile_row: g.tile.row,
    tile_row2: g.tile.row + 1,
    tile_cx: g.tile.col + 0.5,
    tile_cy: g.tile.row + 0.5,
  }));
}

/** A d3 format for value labels that keeps small measurements (ppm) and drops noise on counts. */
export function valueFormatFor(rows: Row[], field: string): string {
  let max = 0;
  for (const r of rows) {
    const v = r[field];
    if (typeof v === 'number' && Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  }
  return max < 1 ? ',.3~f' : max < 100 ? ',.1~f' : ',.0f';
}

function colorDef(o: GuMapOptions): Obj {
  const legend = o.narrow ? { orient: 'bottom', gradientLength: 200 } : { orient: 'right', gradientLength: 180 };
  return { field: o.value, type: 'quantitative', scale: RAMP, legend };
}

function tooltip(o: GuMapOptions, nameField: string): Obj[] {
  return [
    { field: nameField, type: 'nominal', title: o.lang === 'ko' ? '자치구' : 'District' },
    { field: o.value, type: 'quantitative', format: o.valueFormat ?? ',.3~f' },
  ];
}

/** Tile-grid cartogram of the 25 gu for the rows of `o.dataset`. */
export function guTileGrid(o: GuMapOptions): Obj {
  const code = o.code ?? 'gu_code';
  const cells = tiles(o.lang, o.narrow);
  const { cols, rows } = GU_TILE_GRID;
  const size = o.narrow ? NARROW_TILE_SIZE : TILE_SIZE;
  // Korean short names and two-line English names on a phone; full names on wider screens.
  const nameSize = o.narrow ? (o.lang === 'ko' ? 11 : 9) : o.lang === 'ko' ? 12 : 10;
  const valueSize = o.narrow ? 11 : 12;
  const nameDy = o.narrow ? (o.lang === 'ko' ? -7 : -11) : -9;
  const valueDy = o.narrow ? (o.lang === 'ko' ? 8 : 12) : 9;
  const x = { field: 'tile_col', type: 'quantitative', scale: { domain: [0, cols], nice: false, zero: false }, axis: null };
  const y = { field: 'tile_row', type: 'quantitative', scale: { domain: [0, rows], nice: false, zero: false, reverse: true }, axis: null };
  const box = { x, x2: { field: 'tile_col2' }, y, y2: { field: 'tile_row2' } };
  const center = { x: { field: 'tile_cx', type: 'quantitative' }, y: { field: 'tile_cy', type: 'quantitative' } };
  const fields = ['tile_name', 'tile_col', 'tile_col2', 'tile_row', 'tile_row2', 'tile_cx', 'tile_cy'];
  return {
    width: cols * size,
    height: rows * size,
    data: { name: o.dataset },
    transform: [
      { lookup: code, from: { data: { values: cells }, key: 'tile_code', fields } },
      { filter: 'isValid(datum.tile_col)' },
    ],
    layer: [
      { data: { values: cells }, mark: { type: 'rect', fill: NO_DATA, stroke: GAP, strokeWidth: 3 }, encoding: box },
      { mark: { type: 'rect', stroke: GAP, strokeWidth: 3 }, encoding: { ...box, color: colorDef(o), tooltip: tooltip(o, 'tile_name') } },
      {
        data: { values: cells },
        mark: { type: 'text', dy: nameDy, fontSize: nameSize, color: LABEL, limit: size - 3, lineBreak: '\n', lineHeight: nameSize + 1 },
        encoding: { ...center, text: { field: 'tile_name', type: 'nominal' } },
      },
      {
        mark: { type: 'text', dy: valueDy, fontSize: valueSize, fontWeight: 'bold', color: LABEL, limit: size - 4 },
        encoding: { ...center, text: { field: o.value, type: 'quantitative', format: o.valueFormat ?? ',.3~f' } },
      },
    ],
    config: { view: { stroke: null } },
  };
}

/** Choropleth of the 25 gu from boundaries whose features carry SIG_CD. */
export function guChoropleth(o: GuMapOptions, b: GuBoundaries): Obj {
  const code = o.code ?? 'gu_code';
  const shapes = { name: BOUNDARY_DATASET, format: { type: 'topojson', feature: b.object } };
  const labels = GU.filter((g) => b.labels.has(g.code)).map((g) => {
    const [lon, lat] = b.labels.get(g.code)!;
    return { label_code: g.code, label_name: tileName(g, o.lang, Boolean(o.narrow)), label_lon: lon, label_lat: lat };
  });
  const at = { longitude: { field: 'label_lon', type: 'quantitative' }, latitude: { field: 'label_lat', type: 'quantitative' } };
  return {
    width: o.narrow ? 300 : 560,
    height: o.narrow ? 252 : 470,
    data: { name: o.dataset },
    transform: [
      { lookup: code, from: { data: shapes, key: 'properties.SIG_CD' }, as: '__geo' },
      { filter: 'isValid(datum.__geo)' },
      { lookup: code, from: { data: { values: labels }, key: 'label_code', fields: ['label_name'] } },
    ],
    projection: { type: 'mercator' },
    layer: [
      { data: shapes, mark: { type: 'geoshape', fill: NO_DATA, stroke: GAP, strokeWidth: 1.5 } },
      {
        mark: { type: 'geoshape', stroke: GAP, strokeWidth: 1.5 },
        encoding: { shape: { field: '__geo', type: 'geojson' }, color: colorDef(o), tooltip: tooltip(o, 'label_name') },
      },
      {
        data: { values: labels },
        mark: { type: 'text', fontSize: o.narrow ? 9 : o.lang === 'ko' ? 11 : 10, color: LABEL, lineBreak: '\n' },
        encoding: { ...at, text: { field: 'label_name', type: 'nominal' } },
      },
    ],
    config: { view: { stroke: null } },
  };
}

/**
 * Merges the chart's own spec over a map template. Its `transform`s run first (e.g. filter to
 * the latest month), its `encoding` refines the coloured layer (scheme, legend), extra `layer`s
 * are drawn on top; `data` and `mark` belong to the template.
 */
export function mergeOverTemplate(template: Obj, spec: Obj): Obj {
  const { transform, encoding, layer, data: _data, mark: _mark, ...rest } = spec;
  const out = deepMerge(template, rest);
  if (Array.isArray(transform)) out.transform = [...transform, ...(template.transform as unknown[])];
  const layers = out.layer as Obj[];
  if (isPlainObject(encoding)) layers[1].encoding = deepMerge(layers[1].encoding, encoding);
  if (Array.isArray(layer)) out.layer = [...layers, ...layer];
  return out;
}
