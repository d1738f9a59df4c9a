// The columns a reader sees on a dataset page: name, type, unit, title and description, merged
// from the descriptor (which wins) and the row schema (which often carries the descriptions).
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { ColumnType, DatasetDescriptor, Localized, SnapshotMeta } from '../types.ts';
import type { SiteColumn } from './model-types.ts';
import { CitydashError } from '../errors.ts';
import { hasHangul, labelsOf, unitInEnglish } from '../catalog/index.ts';

export class SchemaReadError extends CitydashError {
  constructor(file: string, dataset: string, detail: string) {
    super(`${file} (dataset ${dataset})`, detail);
    this.name = 'SchemaReadError';
  }
}

type SchemaProps = Record<string, { title?: unknown; description?: unknown }>;

export async function readSchemaProperties(root: string, ds: DatasetDescriptor): Promise<SchemaProps> {
  const file = isAbsolute(ds.schema) ? ds.schema : join(root, ds.schema);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new SchemaReadError(file, ds.id, (err as Error).message);
  }
  const props = (parsed as { properties?: unknown })?.properties;
  return props && typeof props === 'object' ? (props as SchemaProps) : {};
}

// Columns added by district conforming (see the brief's conventions): same words everywhere.
const GU_COLUMNS: Record<string, { type: ColumnType; title: Localized }> = {
  gu_code: { type: 'string', title: { ko: '구 코드', en: 'Gu code' } },
  gu_ko: { type: 'string', title: { ko: '구 (한국어)', en: 'Gu (Korean)' } },
  gu_en: { type: 'string', title: { ko: '구 (영어)', en: 'Gu (English)' } },
};

/**
 * A schema's title or description. A plain string is one language's text: Korean if it has
 * Hangul, else English; the other language gets nothing rather than a stray foreign phrase
 * ("unit: ppm" on a Korean page), and falls back to what the caller has next.
 */
function localized(value: unknown, lang?: 'ko' | 'en'): Localized | null {
  if (typeof value === 'string' && value.trim()) {
    const written = hasHangul(value) ? 'ko' : 'en';
    return lang && lang !== written ? null : { ko: value, en: value };
  }
  if (value && typeof value === 'object') {
    const v = value as Partial<Record<string, unknown>>;
    const ko = typeof v.ko === 'string' ? v.ko : typeof v.en === 'string' ? v.en : null;
    const en = typeof v.en === 'string' ? v.en : ko;
    if (ko && en) return { ko, en };
  }
  return null;
}

export function siteColumns(ds: DatasetDescriptor, schema: SchemaProps, meta: SnapshotMeta | undefined): SiteColumn[] {
  const names: string[] = Object.keys(ds.columns);
  if (ds.district) for (const g of Object.keys(GU_COLUMNS)) if (!names.includes(g)) names.push(g);
  // Columns only the snapshot knows (a derived dataset's SQL may add some) still get listed.
  for (const name of Object.keys(meta?.columns ?? {})) if (!names.includes(name)) names.push(name);
  return names.map((name) => {
    const spec = ds.columns[name];
    const gu = GU_COLUMNS[name];
    const prop = schema[name] ?? {};
    // Each language takes the first title written in it: the descriptor's, the conformed gu
    // columns' own words, then the row schema's, then the column name.
    const title = (lang: 'ko' | 'en') => spec?.title?.[lang] ?? gu?.title[lang] ?? localized(prop.title, lang)?.[lang] ?? name;
    const described = (lang: 'ko' | 'en') => spec?.description?.[lang] ?? localized(prop.description, lang)?.[lang] ?? null;
    const description = { ko: described('ko'), en: described('en') };
    const unit = spec?.unit ?? null;
    return {
      name,
      type: meta?.columns?.[name] ?? spec?.type ?? gu?.type ?? 'string',
      unit,
      unitEn: unit ? (spec?.unitEn ?? unitInEnglish(unit) ?? null) : null,
      labels: labelsOf(name, spec) ?? null,
      title: { ko: title('ko'), en: title('en') },
      description: description.ko || description.en ? { ko: description.ko ?? '', en: description.en ?? '' } : null,
      higherIsBetter: typeof spec?.higherIsBetter === 'boolean' ? spec.higherIsBetter : null,
      key: ds.primaryKey.includes(name),
    };
  });
}
