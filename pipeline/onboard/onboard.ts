// `citydash new dataset --from SOURCE`: read a department's file (or a URL, or a Seoul Open
// API service) the way fetch and validate will, and write a descriptor and row schema that
// validate it as it is. Two passes over every row: the first finds which type reads each
// column (column-stats.ts), the second reads the rows through validate's own header mapping
// and coercers with the chosen types, to count what the summary reports and to find a key
// that is unique over the whole file.
import { checkRowSchema, descriptorValidator, parseSourceDoc } from '../catalog/index.ts';
import { InputError, quote } from '../errors.ts';
import { isTotalsRow, type ReadTableOptions } from '../extract/index.ts';
import { describeLocation } from '../validate/index.ts';
import type { Cadence, DatasetDescriptor, Effects, ExtractSpec } from '../types.ts';
import { acquire, type Input } from './acquire.ts';
import { guessCadence } from './cadence-guess.ts';
import { planColumns } from './column-plan.ts';
import { nameHeaders, slug } from './column-names.ts';
import { noteKorean, renameDistrictColumn, usableHeaders } from './column-review.ts';
import { StatsCollector } from './column-stats.ts';
import { descriptorDraft, topValues } from './descriptor-draft.ts';
import { descriptorYaml } from './descriptor-yaml.ts';
import { guessDistrict } from './district-guess.ts';
import { readLayout, type Layout } from './layout.ts';
import { proposeKey } from './primary-key.ts';
import { rowSchema, schemaJson } from './row-schema.ts';
import { secondPass } from './second-pass.ts';
import { parseFrom, type OnboardSource } from './source.ts';
import { unitInTitle } from './units.ts';
import type { OnboardSummary } from './summary.ts';

export interface Department {
  id: string;
  ko: string;
  en: string;
}

export interface OnboardOptions {
  /** What `--from` says: a path, an http(s) URL or `seoul-openapi:SERVICE[/param...]`. */
  from: string;
  /** Absolute catalog root. */
  catalogRoot: string;
  /** Folder a relative `--from` path is read from. */
  cwd: string;
  id?: string;
  department: Department;
  /** False when the department's names are placeholders (a department the catalog does not know yet). */
  departmentKnown: boolean;
  /** XLSX: read this sheet instead of the one with the most data. */
  sheet?: string;
}

export interface OnboardResult {
  id: string;
  /** Catalog-relative path -> content of each file to write. */
  files: Record<string, string | Uint8Array>;
  /** Catalog-relative path -> absolute path of a file to copy into the catalog. */
  copies: Record<string, string>;
  summary: OnboardSummary;
}

/** Thrown when the file cannot be described as it is (no rows, no usable header). */
export class OnboardError extends InputError {
  constructor(where: string, detail: string) {
    super(where, detail);
    this.name = 'OnboardError';
  }
}

const PLACEHOLDER_DEPARTMENT = { ko: '부서 이름', en: 'Department name' };
export const UNASSIGNED_DEPARTMENT: Department = { id: 'unassigned', ...PLACEHOLDER_DEPARTMENT };
export { PLACEHOLDER_DEPARTMENT };

const MAX_ID = 80;
const UNMATCHED_SHOWN = 5;

export async function onboardDataset(opts: OnboardOptions, effects: Effects): Promise<OnboardResult> {
  const source = parseFrom(opts.from, opts.cwd);
  const id = opts.id ?? defaultId(source);
  const dir = `sources/${opts.department.id}`;
  const input = await acquire(source, { catalogRoot: opts.catalogRoot, descriptorDir: dir, id, effects });
  effects.log.info(`reading ${input.name} (${input.format.toUpperCase()})`);
  const layout = await readLayout(input, opts.sheet);

  // Pass 1: what each column holds.
  const open = layout.open ?? input.open;
  const first = await open(layout.read);
  const headers = first.headers;
  const { usable, dropped } = usableHeaders(headers);
  if (usable.length === 0) throw new OnboardError(input.name, `no usable header: ${headers.length ? headers.map((h) => quote(h)).join(', ') : 'the header row is empty'}`);
  const stats = new StatsCollector(headers.length);
  const totals: { count: number; where: string[] } = { count: 0, where: [] };
  for await (const rec of first.records) {
    if (layout.totalsOption && isTotalsRow(rec.values)) {
      totals.count++;
      if (totals.where.length < 3) totals.where.push(`${describeLocation(rec.loc)} ${quote(rec.values.slice(0, 3).find((v) => isTotalsRow([v])))}`);
      continue;
    }
    stats.add(rec.values);
  }
  if (stats.rows === 0) throw new OnboardError(input.name, `no data rows below the header (${layout.headerAt}); a file with at least one row is needed to tell the columns' types`);

  const named = nameHeaders(headers, usable);
  const district = guessDistrict(named, stats.columns);
  const plans = planColumns(named, stats.columns, { titleUnit: unitInTitle(layout.titles.join(' ')), districtIndex: district?.index });
  const districtPlan = district ? plans.find((p) => p.index === district.index) : undefined;
  if (districtPlan) renameDistrictColumn(districtPlan, plans);
  if (districtPlan && district && !district.codes) districtPlan.labels = 'gu';
  for (const p of plans) noteKorean(p, stats.columns[p.index]!);
  const read = totals.count ? withTotalsDropped(layout.read) : layout.read;

  // Pass 2: the rows as validate will read them, with the chosen types.
  const schemaPath = `schemas/${id}.schema.json`;
  const extract = extractSpec(input, layout, totals.count > 0);
  const typed: DatasetDescriptor = {
    id, title: { ko: id, en: id }, description: { ko: id, en: id }, department: opts.department, licence: 'KOGL-1', update: { every: 'monthly' },
    extract, columns: Object.fromEntries(plans.map((p) => [p.name, { from: [p.header], type: p.type, ...(p.format ? { format: p.format } : {}) }])),
    schema: schemaPath, primaryKey: [], onInvalid: { action: 'drop-row', maxRatio: 0.01 }, file: `${dir}/${id}.yaml`,
  };
  const second = await secondPass(await open(read), input.name, typed, plans, district, districtPlan);
  const key = proposeKey(second.keyColumns, second.rows);
  const keyNames = key?.columns.map((i) => plans[i]!.name) ?? [plans[0]!.name];
  const cadence = guessCadence(second.times) ?? (plans.some((p) => p.name === 'year' && p.type === 'integer') ? { every: 'yearly' as Cadence, because: 'a year column' } : undefined);

  const title = defaultTitle(source, input, id);
  const guesses: string[] = [];
  const draft = descriptorDraft({ id, opts, source, input, layout, plans, extract, district, districtPlan, second, key, keyNames, cadence, title, totals, dropped, schemaPath, guesses });
  const yaml = descriptorYaml(id, draft);
  const schema = rowSchema(id, title, plans, Boolean(district));
  const schemaText = schemaJson(schema);
  assertConsistent(draft.value, schemaPath, schemaText);

  const files: Record<string, string | Uint8Array> = { [`${dir}/${id}.yaml`]: yaml, [schemaPath]: schemaText };
  if (input.sample) files[`${dir}/${input.sample.path}`] = input.sample.bytes;
  const copies: Record<string, string> = input.local?.copy ? { [input.local.copy.to]: input.local.copy.from } : {};
  const summary: OnboardSummary = {
    dataset: id,
    descriptor: `${dir}/${id}.yaml`,
    schema: schemaPath,
    source: {
      kind: source.kind, name: input.name, format: input.format, ...layout.facts,
      ...(input.local?.copy ? { copiedTo: input.local.copy.to } : {}),
      ...(input.sample ? { sample: `${dir}/${input.sample.path}` } : {}),
    },
    rowsRead: second.rows,
    totalsDropped: totals.count,
    rejected: second.rejected,
    columns: plans.map((p) => ({ name: p.name, header: p.header, type: p.type, ...(p.format ? { format: p.format } : {}), ...(p.unit ? { unit: p.unit } : {}), nulls: p.nulls })),
    ...(district && districtPlan ? {
      district: {
        column: districtPlan.name, header: districtPlan.header, shortKorean: district.shortKorean, matched: second.gu.matched, unmatched: second.gu.unmatched,
        rate: second.rows ? second.gu.matched / second.rows : 0, unmatchedValues: topValues(second.gu.values, UNMATCHED_SHOWN),
      },
    } : {}),
    primaryKey: { columns: keyNames, unique: key?.unique ?? false, duplicates: key?.duplicates ?? 0 },
    update: { every: cadence?.every ?? 'monthly', ...(cadence ? { because: cadence.because } : {}) },
    guesses,
  };
  return { id, files, copies, summary };
}

function withTotalsDropped(read: ReadTableOptions): ReadTableOptions {
  if (read.format === 'csv') return { ...read, csv: { ...read.csv, dropTotals: true } };
  if (read.format === 'xlsx') return { ...read, xlsx: { ...read.xlsx, dropTotals: true } };
  return read;
}

/** The descriptor's `extract`, as validate must read the source. */
function extractSpec(input: Input, layout: Layout, dropTotals: boolean): ExtractSpec {
  const src = input.source;
  const options = {
    ...(layout.extract.encoding ? { encoding: layout.extract.encoding } : {}),
    ...(layout.extract.csv || (dropTotals && input.format === 'csv') ? { csv: { ...layout.extract.csv, ...(dropTotals && input.format === 'csv' ? { dropTotals: true } : {}) } } : {}),
    ...(layout.extract.xlsx || (dropTotals && input.format === 'xlsx') ? { xlsx: { ...layout.extract.xlsx, ...(dropTotals && input.format === 'xlsx' ? { dropTotals: true } : {}) } } : {}),
    ...(layout.extract.json ? { json: layout.extract.json } : {}),
  };
  if (src.kind === 'file') return { kind: 'file', path: input.local!.path, format: input.format, ...options };
  if (src.kind === 'http') return { kind: 'http', url: src.url, format: input.format, ...options, sample: input.sample!.path };
  return {
    kind: 'seoul-openapi', service: src.service, ...(src.params.length ? { params: src.params } : {}), format: 'json', sample: input.sample!.path, sampleFormat: 'json',
  };
}

/** The new dataset's id: the file, URL or service name as lowercase words joined by dashes. */
export function defaultId(source: OnboardSource): string {
  const raw = source.kind === 'file'
    ? source.path.split(/[\\/]/).pop()!.replace(/\.[A-Za-z0-9]{1,5}$/, '')
    : source.kind === 'http'
      ? (new URL(source.url).pathname.split('/').filter(Boolean).pop() ?? new URL(source.url).hostname).replace(/\.[A-Za-z0-9]{1,5}$/, '')
      : source.service;
  const words = slug(raw).replace(/_/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return (words || 'new-dataset').slice(0, MAX_ID).replace(/-$/, '');
}

function defaultTitle(source: OnboardSource, input: Input, id: string): { ko: string; en: string } {
  const base = source.kind === 'seoul-openapi' ? source.service : input.name.split('/').pop()!.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const en = id.split('-').join(' ');
  return { ko: base.slice(0, 300) || id, en: en[0]!.toUpperCase() + en.slice(1) };
}

/** What was written must pass the catalog's own rules; anything else is a bug here, not the user's. */
function assertConsistent(descriptor: Record<string, unknown>, schemaPath: string, schemaText: string): void {
  const validate = descriptorValidator('dataset');
  if (!validate(descriptor)) throw new Error(`new dataset --from wrote a descriptor its own schema refuses: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  const problems = checkRowSchema(parseSourceDoc(schemaPath, schemaText, 'json'));
  if (problems.length) throw new Error(`new dataset --from wrote a row schema the catalog rules refuse: ${problems.map((p) => p.message).join('; ')}`);
}

