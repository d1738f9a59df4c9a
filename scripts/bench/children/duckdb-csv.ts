// Reference: DuckDB's read_csv over the same file, with the same group-by Miller computes
// (PM10 mean and rows per station). DuckDB bundles no CP949 decoder (its encodings extension
// would be downloaded), so the harness hands it the UTF-8 file and says so.
//   node --import tsx duckdb-csv.ts <file.csv>
import { DuckDBInstance } from '@duckdb/node-api';
import { arg, reportResult } from './report.ts';

const file = arg(0, 'CSV file');
const t0 = performance.now();
const db = await DuckDBInstance.create(':memory:');
const conn = await db.connect();
const lit = `'${file.replace(/'/g, "''")}'`;
const reader = await conn.runAndReadAll(`
  SELECT "측정소명" AS station, count(*) AS n,
         avg(TRY_CAST(replace("미세먼지농도(㎍/㎥)", ',', '') AS DOUBLE)) AS pm10
  FROM read_csv(${lit}, header = true, all_varchar = true)
  GROUP BY 1`);
const groups = reader.getRowObjects();
const rows = groups.reduce((n, g) => n + Number(g.n), 0);
reportResult({ rows, groups: groups.length, seconds: (performance.now() - t0) / 1000 });
