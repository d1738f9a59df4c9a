// `check` compares each source dataset's descriptor with its data: the bundled sample, or the
// file of a `file` source. Every column's header must be in the file, and the first rows'
// values must read as the column's type, so a header typo or a wrong type is reported at
// check (on the descriptor line to fix), not found at validate. The data is read with
// validate's own readers, header mapping and coercers (every column of a row, where validate
// stops at a row's first problem), and only files inside the catalog are read: a pull request
// could otherwise point a dataset at a file on the CI machine.
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { didYouMean, problemAt, type SourceDoc } from '../catalog/index.ts';
import { quote } from '../errors.ts';
import type { Catalog, DatasetDescriptor, Problem, RawRecord } from '../types.ts';
import { compileDateFormat, describeLocation, formatFromName, HeaderMismatchError, makeCoercer, mapHeaders, openLocalSource, type Coercer } from '../validate/index.ts';
import { insideCatalog } from './inside-catalog.ts';
import type { DescriptorFile } from '../catalog/index.ts';

/** Rows read per dataset: enough to meet most type mistakes, little enough for every pull request. */
export const DATA_CHECK_ROWS = 1000;
/** Larger workbooks and JSON bodies (read whole) are not compared at check. */
const MAX_WHOLE_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_RATIO = 0.01;

export async function dataProblems(catalog: Catalog, files: readonly DescriptorFile[]): Promise<Problem[]> {
  const docs = new Map(files.map((f) => [f.path, f.source]));
  const problems: Problem[] = [];
  for (const ds of catalog.datasets) {
    const source = docs.get(ds.file);
    if (!source || !ds.extract || ds.sql) continue;
    problems.push(...(await datasetDataProblems(catalog.root, ds, source)));
  }
  return problems;
}

async function datasetDataProblems(root: string, ds: DatasetDescriptor, source: SourceDoc): Promise<Problem[]> {
  const spec = ds.extract!;
  const which = spec.sample ? 'sample' : spec.kind === 'file' && spec.path ? 'file' : undefined;
  if (!which) return [];
  const local = which === 'sample' ? spec.sample! : spec.path!;
  const pointer = which === 'sample' ? '/extract/sample' : '/extract/path';
  const abs = isAbsolute(local) ? local : resolve(root, dirname(ds.file), local);
  const info = await stat(abs).catch(() => undefined);
  // Missing files are reported by the catalog rules; files outside the catalog are never read here.
  if (!info?.isFile() || !(await insideCatalog(root, abs))) return [];
  const formatProblems = dateFormatProblems(ds, source);
  if (formatProblems.length) return formatProblems;
  const where = relative(root, abs).split('\\').join('/');
  const format = (which === 'sample' ? spec.sampleFormat : undefined) ?? spec.format ?? formatFromName(abs);
  if (format !== 'csv' && info.size > MAX_WHOLE_BYTES) return []; // read whole: too big to compare at check
  try {
    const opened = await openLocalSource(ds, which, abs, where);
    const bindings = mapHeaders(opened.table.headers, ds.columns, where);
    return await typeProblems(ds, source, opened.table.records, bindings.map((b) => ({ ...b, coerce: makeCoercer(ds.columns[b.column]!) })), where);
  } catch (err) {
    if (err instanceof HeaderMismatchError) return headerProblems(ds, source, err, where);
    return [problemAt(source, pointer, `${which === 'sample' ? 'the sample' : 'the file'} cannot be read as this descriptor says: ${(err as Error).message}`, { rule: 'data' })];
  }
}

function dateFormatProblems(ds: DatasetDescriptor, source: SourceDoc): Problem[] {
  const out: Problem[] = [];
  for (const [name, col] of Object.entries(ds.columns)) {
    if (!col.format || (col.type !== 'date' && col.type !== 'datetime')) continue;
    try {
      compileDateFormat(col.format);
    } catch (err) {
      out.push(problemAt(source, `/columns/${name}/format`, (err as Error).message, { rule: 'data' }));
    }
  }
  return out;
}

function headerProblems(ds: DatasetDescriptor, source: SourceDoc, err: HeaderMismatchError, where: string): Problem[] {
  const shown = err.found.length ? err.found.map((h) => quote(h)).join(', ') : '(none)';
  return err.missing.map((m) => {
    const hint = m.expected.map((e) => didYouMean(e, err.found)).find(Boolean) ?? '';
    const names = m.expected.map((e) => quote(e)).join(' or ');
    const pointer = ds.columns[m.column]?.from.length ? `/columns/${m.column}/from` : `/columns/${m.column}`;
    return problemAt(source, pointer, `column ${quote(m.column)} reads the header ${names}, which ${where} does not have (its headers: ${shown})${hint}`, { rule: 'data' });
  });
}

/** Every column's values in the first rows, read with validate's coercers: the first failure per column and how many. */
async function typeProblems(ds: DatasetDescriptor, source: SourceDoc, records: AsyncIterable<RawRecord>, columns: { column: string; index: number; coerce: Coercer }[], where: string): Promise<Problem[]> {
  const failures = new Map<string, { count: number; first: string }>();
  let rows = 0;
  for await (const rec of records) {
    if (rows === DATA_CHECK_ROWS) break; // leaving the loop closes the file
    rows++;
    for (const c of columns) {
      const raw = rec.values[c.index] ?? null;
      const read = c.coerce(raw);
      if (read.ok) continue;
      const f = failures.get(c.column);
      if (f) f.count++;
      else failures.set(c.column, { count: 1, first: `${describeLocation(rec.loc)} has ${quote(raw)}, which ${read.message}` });
    }
  }
  const strict = ds.onInvalid?.action === 'fail-dataset';
  const maxRatio = ds.onInvalid?.maxRatio ?? DEFAULT_MAX_RATIO;
  return [...failures].map(([column, f]) => {
    const { type, format } = ds.columns[column]!;
    const severity = strict || f.count / rows > maxRatio ? 'error' : 'warning';
    return problemAt(source, `/columns/${column}/type`, `column ${quote(column)} is ${type}${format ? ` (${format})` : ''}, but in ${where} ${f.first} (${f.count} of the ${rows} row(s) checked)`, { rule: 'data', severity });
  });
}
