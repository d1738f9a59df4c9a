import { StatementType, type DuckDBConnection, type DuckDBPreparedStatement, type DuckDBType } from '@duckdb/node-api';
import type { DatasetDescriptor, Row } from '../types.ts';
import { canonicalConverters, type ToCanonical } from './canonical.ts';
import { megabytes } from '../budgets.ts';
import { DerivedColumnsError, DerivedSqlError, messageOf } from './errors.ts';

type DatasetRef = Pick<DatasetDescriptor, 'id' | 'file'>;

/** A prepared derived query: its result columns, and its rows streamed out of DuckDB. */
export interface DerivedQuery {
  columns: { name: string; type: DuckDBType }[];
  /** Canonical rows, pulled chunk by chunk; iterate once. */
  rows: AsyncIterable<Row>;
  /** The error that stopped the rows, if any (a consumer may swallow it). */
  failure(): DerivedSqlError | undefined;
  /** Free the prepared statement when the rows were not read to the end. */
  dispose(): void;
}

function duckMessage(err: unknown): string {
  // extractStatements wraps the parser's message; DuckDB's own text is what users can search.
  return messageOf(err).replace(/^Failed to extract statements: /, '').trim();
}

async function prepareOne(conn: DuckDBConnection, ds: DatasetRef, sql: string): Promise<DuckDBPreparedStatement> {
  let prepared: DuckDBPreparedStatement;
  try {
    const statements = await conn.extractStatements(sql);
    if (statements.count !== 1) {
      throw new DerivedSqlError(ds, `sql must be exactly one SELECT query; found ${statements.count} statements`);
    }
    prepared = await statements.prepare(0);
  } catch (err) {
    throw err instanceof DerivedSqlError ? err : new DerivedSqlError(ds, duckMessage(err));
  }
  if (prepared.statementType !== StatementType.SELECT) {
    const kind = StatementType[prepared.statementType] ?? String(prepared.statementType);
    prepared.destroySync();
    throw new DerivedSqlError(ds, `sql must be a SELECT query; found a ${kind} statement`);
  }
  return prepared;
}

function resultConverters(ds: DatasetRef, names: string[], types: DuckDBType[]): ToCanonical[] {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new DerivedColumnsError(ds, `the SQL result has two columns named ${JSON.stringify(name)}; give one an alias (AS ...)`);
    seen.add(name);
  }
  try {
    return canonicalConverters(names, types);
  } catch (err) {
    throw new DerivedColumnsError(ds, messageOf(err));
  }
}

/** DuckDB's out-of-memory error, said as the budget it broke (DuckDB's own text after it). */
function overBudget(err: unknown, memoryMb: number | undefined): string | undefined {
  const text = duckMessage(err);
  if (memoryMb === undefined || !/^Out of Memory Error/i.test(text)) return undefined;
  const first = text.split('\n')[0]!;
  return `used more than the ${megabytes(memoryMb)} memory budget (budgets.sqlMemoryMb in citydash.yaml; ${first})`;
}

/**
 * Check and prepare `sql` (exactly one SELECT) and stream its rows as canonical values.
 * Parse, bind and type problems throw here; errors while rows are produced end the stream
 * with a DerivedSqlError. A query running past `timeoutMs` is interrupted.
 */
export async function prepareDerivedQuery(
  conn: DuckDBConnection,
  ds: DatasetRef,
  sql: string,
  opts: { timeoutMs: number; memoryMb?: number },
): Promise<DerivedQuery> {
  const prepared = await prepareOne(conn, ds, sql);
  const names: string[] = [];
  const types: DuckDBType[] = [];
  for (let i = 0; i < prepared.columnCount; i++) {
    names.push(prepared.columnName(i));
    types.push(prepared.columnType(i));
  }
  let convert: ToCanonical[];
  try {
    convert = resultConverters(ds, names, types);
  } catch (err) {
    prepared.destroySync();
    throw err;
  }
  let failure: DerivedSqlError | undefined;
  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    prepared.destroySync();
  };
  async function* rows(): AsyncGenerator<Row> {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      conn.interrupt();
    }, opts.timeoutMs);
    timer.unref();
    try {
      const result = await prepared.stream();
      for await (const chunk of result.yieldRowsJson()) {
        for (const values of chunk) {
          const row: Row = {};
          for (let i = 0; i < names.length; i++) row[names[i]!] = convert[i]!(values[i]!);
          yield row;
        }
      }
    } catch (err) {
      const detail = timedOut ? `stopped after ${opts.timeoutMs} ms (${duckMessage(err)})` : overBudget(err, opts.memoryMb) ?? duckMessage(err);
      failure = new DerivedSqlError(ds, detail);
      throw failure;
    } finally {
      clearTimeout(timer);
      dispose();
    }
  }
  return { columns: names.map((name, i) => ({ name, type: types[i]! })), rows: rows(), failure: () => failure, dispose };
}
