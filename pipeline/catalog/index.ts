// The catalog stage: what people write (sources/, schemas/, viz-specs/, citydash.yaml),
// loaded, checked and typed. `citydash check` reuses the parsing, locating and messages.
import type { Catalog, ChartDescriptor, DatasetDescriptor } from '../types.ts';

export { loadCatalog, type LoadedCatalog, type LoadOptions } from './load.ts';
export { byId, readDescriptorFiles, type DescriptorFile } from './descriptor-files.ts';
export { linearPatternError, linearRegExp } from './linear-regexp.ts';
export { SPEC_LIMITS } from './chart/safety.ts';
export { ALLOWED_FUNCTIONS } from './chart/expr-allowlist.ts';
export { CatalogPathError, DATA_FOLDERS_ENV, dataFoldersFrom, openableCatalogPath, resolveCatalogPath, type PathRequest, type PathVerdict } from './paths.ts';
export { formatProblem, problemAt, problemInFile, sortProblems, hasErrors, type ProblemOptions } from './problem.ts';
export { locate, parseSourceDoc, type Position, type SourceDoc } from './source-doc.ts';
export { ajvProblems, PATTERN_HINTS, show } from './ajv-problems.ts';
export { checkRowSchema, MAX_PATTERN_SUBJECT } from './row-schema-check.ts';
export { catalogSettingsSchema, chartDescriptorSchema, datasetDescriptorSchema, labelTableSchema, descriptorAjv, descriptorSchemas, descriptorSchemasSha256, descriptorValidator, type JsonSchema } from './descriptor-schemas.ts';
export { didYouMean, editDistance, nearest } from './suggest.ts';
export { descriptorKindOf, modeline, packageSchemaText, schemaDirFor, vscodeSettings, withModeline, PACKAGE_SCHEMA_DIR, SCHEMA_FILE, VEGA_LITE_REF } from './editor-schemas.ts';
export { joinPointer, pathLabel, splitPointer } from './pointer.ts';
export { DISTRICT_COLUMNS } from './normalize.ts';
export {
  BUILTIN_TABLES, DEFAULT_UNITS, GU_TABLE, UNITS_TABLE, columnUnit, countHangul, hasHangul, labelsOf, resolveLabels, unitInEnglish, unitLabel,
  unitWords, valueLabel, worded, type LabelsSpec, type Worded,
} from './labels.ts';
export { LABELS_DIR, loadLabelTables } from './label-tables.ts';
export {
  DEFAULT_FEEDBACK_LABEL, FEEDBACK_FIELDS, GITHUB_LABEL_MAX, feedbackLabel, feedbackRepository, parseGithubRepository,
  type FeedbackField, type GithubRepository,
} from './feedback-settings.ts';

export interface CatalogIndex {
  datasets: ReadonlyMap<string, DatasetDescriptor>;
  charts: ReadonlyMap<string, ChartDescriptor>;
  /** The dataset with this id; throws when there is none (ids come from the catalog itself). */
  dataset(id: string): DatasetDescriptor;
}

export function catalogIndex(catalog: Catalog): CatalogIndex {
  const datasets = new Map(catalog.datasets.map((d) => [d.id, d]));
  const charts = new Map(catalog.charts.map((c) => [c.id, c]));
  return {
    datasets,
    charts,
    dataset(id) {
      const found = datasets.get(id);
      if (!found) throw new Error(`no dataset ${JSON.stringify(id)} in the catalog (known: ${[...datasets.keys()].join(', ')})`);
      return found;
    },
  };
}
export { isObj, type Obj } from './file-rules.ts';
export { YAML_FILE, listFiles, readText } from './files.ts';
export { toChart, toDataset } from './normalize.ts';
export { resolvePointer } from './source-doc.ts';
