// Reference: papaparse's own streaming parse of the same file and nothing else (no header
// mapping, typing or validation): the ceiling for a JavaScript CSV reader. A CP949 file is
// decoded with iconv-lite's stream first, the least any JS reader of that file must do.
//   node --import tsx papaparse.ts <file.csv> <utf-8|cp949>
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { arg, reportResult } from './report.ts';

const file = arg(0, 'CSV file');
const encoding = arg(1, 'encoding (utf-8 or cp949)');
const t0 = performance.now();
const raw = createReadStream(file, { highWaterMark: 64 * 1024 });
const text = encoding === 'cp949' ? raw.pipe(iconv.decodeStream('cp949')) : raw.setEncoding('utf8');
let rows = 0;
await new Promise<void>((resolve, reject) => {
  Papa.parse(text as unknown as NodeJS.ReadableStream, {
    header: false,
    skipEmptyLines: true,
    chunk: (results: Papa.ParseResult<string[]>) => { rows += results.data.length; },
    complete: () => resolve(),
    error: (err: Error) => reject(err),
  });
});
reportResult({ rows: rows - 1, seconds: (performance.now() - t0) / 1000 });
