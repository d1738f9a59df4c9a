// The catalog's JSON Schemas as editors use them: VS Code and other editors with the YAML
// language server check a descriptor as it is typed when its first line names its schema
// (`# yaml-language-server: $schema=<path>`), or when .vscode/settings.json maps files to
// schemas. The schema files are the ones `citydash check` validates with (./*.schema.json);
// the chart schema also points `spec:` at the Vega-Lite schema that the vega-lite package
// ships, by a relative path, so all of it works offline.
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DescriptorKind } from './descriptor-schemas.ts';

/** This folder: pipeline/catalog in a checkout, lib/catalog in the installed package. */
const HERE = dirname(fileURLToPath(import.meta.url));

/** Where the catalog schemas sit inside the installed package (lib/ mirrors pipeline/). */
export const PACKAGE_SCHEMA_DIR = 'node_modules/citydash/lib/catalog';

export const SCHEMA_FILE: Readonly<Record<DescriptorKind, string>> = {
  dataset: 'dataset.schema.json',
  chart: 'chart.schema.json',
  settings: 'settings.schema.json',
  labels: 'labels.schema.json',
};

/**
 * The chart schema's reference to the Vega-Lite schema, from pipeline/catalog/ in a checkout
 * (node_modules beside pipeline/) and from lib/catalog/ of the installed package (vega-lite
 * installed beside citydash, as npm places a dependency).
 */
export const VEGA_LITE_REF = {
  checkout: '../../node_modules/vega-lite/build/vega-lite-schema.json',
  package: '../../../vega-lite/build/vega-lite-schema.json',
} as const;

/** A schema file's text as the package ships it: the Vega-Lite reference made package-relative. */
export function packageSchemaText(text: string): string {
  return text.split(JSON.stringify(VEGA_LITE_REF.checkout)).join(JSON.stringify(VEGA_LITE_REF.package));
}

/** References to other files are for editors; citydash checks what they point at itself. */
export function isExternalRef(ref: unknown): boolean {
  return typeof ref === 'string' && !ref.startsWith('#');
}

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
};

/**
 * The folder holding the schemas a catalog's editor should use: this citydash's own when it
 * lies inside the catalog (the catalog's node_modules, or this repository, which is itself a
 * catalog); otherwise where `npm install` in the catalog puts them.
 */
export function schemaDirFor(catalogRoot: string): string {
  if (inside(catalogRoot, HERE)) return HERE;
  return join(catalogRoot, ...PACKAGE_SCHEMA_DIR.split('/'));
}

/** `../../node_modules/citydash/lib/catalog/dataset.schema.json`: the schema's path from the YAML file's folder. */
export function schemaPathFrom(kind: DescriptorKind, catalogRoot: string, yamlPath: string): string {
  const file = join(schemaDirFor(catalogRoot), SCHEMA_FILE[kind]);
  const path = relative(dirname(join(catalogRoot, yamlPath)), file).split(sep).join('/');
  return path.startsWith('../') ? path : `./${path}`;
}

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=/m;

/** The first line of a descriptor that tells the YAML language server its schema. */
export function modeline(kind: DescriptorKind, catalogRoot: string, yamlPath: string): string {
  return `# yaml-language-server: $schema=${schemaPathFrom(kind, catalogRoot, yamlPath)}`;
}

/** `text` with the modeline as its first line (kept as it is when it already names a schema). */
export function withModeline(text: string, kind: DescriptorKind, catalogRoot: string, yamlPath: string): string {
  return MODELINE.test(text) ? text : `${modeline(kind, catalogRoot, yamlPath)}\n${text}`;
}

/** Which kind of descriptor a catalog-relative path is, by where it lives; null for other files. */
export function descriptorKindOf(yamlPath: string): DescriptorKind | null {
  const p = yamlPath.split(sep).join('/');
  if (!/\.ya?ml$/.test(p)) return null;
  if (p === 'citydash.yaml') return 'settings';
  if (p.startsWith('sources/')) return 'dataset';
  if (p.startsWith('viz-specs/')) return 'chart';
  if (p.startsWith('labels/')) return 'labels';
  return null;
}

/** .vscode/settings.json of a catalog: each kind of descriptor mapped to its schema. */
export function vscodeSettings(catalogRoot: string): string {
  const dir = relative(catalogRoot, schemaDirFor(catalogRoot)).split(sep).join('/');
  const at = (kind: DescriptorKind) => `./${dir}/${SCHEMA_FILE[kind]}`;
  const settings = {
    'yaml.schemas': {
      [at('settings')]: ['citydash.yaml'],
      [at('dataset')]: ['sources/**/*.yaml'],
      [at('chart')]: ['viz-specs/**/*.yaml'],
      [at('labels')]: ['labels/**/*.yaml'],
    },
    // Descriptors are YAML 1.2 like the loader reads them; no line wrapping of long Korean text.
    'yaml.format.proseWrap': 'preserve',
  };
  return `${JSON.stringify(settings, null, 2)}\n`;
}
