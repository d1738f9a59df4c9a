import { readFile } from 'node:fs/promises';
import { resolveCatalogPath } from '../catalog/index.ts';
import type { DatasetDescriptor } from '../types.ts';
import { SchemaError } from './schema-cache.ts';

const MAX_SCHEMA_BYTES = 1024 * 1024;

/** The row schema a descriptor names (catalog-relative path), parsed. */
export async function loadRowSchema(catalogRoot: string, ds: Pick<DatasetDescriptor, 'schema' | 'file'>): Promise<unknown> {
  if (!ds.schema) throw new SchemaError(ds.file, 'schema: is not set');
  // The catalog's path rule again where the file is opened (the loader reported it first).
  const verdict = await resolveCatalogPath({ root: catalogRoot, base: catalogRoot, value: ds.schema, what: 'schema file' });
  if (!verdict.ok) throw new SchemaError(ds.file, verdict.message);
  const path = verdict.real;
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.byteLength > MAX_SCHEMA_BYTES) throw new SchemaError(ds.schema, `larger than ${MAX_SCHEMA_BYTES} bytes`);
    text = bytes.toString('utf8');
  } catch (err) {
    if (err instanceof SchemaError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new SchemaError(ds.schema, code === 'ENOENT' ? `no such file (named by ${ds.file})` : (err as Error).message);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SchemaError(ds.schema, `not valid JSON: ${(err as Error).message}`);
  }
}
