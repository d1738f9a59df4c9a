// Reference: DuckDB alone on the same snapshot: load the NDJSON as the table the SQL names,
// run the bundled SQL, read every result row. No validation, no store.
//   node --import tsx duckdb-sql.ts <table-id> <rows.ndjson> <query.sql>
import { readFile } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { arg, reportResult } from './report.ts';

const [table, ndjson, sqlFile] = [arg(0, 'table id'), arg(1, 'NDJSON file'), arg(2, 'SQL file')];
const t0 = performance.now();
const sql = await readFile(sqlFile, 'utf8');
const db = await DuckDBInstance.create(':memory:');
const conn = await db.connect();
await conn.run(`CREATE TABLE "${table}" AS SELECT * FROM read_json('${ndjson.replace(/'/g, "''")}', format = 'newline_delimited')`);
const result = await conn.runAndReadAll(sql);
reportResult({ rows: result.getRows().length, seconds: (performance.now() - t0) / 1000 });
