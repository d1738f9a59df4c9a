// What a derived dataset's SQL reads, from DuckDB's own parse tree (`json_serialize_sql`):
// base tables, table functions, scalar functions and CTE names, each with its offset in the
// SQL text. Reading the parse tree instead of matching text means quoting, comments and
// odd spacing cannot hide a `read_csv` from the check.

export interface SqlName {
  name: string;
  /** Offset in the SQL text, when DuckDB knows it. */
  offset?: number;
  /** Qualifier of a table (schema, catalog), when written. */
  qualifier?: string;
}

export interface SqlRefs {
  tables: SqlName[];
  tableFunctions: SqlName[];
  functions: SqlName[];
  ctes: Set<string>;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function offsetOf(node: Record<string, unknown>, length: number): number | undefined {
  const at = node.query_location;
  return typeof at === 'number' && at >= 0 && at <= length ? at : undefined;
}

export function sqlRefs(statements: unknown, sqlLength: number): SqlRefs {
  const refs: SqlRefs = { tables: [], tableFunctions: [], functions: [], ctes: new Set() };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObj(node)) return;
    if (node.type === 'BASE_TABLE' && typeof node.table_name === 'string') {
      const qualifier = [node.catalog_name, node.schema_name].filter((q) => typeof q === 'string' && q !== '').join('.');
      refs.tables.push({ name: node.table_name, offset: offsetOf(node, sqlLength), ...(qualifier ? { qualifier } : {}) });
    }
    if (node.type === 'TABLE_FUNCTION' && isObj(node.function)) {
      const fn = node.function;
      refs.tableFunctions.push({ name: String(fn.function_name), offset: offsetOf(fn, sqlLength) ?? offsetOf(node, sqlLength) });
      walk(fn.children);
      for (const [k, v] of Object.entries(node)) if (k !== 'function') walk(v);
      return;
    }
    if (node.class === 'FUNCTION' && typeof node.function_name === 'string') {
      refs.functions.push({ name: node.function_name, offset: offsetOf(node, sqlLength) });
    }
    if (isObj(node.cte_map) && Array.isArray(node.cte_map.map)) {
      for (const entry of node.cte_map.map) if (isObj(entry) && typeof entry.key === 'string') refs.ctes.add(entry.key);
    }
    for (const v of Object.values(node)) walk(v);
  };
  walk(statements);
  return refs;
}

/** Table functions that only make rows from their arguments. */
export const ALLOWED_TABLE_FUNCTIONS: ReadonlySet<string> = new Set(['unnest', 'range', 'generate_series']);

const DENIED_PREFIXES = ['read_', 'parquet_', 'duckdb_', 'pragma_', 'sniff_', 'iceberg_', 'delta_', 'sqlite_', 'postgres_', 'mysql_', 'http', 's3_', 'load_', 'install_'];
const DENIED = new Set(['getenv', 'current_setting', 'glob', 'query', 'query_table', 'which_secret', 'read_text', 'read_blob', 'export_database', 'import_database', 'checkpoint', 'enable_logging', 'set_config']);

/** Scalar functions that would read the machine (files, settings, environment) or run SQL text. */
export function deniedFunction(name: string): boolean {
  const n = name.toLowerCase();
  return DENIED.has(n) || DENIED_PREFIXES.some((p) => n.startsWith(p));
}

/** Statements split at top-level semicolons (quotes and comments respected), with offsets. */
export function splitStatements(sql: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const raw = sql.slice(start, end);
    const lead = raw.length - raw.replace(/^(\s|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/, '').length;
    if (raw.trim() && raw.slice(lead).trim()) out.push({ text: raw.slice(lead), offset: start + lead });
  };
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const close = sql.indexOf(c, i + 1);
      i = close === -1 ? sql.length : close + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? sql.length : nl + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? sql.length : close + 2;
    } else if (c === ';') {
      push(i);
      start = ++i;
    } else i++;
  }
  push(sql.length);
  return out;
}

/** First keyword of a statement, upper-case (`ATTACH`, `COPY`, `SELECT`). */
export const keywordOf = (statement: string): string => (/^[A-Za-z_]+/.exec(statement)?.[0] ?? '').toUpperCase();
