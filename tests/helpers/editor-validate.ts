// Validates a descriptor the way an editor with the YAML language server does: the schema is the
// file its `# yaml-language-server: $schema=` line names (relative to the YAML file), and a
// `$ref` to another file (the chart schema's Vega-Lite reference) is resolved relative to the
// schema that holds it. A reference that points at no file fails, as it would in the editor.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

/** The schema path the first modeline of `text` names, or null. */
export function modelinePath(text: string): string | null {
  return /^#\s*yaml-language-server:\s*\$schema=(\S+)/m.exec(text)?.[1] ?? null;
}

function externalRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => externalRefs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) out.push(v);
      else externalRefs(v, out);
    }
  }
  return out;
}

export class EditorSchemas {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true, inlineRefs: false, code: { optimize: false }, logger: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    addFormats.default(this.ajv);
  }

  /** Adds a schema file and every file it references, each under its own file: URL. */
  private add(file: string): string {
    const id = pathToFileURL(file).href;
    if (this.ajv.getSchema(id)) return id;
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Json;
    // Vega-Lite's schema says draft-07; its keywords validate the same under this instance.
    delete schema.$schema;
    this.ajv.addSchema({ ...schema, $id: id });
    for (const ref of externalRefs(schema)) this.add(fileURLToPath(new URL(ref.split('#')[0], id)));
    return id;
  }

  /** The validator for the schema file at `file` (absolute). */
  validator(file: string): ValidateFunction {
    let v = this.compiled.get(file);
    if (!v) {
      v = this.ajv.getSchema(this.add(file))!;
      this.compiled.set(file, v);
    }
    return v;
  }

  /** Problems of one YAML file against `schemaFile` (or the schema its modeline names). */
  check(yamlFile: string, schemaFile?: string): string[] {
    const text = readFileSync(yamlFile, 'utf8');
    const named = modelinePath(text);
    const file = schemaFile ?? (named ? resolve(dirname(yamlFile), named) : null);
    if (!file) return [`${yamlFile}: no yaml-language-server modeline`];
    const validate = this.validator(file);
    if (validate(parse(text))) return [];
    return (validate.errors ?? []).slice(0, 5).map((e) => `${yamlFile}: ${e.instancePath || '/'} ${e.message}`);
  }
}
