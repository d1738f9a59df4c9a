// The descriptor as data, with its comments: what was read and how, and a "check:" line for
// every guess a person should review (also collected for the summary).
import type { Cadence, ExtractSpec } from '../types.ts';
import type { Input } from './acquire.ts';
import type { ColumnPlan } from './column-plan.ts';
import type { DescriptorDraft } from './descriptor-yaml.ts';
import type { DistrictGuess } from './district-guess.ts';
import type { Layout } from './layout.ts';
import type { OnboardOptions } from './onboard.ts';
import type { KeyProposal } from './primary-key.ts';
import type { SecondPass } from './second-pass.ts';
import type { OnboardSource } from './source.ts';

const UNMATCHED_SHOWN = 5;

export interface DraftContext {
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

export function descriptorDraft(c: DraftContext): DescriptorDraft {
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

export function topValues(values: Map<string, number>, k: number): { value: string; rows: number }[] {
  return [...values].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k).map(([value, rows]) => ({ value, rows }));
}
