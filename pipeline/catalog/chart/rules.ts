// Every rule about one chart descriptor, each problem located where the author wrote it:
// translations and alt text, safety, expressions, Vega-Lite validity, data and fields.
import { pathLabel } from '../pointer.ts';
import { problemAt } from '../problem.ts';
import { nearest } from '../suggest.ts';
import { quote } from '../../errors.ts';
import { altRoles } from '../../render/index.ts';
import type { ChartDescriptor, Lang, Problem } from '../../types.ts';
import { effectiveSpecs, type EffectiveSpec } from './effective-spec.ts';
import type { DescriptorFile } from '../descriptor-files.ts';
import { checkExpression, expressionsIn, paramNames } from './expressions.ts';
import { fieldIssues, type DatasetColumns } from './fields.ts';
import { safetyIssues, sizeIssue } from './safety.ts';
import { isObj, type Obj } from './views.ts';
import { vegaLiteIssues, type SpecIssue } from './vl-errors.ts';
import { vegaLiteValidator } from './vl-schema.ts';

export interface ChartContext {
  columns: DatasetColumns;
  /** Every dataset id with a descriptor. */
  datasetIds: ReadonlySet<string>;
}

/** Where `datum` is a data row (in labelExpr it is an axis label, in expr there is none). */
const ROW_EXPRESSION_KEYS = new Set(['calculate', 'filter', 'test']);
const HANGUL = /[\u3131-\u318e\uac00-\ud7a3]/;

export function chartProblems(file: DescriptorFile, ctx: ChartContext): Problem[] {
  const v = file.value;
  if (!v) return [];
  const out: Problem[] = [];
  const seen = new Set<string>();
  const add = (pointer: string, issue: SpecIssue, rule: string, label: (p: string) => string = (p) => pathLabel(p)) => {
    const p = problemAt(file.source, pointer, issue.say(label), { at: issue.at, rule, hint: issue.hint, severity: issue.severity ?? 'error' });
    const key = `${p.line}:${p.col}:${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  };
  const plain = (pointer: string, message: string, hint: string, rule: string, at: 'key' | 'value' = 'value', severity?: 'warning') =>
    add(pointer, { pointer, at, say: () => message, hint, severity }, rule);

  translationRules(v, plain);
  for (const issue of [...safetyIssues(v.spec, '/spec'), ...safetyIssues(v.locales, '/locales')]) add(issue.pointer, issue, 'safety');
  const size = sizeIssue([v.spec, v.locales], isObj(v.spec) ? '/spec' : '');
  if (size) add(size.pointer, size, 'size');

  const data = Array.isArray(v.data) ? v.data.filter((d): d is string => typeof d === 'string') : [];
  const specs = effectiveSpecs(v);
  for (const part of ['spec', 'locales'] as const) {
    const params = paramNames(specs[0].spec);
    for (const e of expressionsIn(v[part], `/${part}`)) for (const issue of checkExpression(e.text, e.pointer, params).issues) add(issue.pointer, issue, 'expression');
  }
  if (v.template !== 'gu-map' && !isObj(v.spec)) return out; // the catalog reports the missing spec
  const { validate } = vegaLiteValidator();
  let specValid = true;
  for (const eff of specs) {
    const label = (p: string) => pathLabel(eff.toSource(p)) || 'spec';
    const mapped = (issue: SpecIssue, rule: string) => add(eff.toSource(issue.pointer), issue, rule, (p) => label(p));
    if (!validate(eff.spec)) {
      specValid = false;
      for (const issue of vegaLiteIssues(validate.errors ?? [], eff.spec)) mapped(issue, 'vega-lite');
    }
    for (const issue of dataNameIssues(eff, data, ctx)) mapped(issue, 'data');
    const params = paramNames(eff.spec);
    const rowExpressions = expressionsIn(eff.spec).filter((e) => ROW_EXPRESSION_KEYS.has(e.key));
    const exprRefs = rowExpressions.flatMap((e) => checkExpression(e.text, e.pointer, params).fields);
    for (const issue of fieldIssues(eff.spec, ctx.columns, data.length === 1 ? data[0] : undefined, exprRefs)) {
      if (eff.toSource(issue.pointer) !== '/map') mapped(issue, issue.say(label).includes(' is not a column') ? 'field' : 'field-type');
    }
  }
  mapRules(v, ctx, plain);
  // An invalid spec's mark is unknown, so "cannot draft alt text" would only repeat that.
  if (specValid) altRules(v, plain);
  return out;
}

type Plain = (pointer: string, message: string, hint: string, rule: string, at?: 'key' | 'value', severity?: 'warning') => void;

function translationRules(v: Obj, plain: Plain): void {
  for (const key of ['title', 'description'] as const) {
    const t = v[key];
    if (!isObj(t) || typeof t.ko !== 'string' || typeof t.en !== 'string') continue; // the catalog names what is missing
    if (t.ko.trim() !== '' && t.ko.trim() === t.en.trim()) {
      plain(`/${key}/en`, `${key}.en is the same as ${key}.ko: it is not translated`, `write the English ${key} in ${key}.en`, 'translation');
    } else if (HANGUL.test(t.en)) {
      plain(`/${key}/en`, `${key}.en contains Korean text ${quote(t.en)}`, `write ${key}.en in English (Korean goes in ${key}.ko)`, 'translation', 'value', 'warning');
    }
  }
}

function dataNameIssues(eff: EffectiveSpec, data: string[], ctx: ChartContext): SpecIssue[] {
  const issues: SpecIssue[] = [];
  let any = false;
  const visit = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) return value.forEach((x, i) => visit(x, `${pointer}/${i}`));
    if (!isObj(value)) return;
    for (const [k, x] of Object.entries(value)) {
      if (k === 'values' || k === 'datasets') continue;
      if (k === 'data' && isObj(x)) {
        any = true;
        if (typeof x.name === 'string' && !data.includes(x.name)) {
          const known = ctx.datasetIds.has(x.name);
          const meant = known ? undefined : nearest(x.name, data.length ? data : ctx.datasetIds);
          const message = known
            ? `data name ${quote(x.name)} is not listed in the chart's "data", so its rows are not loaded`
            : `data name ${quote(x.name)} is not a dataset of the catalog${meant ? `; did you mean "${meant}"?` : ''}`;
          issues.push({ pointer: `${pointer}/data/name`, at: 'value', say: () => message, hint: known ? `add ${x.name} to data: [...]` : `use one of: ${data.join(', ') || 'the ids in sources/'}` });
        }
      }
      visit(x, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  };
  visit(eff.spec, '');
  if (!any && data.length !== 1) {
    issues.push({ pointer: '', at: 'key', say: () => `the spec reads no data and the chart lists ${data.length} datasets`, hint: 'set data: {name: <dataset-id>} in the spec' });
  }
  return issues;
}

function mapRules(v: Obj, ctx: ChartContext, plain: Plain): void {
  if (v.template !== 'gu-map' || !isObj(v.map) || typeof v.map.dataset !== 'string' || typeof v.map.value !== 'string') return;
  const type = ctx.columns.get(v.map.dataset)?.get(v.map.value);
  if (type && type !== 'integer' && type !== 'number') {
    plain('/map/value', `map.value ${quote(v.map.value)} is a ${type} column; the map colours gu by a number`, 'choose a numeric column (integer or number)', 'field-type');
  }
}

function altRules(v: Obj, plain: Plain): void {
  const alt = isObj(v.alt) ? v.alt : {};
  const written = (lang: Lang) => typeof alt[lang] === 'string' && (alt[lang] as string).trim() !== '';
  const draftable = (lang: Lang) => {
    try {
      const roles = altRoles(v as unknown as ChartDescriptor, lang, {});
      return roles.kind !== 'other' && roles.measure !== undefined;
    } catch {
      // A chart whose roles cannot be worked out has no headline measure; its other rules report why.
      return false;
    }
  };
  const missing = (['ko', 'en'] as const).filter((lang) => !written(lang));
  const undraftable = missing.filter((lang) => !draftable(lang));
  const where = isObj(v.alt) ? '/alt' : isObj(v.spec) ? '/spec' : '';
  if (undraftable.length) {
    const names = undraftable.map((l) => `alt.${l}`).join(' and ');
    plain(where, `no ${names} text, and it cannot be drafted from this spec (no measured value found)`, 'write alt: {ko: …, en: …} saying what the chart shows', 'alt', 'key');
  } else if (missing.length === 1) {
    const [lang] = missing;
    plain('/alt', `alt.${lang === 'ko' ? 'en' : 'ko'} is written but alt.${lang} is not; it will be drafted`, `write alt.${lang} too, so both languages say the same`, 'alt', 'key', 'warning');
  }
}
