// The JSON Schemas of what people write in the catalog: dataset descriptors, the outer
// fields of chart descriptors, and citydash.yaml. They are the reference for the README's
// catalog-format section, so they live as plain .schema.json files next to this module.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { isExternalRef } from './editor-schemas.ts';

export type JsonSchema = Record<string, unknown>;

/** Drops references to other files (the chart's Vega-Lite schema, for editors): check validates those parts itself. */
function withoutExternalRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutExternalRefs);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => !(k === '$ref' && isExternalRef(v))).map(([k, v]) => [k, withoutExternalRefs(v)]));
}

const load = (name: string): JsonSchema => withoutExternalRefs(JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'))) as JsonSchema;

export const datasetDescriptorSchema: JsonSchema = load('dataset.schema.json');
export const chartDescriptorSchema: JsonSchema = load('chart.schema.json');
export const catalogSettingsSchema: JsonSchema = load('settings.schema.json');
export const labelTableSchema: JsonSchema = load('labels.schema.json');

export type DescriptorKind = 'dataset' | 'chart' | 'settings' | 'labels';
export const descriptorSchemas: Record<DescriptorKind, JsonSchema> = {
  dataset: datasetDescriptorSchema,
  chart: chartDescriptorSchema,
  settings: catalogSettingsSchema,
  labels: labelTableSchema,
};

let validators: Record<DescriptorKind, ValidateFunction> | undefined;

/** Validators compiled once; allErrors so one run reports every problem in a file. */
export function descriptorValidator(kind: DescriptorKind): ValidateFunction {
  if (!validators) {
    // `verbose` keeps the failing value and its parent schema, which the messages need.
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats.default(ajv);
    validators = {
      dataset: ajv.compile(datasetDescriptorSchema),
      chart: ajv.compile(chartDescriptorSchema),
      settings: ajv.compile(catalogSettingsSchema),
      labels: ajv.compile(labelTableSchema),
    };
  }
  return validators[kind];
}
