// Axis, legend and tooltip titles default to the column titles in the page's language, so a
// chart author writes `field: pm25` once and readers see "초미세먼지 (㎍/㎥)" / "PM2.5 (µg/m³)".
import type { ColumnSpec, Lang, Localized } from '../types.ts';
import { fieldOf, visitChannelDefs, visitViews, type Obj } from './spec-walk.ts';
import { columnUnit, titleWithUnit } from './units.ts';

/** Columns every gu-conformed dataset gets from the validate stage. */
export const BUILTIN_COLUMN_TITLES: Record<string, Localized> = {
  gu_code: { ko: '자치구 코드', en: 'District code' },
  gu_ko: { ko: '자치구', en: 'District' },
  gu_en: { ko: '자치구', en: 'District' },
};

const COUNT_TITLE: Localized = { ko: '건수', en: 'Count' };

// Secondary range channels share the primary's axis; titling them would print "a, b".
const SKIP = new Set(['x2', 'y2', 'latitude2', 'longitude2', 'theta2', 'radius2', 'xError', 'xError2', 'yError', 'yError2']);

export type ColumnsByDataset = Record<string, Record<string, ColumnSpec>>;

/** The column spec of `field`, looked up in the view's dataset first, then the chart's others. */
export function findColumn(columns: ColumnsByDataset, field: string, prefer: string | undefined, order: string[]): ColumnSpec | undefined {
  const ids = prefer ? [prefer, ...order.filter((d) => d !== prefer)] : order;
  for (const id of ids) {
    const col = columns[id]?.[field];
    if (col) return col;
  }
  return undefined;
}

/** Title for one column in one language, with its unit; undefined when nothing is known. */
export function columnTitle(field: string, col: ColumnSpec | undefined, lang: Lang): string | undefined {
  const title = col?.title?.[lang] ?? BUILTIN_COLUMN_TITLES[field]?.[lang];
  return title ? titleWithUnit(title, columnUnit(col, lang), lang) : undefined;
}

/** Sets `title` on every channel definition that has none. Mutates `spec`. */
export function applyDefaultTitles(spec: Obj, lang: Lang, datasets: string[], columns: ColumnsByDataset): void {
  visitViews(spec, (view, dataName) => {
    visitChannelDefs(view, (def, channel) => {
      if (SKIP.has(channel) || 'title' in def) return;
      if (def.aggregate === 'count') {
        def.title = COUNT_TITLE[lang];
        return;
      }
      const field = fieldOf(def);
      if (!field) return;
      const title = columnTitle(field, findColumn(columns, field, dataName, datasets), lang);
      if (title) def.title = title;
    });
  });
}
