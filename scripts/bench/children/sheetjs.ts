// Reference: SheetJS reading the workbook and turning its first sheet into rows, nothing more.
//   node --import tsx sheetjs.ts <file.xlsx>
import { readFile } from 'node:fs/promises';
import * as XLSX from 'xlsx';
import { arg, reportResult } from './report.ts';

const t0 = performance.now();
const wb = XLSX.read(await readFile(arg(0, 'XLSX file')), { type: 'buffer', dense: true });
const rows = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, blankrows: false });
reportResult({ rows: rows.length - 1, seconds: (performance.now() - t0) / 1000 });
