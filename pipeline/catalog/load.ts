// loadCatalog: every descriptor, schema and setting of a catalog, checked in one run.
// User mistakes never throw: each becomes a located problem, and a dataset or chart with
// an error is left out of the catalog (other stages skip it) while the rest load.
import { resolve } from 'node:path';
import type { Catalog, ChartDescriptor, DatasetDescriptor, Problem } from '../types.ts';
import { ajvProblems, show } from './ajv-problems.ts';
import { chartRules, derivedRules, duplicateIdRules } from './catalog-rules.ts';
import { chartSpecRules } from './chart/catalog.ts';
import { sqlRules } from './sql/catalog.ts';
import { datasetRules, type DatasetRuleOptions } from './dataset-rules.ts';
import { descriptorValidator } from './descriptor-schemas.ts';
import { entryOk, type Entry } from './entry.ts';
import { chartFolderProblems, fileNameProblems, isObj } from './file-rules.ts';
import { labelLengthProblem } from './feedback-settings.ts';
import { fileKind, listFiles, readCatalogText, YAML_FILE } from './files.ts';
import { labelRules, loadLabelTables } from './label-tables.ts';
import { dataFoldersFrom } from './paths.ts';
import { defaultSettings, toChart, toDataset } from './normalize.ts';
import { hasErrors, problemAt, problemInFile, sortProblems } from './problem.ts';
import { RowSchemaCache, rowSchemaProblems } from './row-schemas.ts';
import { loadSettings } from './settings.ts';
import { netPolicyFrom } from '../net-rule.ts';
import { parseSourceDoc } from './source-doc.ts';

export interface LoadedCatalog {
  catalog: Catalog;
  problems: Problem[];
}

export interface LoadOptions {
  /** The environment: CITYDASH_DATA_FOLDERS lets `file` sources read those folders (pipeline/catalog/paths.ts). */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * `sources` for commands that only fetch and validate source data (fetch, validate): derived SQL
   * and chart specs, which they never run, are not checked (compiling Vega-Lite's schema costs
   * seconds). Every command that runs SQL or renders charts loads with `all`, as check does.
   */
  scope?: 'all' | 'sources';
}

export async function loadCatalog(root: string, opts: LoadOptions = {}): Promise<LoadedCatalog> {
  const abs = resolve(root);
  if ((await fileKind(abs)) !== 'dir') {
    return { catalog: { root: abs, datasets: [], charts: [], settings: defaultSettings([]), labels: {} }, problems: [problemInFile(abs, 'catalog folder not found (it holds sources/, schemas/ and viz-specs/)', { rule: 'catalog' })] };
  }
  const problems: Problem[] = [];
  const folderMissing = async (dir: string, what: string, severity: Problem['severity']) => {
    if ((await fileKind(resolve(abs, dir))) !== 'dir') problems.push(problemInFile(`${dir}/`, `no ${dir}/ folder: ${what}`, { severity, rule: 'catalog' }));
  };
  await folderMissing('sources', 'dataset descriptors live in sources/<department>/<id>.yaml', 'error');
  await folderMissing('viz-specs', 'chart descriptors live in viz-specs/<area>/<id>.yaml', 'warning');

  const settings = await loadSettings(abs);
  const schemas = new RowSchemaCache(abs);
  const rules = { dataFolders: dataFoldersFrom(opts.env ?? {}), network: netPolicyFrom(opts.env ?? {}, settings.settings?.network?.allowHosts) };
  const datasets = await Promise.all((await listFiles(abs, 'sources', YAML_FILE)).map((f) => readEntry(abs, f, 'dataset', schemas, rules)));
  const charts = await Promise.all((await listFiles(abs, 'viz-specs', YAML_FILE)).map((f) => readEntry(abs, f, 'chart', schemas, rules)));

  const labels = await loadLabelTables(abs);
  labelRules(datasets, labels.tables, Object.values(labels.tables).map((t) => t.file!));

  duplicateIdRules(datasets);
  duplicateIdRules(charts);
  // SQL before the references between files, so a dataset left out for its SQL takes what is
  // derived from it and its charts along.
  const all = (opts.scope ?? 'all') === 'all';
  if (all) await sqlRules(datasets);
  derivedRules(datasets);
  if (all) chartSpecRules(charts, datasets);
  chartRules(charts, datasets, settings.settings ? Object.keys(settings.settings.areas) : undefined);
  if (settings.settings?.feedback?.github) {
    for (const e of [...datasets, ...charts]) {
      const p = e.value ? labelLengthProblem(e.source, e.kind, e.value.id) : null;
      if (p) e.problems.push(p);
    }
  }

  const referenced = new Set((await schemas.all()).map((s) => s.path));
  for (const path of await listFiles(abs, 'schemas', /\.schema\.json$/i)) {
    if (referenced.has(path)) continue;
    const file = await schemas.get(path);
    problems.push(problemInFile(path, 'schema not used by any dataset', { severity: 'warning', rule: 'unused' }));
    if (file.readError) problems.push(problemInFile(path, `schema file ${file.readError}`, { rule: file.refused ? 'path' : 'file-exists' }));
  }
  for (const file of await schemas.all()) problems.push(...file.problems);
  problems.push(...settings.problems, ...labels.problems);
  for (const e of [...datasets, ...charts]) problems.push(...e.problems);

  const okDatasets = datasets.filter(entryOk).map((e) => toDataset(e.value!, e.source.path, labels.tables));
  const okCharts = charts.filter(entryOk).map((e) => toChart(e.value!, e.source.path));
  const chartAreas = [...new Set(charts.map((e) => e.source.path.split('/')[1]).filter((a) => a && !YAML_FILE.test(a)))];
  const catalogSettings = settings.settings ?? defaultSettings(chartAreas.sort());
  return {
    catalog: {
      root: abs, datasets: sortDatasets(okDatasets), charts: sortCharts(okCharts, Object.keys(catalogSettings.areas)), settings: catalogSettings, labels: labels.tables,
    },
    problems: sortProblems(problems),
  };
}

async function readEntry(root: string, path: string, kind: Entry['kind'], schemas: RowSchemaCache, rules: DatasetRuleOptions): Promise<Entry> {
  const read = await readCatalogText(root, path);
  if ('error' in read) {
    return { kind, source: parseSourceDoc(path, ''), problems: [problemInFile(path, `${kind} descriptor ${read.error}`, { rule: read.refused ? 'path' : 'file' })], usable: false };
  }
  const source = parseSourceDoc(path, read.text);
  const entry: Entry = { kind, source, problems: [...source.problems], usable: true };
  if (hasErrors(source.problems)) return entry;
  const value = source.value;
  if (!isObj(value)) {
    const what = value === null || value === undefined ? 'the file is empty' : `got ${show(value)}`;
    entry.problems.push(problemAt(source, '', `a ${kind} descriptor is a mapping of keys (id: ..., title: ...); ${what}`, { rule: 'schema' }));
    return entry;
  }
  entry.value = value;
  const validate = descriptorValidator(kind);
  if (!validate(value)) entry.problems.push(...ajvProblems(source, validate.errors));
  if (kind === 'chart') {
    entry.problems.push(...fileNameProblems(source, value), ...chartFolderProblems(source, value));
    return entry;
  }
  entry.problems.push(...(await datasetRules(root, source, value, rules)));
  const schema = await rowSchemaProblems(root, schemas, source, value);
  entry.problems.push(...schema.problems);
  entry.usable = schema.usable;
  return entry;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const sortDatasets = (list: DatasetDescriptor[]) => list.sort(byId);
/** Charts in the settings' area order (page order), then by id. */
function sortCharts(list: ChartDescriptor[], areas: string[]): ChartDescriptor[] {
  const rank = (a: string) => (areas.includes(a) ? areas.indexOf(a) : areas.length);
  return list.sort((a, b) => rank(a.area) - rank(b.area) || byId(a, b));
}
