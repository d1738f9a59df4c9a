import { main } from '../pipeline/cli/main.ts';
import * as XLSX from 'xlsx';
import { DuckDBInstance } from '@duckdb/node-api';
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';

test('toolchain imports', async () => {
  expect(typeof XLSX.read).toBe('function');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const r = await c.runAndReadAll('select 41+1 as x');
  expect(r.getRowObjects()[0].x).toBe(42);
  expect(typeof vega.View).toBe('function');
  expect(typeof expressionInterpreter).toBe('object');
  expect(await main(['node', 'citydash', '--help'])).toBe(0);
});
