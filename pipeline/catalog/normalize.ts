// Descriptors that passed their schema, as the typed values every later stage reads:
// shorthand expanded (`from: header` -> [header], omitted `from` -> the column's name).
import type { CatalogSettings, ChartDescriptor, ColumnSpec, DatasetDescriptor, ExtractSpec, LabelTable } from '../types.ts';
import { resolveLabels, unitInEnglish, unitWords, type LabelsSpec } from './labels.ts';

type Obj = Record<string, unknown>;

/** The three columns `district:` adds to every row. */
export const DISTRICT_COLUMNS = ['gu_code', 'gu_ko', 'gu_en'] as const;

/** `tables`: the catalog's translation tables, which resolve each column's `labels` and unit. */
export function toDataset(value: Obj, file: string, tables: Readonly<Record<string, LabelTable>> = {}): DatasetDescriptor {
  const v = value as unknown as Omit<DatasetDescriptor, 'file' | 'columns'> & { columns: Record<string, Obj> };
  const units = unitWords(tables);
  const columns: Record<string, ColumnSpec> = {};
  for (const [name, raw] of Object.entries(v.columns)) {
    const from = raw.from === undefined ? [name] : [raw.from as string | string[]].flat();
    const { labels: rawLabels, ...rest } = raw;
    const col: ColumnSpec = { ...(rest as unknown as ColumnSpec), from };
    if (rawLabels !== undefined) col.labels = resolveLabels(rawLabels as LabelsSpec, tables).labels;
    if (col.unit) {
      const en = unitInEnglish(col.unit, units);
      if (en !== undefined) col.unitEn = en;
    }
    columns[name] = col;
  }
  const out: DatasetDescriptor = { ...v, columns, file };
  if (v.extract) out.extract = toExtract(v.extract as unknown as Obj);
  return out;
}

function toExtract(raw: Obj): ExtractSpec {
  const spec = { ...raw } as unknown as ExtractSpec;
  // YAML reads `params: [2024]` as a number; URL segments are strings.
  if (Array.isArray(raw.params)) spec.params = raw.params.map(String);
  return spec;
}

export function toChart(value: Obj, file: string): ChartDescriptor {
  const v = value as unknown as Omit<ChartDescriptor, 'file'>;
  const chart: ChartDescriptor = { ...v, spec: v.spec ?? {}, file };
  if (chart.map) chart.map = { ...chart.map, code: chart.map.code ?? 'gu_code' };
  return chart;
}

export function toSettings(value: Obj): CatalogSettings {
  return { ...(value as unknown as CatalogSettings) };
}

/** Settings when citydash.yaml is missing: areas from the chart folders, titled by their ids. */
export function defaultSettings(areas: readonly string[]): CatalogSettings {
  return {
    siteTitle: { ko: '서울 데이터 대시보드', en: 'Seoul data dashboard' },
    areas: Object.fromEntries(areas.map((a) => [a, { ko: a, en: a }])),
  };
}
