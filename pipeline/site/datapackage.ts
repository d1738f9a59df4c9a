// datapackage.json: a Frictionless Data Package listing every download (CSV and JSON of each
// dataset) with its path, size, hash, dialect and a Table Schema, so `frictionless validate
// datapackage.json` checks the published files. Field types come from the validated columns;
// constraints (required, ranges, lengths, patterns, enums) from the dataset's JSON Schema when
// the build passes it.
import type { ColumnType } from '../types.ts';
import type { SiteColumn, SiteDataset, SiteLicence, SiteModel } from './model-types.ts';

export const DATAPACKAGE_JSON = 'datapackage.json';

type JsonSchema = { required?: unknown; properties?: Record<string, Record<string, unknown>> };

const TYPES: Record<ColumnType, { type: string; format?: string }> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  date: { type: 'date' },
  // Canonical datetimes are Seoul local time without seconds or zone (DESIGN conventions).
  datetime: { type: 'datetime', format: '%Y-%m-%dT%H:%M' },
  boolean: { type: 'boolean' },
};

function constraints(c: SiteColumn, ds: SiteDataset, schema: JsonSchema | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const prop = schema?.properties?.[c.name];
  const types = prop ? (Array.isArray(prop.type) ? prop.type : [prop.type]) : [];
  const requiredKey = Array.isArray(schema?.required) && schema.required.includes(c.name);
  if (ds.primaryKey.includes(c.name) || (prop && requiredKey && types.length > 0 && !types.includes('null'))) out.required = true;
  if (!prop) return out;
  for (const key of ['minimum', 'maximum'] as const) if (typeof prop[key] === 'number' && (c.type === 'integer' || c.type === 'number')) out[key] = prop[key];
  for (const key of ['minLength', 'maxLength'] as const) if (typeof prop[key] === 'number' && c.type === 'string') out[key] = prop[key];
  if (typeof prop.pattern === 'string' && c.type === 'string') out.pattern = prop.pattern.replace(/^\^/, '').replace(/\$$/, '');
  if (Array.isArray(prop.enum)) {
    const values = prop.enum.filter((v) => v !== null);
    if (values.length) out.enum = values;
  }
  return out;
}

export function tableSchema(ds: SiteDataset, schema: JsonSchema | null = null): Record<string, unknown> {
  return {
    fields: ds.columns.map((c) => {
      const cons = constraints(c, ds, schema);
      return {
        name: c.name,
        ...TYPES[c.type],
        title: c.title.ko === c.title.en ? c.title.ko : `${c.title.ko} · ${c.title.en}`,
        ...(c.description ? { description: c.description.ko === c.description.en ? c.description.ko : `${c.description.ko} · ${c.description.en}` } : {}),
        ...(c.unit ? { unit: c.unit } : {}),
        ...(Object.keys(cons).length ? { constraints: cons } : {}),
      };
    }),
    primaryKey: ds.primaryKey,
    missingValues: [''],
  };
}

const licence = (l: SiteLicence) => ({ name: l.id, ...(l.url ? { path: l.url } : {}), title: l.title.en });

export interface PackageInput {
  sizes: Record<string, number>;
  /** sha256 hex per site path. */
  hashes: Record<string, string>;
  /** The JSON Schema of a dataset's row, when known. */
  schemas?: Record<string, unknown>;
}

export function dataPackage(model: SiteModel, input: PackageInput): Record<string, unknown> {
  const resources: Array<Record<string, unknown>> = [];
  const licences = new Map<string, SiteLicence>();
  for (const ds of model.datasets) {
    if (!ds.downloads) continue;
    licences.set(ds.licence.id, ds.licence);
    const schema = tableSchema(ds, (input.schemas?.[ds.id] as JsonSchema | undefined) ?? null);
    const common = {
      profile: 'tabular-data-resource',
      title: `${ds.title.ko} · ${ds.title.en}`,
      description: ds.description.en,
      licenses: [licence(ds.licence)],
      sources: [{ title: `${ds.department.ko} · ${ds.department.en}`, ...(ds.homepage ? { path: ds.homepage } : {}) }],
      schema,
    };
    const file = (path: string) => ({ path, ...(input.sizes[path] !== undefined ? { bytes: input.sizes[path] } : {}), ...(input.hashes[path] ? { hash: `sha256:${input.hashes[path]}` } : {}) });
    resources.push({
      name: `${ds.id}-csv`,
      ...file(ds.downloads.csv.path),
      format: 'csv',
      mediatype: 'text/csv',
      // The CSV starts with a BOM for spreadsheets; utf-8-sig reads past it.
      encoding: 'utf-8-sig',
      dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
      ...common,
    });
    resources.push({ name: `${ds.id}-json`, ...file(ds.downloads.json.path), format: 'json', mediatype: 'application/json', encoding: 'utf-8', ...common });
  }
  return {
    profile: 'tabular-data-package',
    name: 'citydash',
    title: `${model.settings.siteTitle.ko} · ${model.settings.siteTitle.en}`,
    description: model.strings.en.homeIntro,
    ...(model.settings.baseUrl ? { homepage: model.settings.baseUrl } : {}),
    version: model.cycleId,
    created: model.builtAt,
    licenses: [...licences.values()].map(licence),
    resources,
  };
}
