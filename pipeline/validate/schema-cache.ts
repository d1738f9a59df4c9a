// Row schemas are compiled once per distinct schema (keyed by the hash of its canonical
// JSON), with `allErrors` off: a row is rejected on its first broken rule, which keeps the
// hot path to one check per keyword. No `$data`: schemas cannot read values from rows.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { linearRegExp } from '../catalog/index.ts';
import { sha256Json } from '../hash.ts';
import { CitydashError } from '../errors.ts';

export class SchemaError extends CitydashError {
  constructor(where: string, detail: string) {
    super(where, `not a usable JSON Schema (2020-12): ${detail}`);
    this.name = 'SchemaError';
  }
}

let ajv: Ajv2020 | undefined;
function instance(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({
      allErrors: false,
      $data: false,
      // Schemas may share a $id across edits; keep none in the registry so recompiling works.
      addUsedSchema: false,
      strict: true,
      strictTypes: false,
      strictRequired: false,
      allowUnionTypes: true,
      messages: true,
      // Patterns on RE2: linear time whatever the pattern (pipeline/catalog/linear-regexp.ts).
      code: { regExp: linearRegExp },
    });
    // ajv-formats is CommonJS: under Node ESM its default import is module.exports.
    addFormats.default(ajv);
  }
  return ajv;
}

const cache = new Map<string, ValidateFunction>();

export function schemaHash(schema: unknown): string {
  return sha256Json(schema);
}

/** The compiled validator of a schema, compiled on first use only. */
export function compiledSchema(schema: unknown, where: string): { validate: ValidateFunction; hash: string } {
  const hash = schemaHash(schema);
  const cached = cache.get(hash);
  if (cached) return { validate: cached, hash };
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) throw new SchemaError(where, 'the schema must be a JSON object');
  let validate: ValidateFunction;
  try {
    validate = instance().compile(schema as object);
  } catch (err) {
    throw new SchemaError(where, (err as Error).message);
  }
  cache.set(hash, validate);
  return { validate, hash };
}

/** How many distinct schemas were compiled (lets tests prove compile-once). */
export function compiledSchemaCount(): number {
  return cache.size;
}
