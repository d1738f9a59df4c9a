// Derived datasets' SQL, checked without running it: DuckDB parses it (json_serialize_sql),
// the parse tree must read only catalog tables listed in `from` (no files, table functions,
// attached databases or settings), and it must bind against empty tables shaped like the
// catalog's datasets, returning exactly the declared columns. The connection is locked down
// (no external access, configuration locked) before any pull-request SQL reaches it.
import type { DuckDBConnection, StatementType as StatementTypes } from '@duckdb/node-api';
import { problemAt } from '../problem.ts';
import { nearest } from '../suggest.ts';
import { quote } from '../../errors.ts';
import { DISTRICT_COLUMNS, DUCKDB_TYPE, isColumnType } from '../../column-types.ts';
import { lockDown } from '../../duckdb-lockdown.ts';
import { quoteIdent } from '../../sql-text.ts';
import type { Problem } from '../../types.ts';
import type { DescriptorFile } from '../descriptor-files.ts';
import { ALLOWED_TABLE_FUNCTIONS, deniedFunction, keywordOf, splitStatements, sqlRefs } from './ast.ts';
import { positionInString } from './position.ts';
import { isObj } from '../chart/views.ts';

const HINT = 'derived SQL is one SELECT over the catalog datasets listed in from:; it cannot read files, attach databases, load extensions or change settings';

interface Derived {
  file: DescriptorFile;
  id: string;
  from: string[];
  sql: string;
  declared: string[];
}

function declaredColumns(v: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v.columns)) for (const [name, spec] of Object.entries(v.columns)) out[name] = isObj(spec) && isColumnType(spec.type) ? DUCKDB_TYPE[spec.type] : 'VARCHAR';
  if (isObj(v.district)) for (const c of DISTRICT_COLUMNS) out[c] ??= 'VARCHAR';
  return out;
}

async function createTable(conn: DuckDBConnection, id: string, columns: Record<string, string>): Promise<void> {
  const cols = Object.entries(columns).map(([name, type]) => `${quoteIdent(name)} ${type}`);
  if (cols.length === 0) return;
  await conn.run(`CREATE TABLE IF NOT EXISTS ${quoteIdent(id)} (${cols.join(', ')})`);
}

/** Problems in every derived dataset's SQL; `catalogIds` are all dataset ids with a descriptor. */
export async function sqlProblems(files: readonly DescriptorFile[], catalogIds: ReadonlySet<string>): Promise<Problem[]> {
  const datasets = files.filter((f) => f.kind === 'dataset' && f.value && f.id);
  const derived: Derived[] = [];
  for (const f of datasets) {
    const v = f.value!;
    if (typeof v.sql !== 'string') continue;
    const from = Array.isArray(v.from) ? v.from.filter((x): x is string => typeof x === 'string') : [];
    derived.push({ file: f, id: f.id!, from, sql: v.sql, declared: isObj(v.columns) ? Object.keys(v.columns) : [] });
  }
  if (derived.length === 0) return [];
  // Loaded only for a catalog with SQL to check: DuckDB's native module costs ~1 s to load.
  const { DuckDBInstance, StatementType } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const problems: Problem[] = [];
  try {
    for (const f of datasets) if (typeof f.value!.sql !== 'string') await createTable(conn, f.id!, declaredColumns(f.value!));
    await lockDown(conn);
    const pending = new Map(derived.map((d) => [d.id, d]));
    // dependency order, so a derived table exists before SQL that reads it binds
    while (pending.size) {
      const ready = [...pending.values()].filter((d) => d.from.every((s) => !pending.has(s) || s === d.id));
      const batch = ready.length ? ready : [...pending.values()]; // a loop: the catalog reports it
      for (const d of batch) {
        pending.delete(d.id);
        problems.push(...(await checkOne(conn, d, catalogIds, StatementType)));
      }
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return problems;
}

async function checkOne(conn: DuckDBConnection, d: Derived, catalogIds: ReadonlySet<string>, StatementType: typeof StatementTypes): Promise<Problem[]> {
  const at = (offset: number | undefined, message: string, hint = HINT, rule = 'sql'): Problem => {
    const pos = positionInString(d.file.source, '/sql', offset);
    return { file: d.file.path, ...pos, message, hint, rule, severity: 'error' };
  };
  const problems = staticProblems(await serialize(conn, d.sql), d, catalogIds, at);
  if (problems.length) {
    await createTable(conn, d.id, declaredColumns(d.file.value!));
    return problems;
  }
  let prepared;
  try {
    prepared = await conn.prepare(d.sql);
  } catch (e) {
    await createTable(conn, d.id, declaredColumns(d.file.value!));
    return [bindProblem(d, (e as Error).message, at)];
  }
  try {
    if (prepared.statementType !== StatementType.SELECT) return [at(0, `sql must be a SELECT query; found ${StatementType[prepared.statementType]}`)];
    const result: Record<string, string> = {};
    for (let i = 0; i < prepared.columnCount; i++) result[prepared.columnName(i)] = prepared.columnType(i).toString();
    await createTable(conn, d.id, result);
    const names = Object.keys(result);
    const extra = names.filter((n) => !d.declared.includes(n) && !DISTRICT_COLUMNS.includes(n));
    const missing = d.declared.filter((c) => !names.includes(c));
    const out: Problem[] = [];
    for (const c of extra) out.push(at(0, `the SQL returns column ${quote(c)}, which "columns" does not declare (SQL returns: ${names.join(', ')})`, `declare ${c} under columns:, or drop it from the SELECT`, 'sql-columns'));
    for (const c of missing) {
      out.push(problemAt(d.file.source, `/columns/${c.replace(/~/g, '~0').replace(/\//g, '~1')}`, `column ${quote(c)} is declared but the SQL does not return it (SQL returns: ${names.join(', ')})`, { at: 'key', rule: 'sql-columns', hint: `select ${c} in the SQL (… AS ${c}), or remove it from columns:` }));
    }
    return out;
  } finally {
    prepared.destroySync();
  }
}

interface Serialized {
  error?: { message: string; position?: number; notSelect: boolean };
  statements?: unknown[];
}

async function serialize(conn: DuckDBConnection, sql: string): Promise<Serialized> {
  const p = await conn.prepare('SELECT json_serialize_sql($1::VARCHAR) AS j');
  try {
    p.bindVarchar(1, sql);
    const rows = (await p.runAndReadAll()).getRowObjectsJson() as { j: string }[];
    const parsed = JSON.parse(rows[0].j) as { error: boolean; error_message?: string; position?: string; statements?: unknown[] };
    if (!parsed.error) return { statements: parsed.statements ?? [] };
    const message = parsed.error_message ?? 'the SQL could not be read';
    return { error: { message, position: parsed.position === undefined ? undefined : Number(parsed.position), notSelect: /Only SELECT statements/i.test(message) } };
  } finally {
    p.destroySync();
  }
}

type At = (offset: number | undefined, message: string, hint?: string, rule?: string) => Problem;

function staticProblems(parsed: Serialized, d: Derived, catalogIds: ReadonlySet<string>, at: At): Problem[] {
  const statements = splitStatements(d.sql);
  if (parsed.error?.notSelect) {
    const bad = statements.find((s) => !['SELECT', 'WITH', 'FROM', 'VALUES', '('].includes(keywordOf(s.text) || s.text[0]));
    const kw = bad ? keywordOf(bad.text) : 'a statement';
    return [at(bad?.offset ?? 0, `${kw} is not allowed in derived SQL: it must be a single SELECT query`)];
  }
  if (parsed.error) return [at(parsed.error.position, `SQL syntax error: ${parsed.error.message}`, 'fix the SQL; DuckDB\'s message says what it expected', 'sql-syntax')];
  if ((parsed.statements ?? []).length !== 1) {
    return [at(statements[1]?.offset, `sql must be exactly one SELECT query; found ${(parsed.statements ?? []).length} statements`, 'remove the extra statements (and the semicolons between them)')];
  }
  const refs = sqlRefs(parsed.statements, d.sql.length);
  const out: Problem[] = [];
  for (const t of refs.tableFunctions) {
    if (ALLOWED_TABLE_FUNCTIONS.has(t.name.toLowerCase())) continue;
    out.push(at(t.offset, `${t.name}() is not allowed: derived SQL reads only catalog datasets, never files or other sources`));
  }
  for (const f of refs.functions) if (deniedFunction(f.name)) out.push(at(f.offset, `function ${f.name}() is not allowed in derived SQL`));
  for (const t of refs.tables) {
    if (t.qualifier) {
      out.push(at(t.offset, `table ${quote(`${t.qualifier}.${t.name}`)} is not allowed: name catalog datasets without a schema or database`));
    } else if (refs.ctes.has(t.name)) {
      continue;
    } else if (/[/\\.:]/.test(t.name)) {
      out.push(at(t.offset, `reading the file ${quote(t.name)} is not allowed: derived SQL reads only catalog datasets`));
    } else if (!catalogIds.has(t.name)) {
      const meant = nearest(t.name, d.from.length ? d.from : catalogIds);
      out.push(at(t.offset, `table ${quote(t.name)} is not a catalog dataset${meant ? `; did you mean "${meant}"?` : ''}`, `read the datasets listed in from: (${d.from.join(', ') || 'none'}); quote ids with dashes: "air-quality-daily"`));
    } else if (!d.from.includes(t.name)) {
      out.push(at(t.offset, `table ${quote(t.name)} is a catalog dataset but is not listed in "from"`, `add ${t.name} to from: so it is loaded (and computed) first`, 'sql-from'));
    }
  }
  return out;
}

function bindProblem(d: Derived, raw: string, at: At): Problem {
  const lines = raw.split('\n').map((l) => l.trim()).filter(Boolean);
  const message = (lines[0] ?? raw).replace(/^(Binder|Catalog|Parser|Conversion) Error: /, '');
  const candidates = lines.find((l) => /^Candidate/.test(l));
  const name = /"([^"]+)"/.exec(message)?.[1];
  let offset: number | undefined;
  if (name) {
    const m = new RegExp(`(?<![\\w"])"?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?(?![\\w"])`, 'i').exec(d.sql);
    offset = m?.index;
  }
  return at(offset, `SQL does not bind: ${message}`, candidates ? `${candidates}` : 'check table and column names against the datasets in from:', 'sql-bind');
}
