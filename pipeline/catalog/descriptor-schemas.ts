// The JSON Schemas of what people write in the catalog: dataset descriptors, the outer
// fields of chart descriptors, and citydash.yaml. They are the reference for the README's
// catalog-format section, so they live as plain .schema.json files next to this module.
import { readFileSync } from 'node:fs';
import { Ajv2020, type Options, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { sha256 } from '../hash.ts';
import { isExternalRef } from './editor-schemas.ts';
import { loadPrecompiled } from './precompiled.ts';

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

/** `verbose` keeps the failing value and its parent schema, which the messages need. */
export const DESCRIPTOR_AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true };
/** The ahead-of-time validators' file name, beside this module in the installed package. */
export const PRECOMPILED_DESCRIPTORS = 'descriptor-validate.cjs';
const KINDS = Object.keys(descriptorSchemas) as DescriptorKind[];

/** Names the schemas exactly as loaded (external refs dropped), so a stale precompiled file is never used. */
export function descriptorSchemasSha256(): string {
  return sha256(JSON.stringify(KINDS.map((k) => [k, descriptorSchemas[k]])));
}

/** An Ajv with every descriptor schema added under its kind, for compiling here or ahead of time. */
export function descriptorAjv(options: Options = DESCRIPTOR_AJV_OPTIONS): Ajv2020 {
  const ajv = new Ajv2020(options);
  addFormats.default(ajv);
  for (const k of KINDS) ajv.addSchema(descriptorSchemas[k], k);
  return ajv;
}

type Validators = Record<DescriptorKind, ValidateFunction>;
let validators: Validators | undefined;

function compiledHere(): Validators {
  const ajv = descriptorAjv();
  return Object.fromEntries(KINDS.map((k) => [k, ajv.getSchema(k)!])) as Validators;
}

/** Validators compiled once; allErrors so one run reports every problem in a file. */
export function descriptorValidator(kind: DescriptorKind): ValidateFunction {
  // The installed package ships them compiled ahead of time (lib/catalog/descriptor-validate.cjs):
  // compiling the four schemas costs ~1.5 s at every start, loading them ~0.1 s.
  validators ??= loadPrecompiled<Validators>(import.meta.url, PRECOMPILED_DESCRIPTORS, descriptorSchemasSha256()) ?? compiledHere();
  return validators[kind];
}
