// `citydash new dataset --from SOURCE`: read a department's file (or a URL, or a Seoul Open
// API service) the way fetch and validate will, and write a descriptor and row schema that
// validate it as it is. Two passes over every row: the first finds which type reads each
// column (column-stats.ts), the second reads the rows through validate's own header mapping
// and coercers with the chosen types, to count what the summary reports and to find a key
// that is unique over the whole file.
import { checkRowSchema, descriptorValidator, GU_TABLE, hasHangul, parseSourceDoc, unitInEnglish } from '../catalog/index.ts';
import { conformDistrict } from '../districts.ts';
import { InputError, quote } from '../errors.ts';
import { isTotalsRow, type ReadTableOptions } from '../extract/index.ts';
import type { Cadence, DatasetDescriptor, Effects, ExtractSpec, RawValue, SourceLocation, Value } from '../types.ts';
import { typedRecords } from '../validate/index.ts';
import { acquire, type Input } from './acquire.ts';
import { guessCadence } from './cadence-guess.ts';
import { planColumns, type ColumnPlan, type Note } from './column-plan.ts';
import { nameHeaders, slug } from './column-names.ts';
import { StatsCollector, type ColumnStats } from './column-stats.ts';
import { descriptorYaml, type DescriptorDraft } from './descriptor-yaml.ts';
import { guessDistrict, type DistrictGuess } from './district-guess.ts';
import { readLayout, type Layout } from './layout.ts';
import { MEASURE_RANK, proposeKey, ROW_NUMBER_RANK, type KeyColumn, type KeyProposal } from './primary-key.ts';
import { rowSchema, schemaJson } from './row-schema.ts';
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
/** A text column with at most this many distinct values is a list of categories (worth a translation table). */
const MAX_CATEGORIES = 300;
/** Key candidates hold text up to this long; longer values are descriptions, not identifiers. */
const MAX_KEY_TEXT = 200;
/** Names of columns that identify things (ranked as good key parts). */
const IDENTIFYING = new Set(['gu', 'station', 'subway_station', 'station_id', 'station_name', 'line', 'category', 'item', 'department', 'agency', 'name', 'dong', 'year', 'month', 'quarter', 'hour', 'period']);
/** Integer columns that identify rather than measure: ids, codes, numbers of things. */
const IDENTIFIER = /(^|_)(id|no|seq|code|cd|num|number)$/;
const IDENTIFIER_HEADER = /(번호|코드|아이디|일련|연도|년도|ID$)/;
/** Names a district column keeps; any other is renamed `gu` (its values are gu, whatever the header says). */
const PLACE_NAMES = new Set(['gu', 'station', 'subway_station', 'station_name', 'dong', 'name', 'district_code']);

export async function onboardDataset(opts: OnboardOptions, effects: Effects): Promise<OnboardResult> {
  const source = parseFrom(opts.from, opts.cwd);
  const id = opts.id ?? defaultId(source);
  const dir = `sources/${opts.department.id}`;
  const input = await acquire(source, { catalogRoot: opts.catalogRoot, descriptorDir: dir, id, effects });
  effects.log.info(`reading ${input.name} (${input.format.toUpperCase()})`);
  const layout = await readLayout(input, opts.sheet);

  // Pass 1: what each column holds.
  const first = await input.open(layout.read);
  const headers = first.headers;
  const { usable, dropped } = usableHeaders(headers);
  if (usable.length === 0) throw new OnboardError(input.name, `no usable header: ${headers.length ? headers.map((h) => quote(h)).join(', ') : 'the header row is empty'}`);
  const stats = new StatsCollector(headers.length);
  const totals: { count: number; where: string[] } = { count: 0, where: [] };
  for await (const rec of first.records) {
    if (layout.totalsOption && isTotalsRow(rec.values)) {
      totals.count++;
      if (totals.where.length < 3) totals.where.push(`${place(rec.loc)} ${quote(rec.values.slice(0, 3).find((v) => isTotalsRow([v])))}`);
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
  const second = await secondPass(input, read, typed, plans, district, districtPlan);
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

interface SecondPass {
  rows: number;
  rejected: number;
  firstProblem?: string;
  keyColumns: KeyColumn[];
  gu: { matched: number; unmatched: number; values: Map<string, number> };
  times: string[];
}

async function secondPass(input: Input, read: ReadTableOptions, ds: DatasetDescriptor, plans: ColumnPlan[], district: DistrictGuess | undefined, districtPlan: ColumnPlan | undefined): Promise<SecondPass> {
  const typed = typedRecords(await input.open(read), ds, input.name);
  const keys = plans
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.nulls === 0 && p.nonEmpty > 0 && p.type !== 'number' && p.type !== 'boolean' && (p.type !== 'string' || p.maxLength <= MAX_KEY_TEXT))
    .map(({ p, i }) => ({ plan: p, index: i, intern: new Map<Value, number>(), ids: new GrowingIds(), rank: keyRank(p, p === districtPlan) }));
  const timePlan = plans.find((p) => p.type === 'date' || p.type === 'datetime');
  const times = new Set<string>();
  const gu = { matched: 0, unmatched: 0, values: new Map<string, number>() };
  const guMemo = new Map<Value | undefined, boolean>();
  let rows = 0;
  let rejected = 0;
  let firstProblem: string | undefined;
  for await (const c of typed.records) {
    rows++;
    if (c.problem) {
      rejected++;
      firstProblem ??= `${place(c.loc)}: ${c.problem.column} ${quote(c.problem.value)} ${c.problem.text}`;
    }
    for (const k of keys) {
      const v = c.row[k.plan.name] ?? null;
      let idv = k.intern.get(v);
      if (idv === undefined) k.intern.set(v, (idv = k.intern.size));
      k.ids.push(idv);
    }
    if (timePlan) {
      const t = c.row[timePlan.name];
      if (typeof t === 'string' && times.size < 200_000) times.add(t);
    }
    if (district && districtPlan) {
      const v = c.row[districtPlan.name];
      let named = guMemo.get(v);
      if (named === undefined) {
        named = conformDistrict(v, { shortKorean: district.shortKorean }) !== null;
        if (guMemo.size < 50_000) guMemo.set(v, named);
      }
      if (named) gu.matched++;
      else {
        gu.unmatched++;
        const shown = v === null || v === undefined ? '(empty)' : String(v);
        if (gu.values.size < 1000 || gu.values.has(shown)) gu.values.set(shown, (gu.values.get(shown) ?? 0) + 1);
      }
    }
  }
  const keyColumns = keys.map((k) => ({ index: k.index, ids: k.ids.array(), distinct: k.intern.size, rank: k.rank }));
  return { rows, rejected, ...(firstProblem ? { firstProblem } : {}), keyColumns, gu, times: [...times] };
}

/**
 * How good a key part a column is. Counts and amounts (integers that are not years, months,
 * codes or numbers of things) rank as MEASURE: unique by chance, they are keys only when
 * nothing that names a row is unique.
 */
function keyRank(p: ColumnPlan, isDistrict: boolean): number {
  if (p.type === 'date' || p.type === 'datetime') return 0;
  if (isDistrict) return 1;
  if (p.type === 'integer' && p.notes.some((n) => n.text.startsWith('row number'))) return ROW_NUMBER_RANK;
  if (IDENTIFYING.has(p.name.replace(/_\d+$/, ''))) return 1.5;
  if (p.type === 'string') return 2;
  return IDENTIFIER.test(p.name) || IDENTIFIER_HEADER.test(p.header) ? 2.5 : MEASURE_RANK;
}

/** Growable Int32Array: one id per row without a JS array's per-element overhead. */
class GrowingIds {
  private buf = new Int32Array(1024);
  private n = 0;
  push(v: number): void {
    if (this.n === this.buf.length) {
      const next = new Int32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.n++] = v;
  }
  array(): Int32Array {
    return this.buf.subarray(0, this.n);
  }
}

/** Headers `columns:` can name: not empty, and the first of any repeated header (validate binds the first). */
function usableHeaders(headers: readonly string[]): { usable: number[]; dropped: string[] } {
  const usable: number[] = [];
  const dropped: string[] = [];
  const seen = new Set<string>();
  headers.forEach((h, i) => {
    const key = h.normalize('NFC').trim();
    if (key === '') dropped.push(`column ${i + 1} has no header and is left out`);
    else if (seen.has(key)) dropped.push(`column ${i + 1} repeats the header ${quote(h)} and is left out (only the first is read)`);
    else {
      seen.add(key);
      usable.push(i);
    }
  });
  return { usable, dropped };
}

function renameDistrictColumn(plan: ColumnPlan, plans: ColumnPlan[]): void {
  if (PLACE_NAMES.has(plan.name) || plans.some((p) => p.name === 'gu')) return;
  plan.notes.push({ text: `named gu: its values are gu, though the header says ${quote(plan.header)}`, review: true });
  plan.name = 'gu';
  plan.title = { ko: plan.title.ko, en: 'Gu' };
}

/**
 * English pages show a value in Korean until a translation table gives its English form:
 * say so for columns of Korean categories (a list, not free text) and for units with no
 * built-in English word.
 */
function noteKorean(p: ColumnPlan, s: ColumnStats): void {
  if (p.unit && unitInEnglish(p.unit) === undefined) p.notes.push({ text: `unit ${p.unit} has no English word yet: add it to labels/units.yaml`, review: true });
  if (p.type !== 'string' || s.distinctOverflow) return;
  const korean = [...s.distinct.keys()].filter((v) => hasHangul(v) && !(p.labels === 'gu' && GU_TABLE.values[v.trim()]));
  if (korean.length === 0 || s.distinct.size > MAX_CATEGORIES) return;
  const shown = korean.slice(0, 3).map((v) => quote(v)).join(', ');
  const table = p.labels ? `a table beside ${p.labels} (labels: [${p.labels}, …])` : 'labels: a table or {Korean: English}';
  p.notes.push({ text: `${korean.length} value(s) in Korean (${shown}${korean.length > 3 ? ', …' : ''}) stay Korean on English pages until ${table} gives their English forms`, review: true });
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

interface DraftContext {
  id: string;
  opts: OnboardOptions;
  source: OnboardSource;
  input: Input;
  layout: Layout;
  plans: ColumnPlan[];
  extract: ExtractSpec;
  district?: DistrictGuess;
  districtPlan?: ColumnPlan;
  second: SecondPass;
  key?: KeyProposal;
  keyNames: string[];
  cadence?: { every: Cadence; because: string };
  title: { ko: string; en: string };
  totals: { count: number; where: string[] };
  dropped: string[];
  schemaPath: string;
  /** Filled with every guess a person should review, for the summary. */
  guesses: string[];
}

function descriptorDraft(c: DraftContext): DescriptorDraft {
  const above: Record<string, string[]> = {};
  const after: Record<string, string> = {};
  const review = (path: string, text: string, where: 'above' | 'after' = 'after') => {
    c.guesses.push(`${path}: ${text}`);
    if (where === 'above') (above[path] ??= []).push(`check: ${text}`);
    else after[path] = `check: ${text}`;
  };
  const n = (x: number) => x.toLocaleString('en-US');

  review('title', 'title and description are placeholders: say what the data is, in Korean and English', 'above');
  if (!c.opts.departmentKnown) review('department', c.opts.department.id === 'unassigned' ? 'no --department given: move the files to sources/<department>/ and name the department' : 'a department the catalog does not know yet: give its Korean and English names');
  after.licence = 'check: 공공누리 제1유형 / the licence the department publishes under (KOGL-1..4 or SPDX)';
  review('update', c.cadence ? `${c.cadence.every}, guessed from ${c.cadence.because}: set the cadence agreed with civil society` : 'monthly is a default: set the cadence agreed with civil society');

  const x = c.extract;
  if (c.input.local?.copy) after['extract.path'] = `copied in from ${c.input.local.copy.from.split(/[\\/]/).pop()}: the catalog reads only files inside it`;
  if (c.layout.comments.encoding) after['extract.encoding'] = c.layout.comments.encoding;
  const tableNotes = [...c.layout.comments.table];
  if (c.totals.count) tableNotes.push(`${n(c.totals.count)} totals row(s) dropped: ${c.totals.where.join(', ')}${c.totals.count > c.totals.where.length ? ', …' : ''}`);
  const tableKey = x.csv ? 'extract.csv' : x.xlsx ? 'extract.xlsx' : x.json ? 'extract.json' : 'extract.format';
  if (tableNotes.length) above[tableKey] = tableNotes;
  for (const text of c.layout.guesses) review(tableKey, text, 'above');
  if (x.sample) after['extract.sample'] = c.source.kind === 'seoul-openapi' ? `the first page of the response, in the API's wire format: used offline and in previews` : 'the response as fetched: used offline and in previews';
  if (c.source.kind === 'seoul-openapi' && c.source.params.length) review('extract.params', 'fixed as given; a template such as {date-1d:yyyyMMdd} follows the calendar');
  for (const d of c.dropped) review('columns', d, 'above');

  for (const p of c.plans) {
    for (const note of p.notes) {
      if (note.review) review(`columns.${p.name}`, note.text, 'above');
      else (above[`columns.${p.name}`] ??= []).push(note.text);
    }
  }
  if (c.district && c.districtPlan) {
    const g = c.second.gu;
    const rate = c.second.rows ? g.matched / c.second.rows : 0;
    const text = `${n(g.matched)} of ${n(c.second.rows)} rows (${(rate * 100).toFixed(1)}%) name a gu`;
    if (g.unmatched) review('district', `${text}; ${n(g.unmatched)} do not and get gu_code null: ${topValues(g.values, UNMATCHED_SHOWN).map((v) => `${v.value} ×${n(v.rows)}`).join(', ')}`);
    else after.district = text;
    if (c.district.shortKorean) review('district', 'shortKorean: the values name gu without 구 (종로)', 'above');
  }
  if (c.key?.unique) after.primaryKey = `unique together over all ${n(c.second.rows)} rows`;
  else if (c.key) review('primaryKey', `no set of columns is unique: ${n(c.key.duplicates)} row(s) repeat another row's ${c.keyNames.join(' + ')} and would be rejected as duplicates`);
  else review('primaryKey', `no column can identify a row (every one has empty cells or decimals): ${c.keyNames[0]} is a placeholder`);
  if (c.second.rejected) review('columns', `${n(c.second.rejected)} row(s) would still be rejected; first: ${c.second.firstProblem}`, 'above');

  const value: Record<string, unknown> = {
    id: c.id,
    title: c.title,
    description: {
      ko: `${c.input.name}에서 읽은 자료입니다. 무엇을 언제, 어떻게 잰 자료인지 적어 주세요.`,
      en: `Read from ${c.input.name}. Say what was measured, when and how.`,
    },
    department: c.opts.department,
    licence: 'KOGL-1',
    update: { every: c.cadence?.every ?? 'monthly' },
    extract: orderedExtract(x),
    columns: Object.fromEntries(c.plans.map((p) => [p.name, {
      from: [p.header], type: p.type, ...(p.format ? { format: p.format } : {}), ...(p.unit ? { unit: p.unit } : {}), title: p.title,
      ...(p.labels ? { labels: p.labels } : {}),
    }])),
    ...(c.district && c.districtPlan ? { district: { from: c.districtPlan.name, ...(c.district.shortKorean ? { shortKorean: true } : {}) } } : {}),
    schema: c.schemaPath,
    primaryKey: c.keyNames,
    onInvalid: { action: 'drop-row', maxRatio: 0.01 },
  };
  return { value, above, after };
}

function orderedExtract(x: ExtractSpec): Record<string, unknown> {
  const order: (keyof ExtractSpec)[] = ['kind', 'service', 'params', 'url', 'path', 'format', 'encoding', 'csv', 'xlsx', 'json', 'sample', 'sampleFormat'];
  return Object.fromEntries(order.filter((k) => x[k] !== undefined).map((k) => [k, x[k]]));
}

function topValues(values: Map<string, number>, k: number): { value: string; rows: number }[] {
  return [...values].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k).map(([value, rows]) => ({ value, rows }));
}

function place(loc: SourceLocation): string {
  if (loc.line !== undefined) return `line ${loc.line}`;
  if (loc.row !== undefined) return `row ${loc.row}`;
  if (loc.index !== undefined) return `record ${loc.index + 1}${loc.page && loc.page > 1 ? ` of page ${loc.page}` : ''}`;
  return 'a row';
}

/** What was written must pass the catalog's own rules; anything else is a bug here, not the user's. */
function assertConsistent(descriptor: Record<string, unknown>, schemaPath: string, schemaText: string): void {
  const validate = descriptorValidator('dataset');
  if (!validate(descriptor)) throw new Error(`new dataset --from wrote a descriptor its own schema refuses: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  const problems = checkRowSchema(parseSourceDoc(schemaPath, schemaText, 'json'));
  if (problems.length) throw new Error(`new dataset --from wrote a row schema the catalog rules refuse: ${problems.map((p) => p.message).join('; ')}`);
}

export type { Note, RawValue };
