// CSV and JSON downloads written from NDJSON rows: Excel-safe encoding, formula injection
// neutralised, RFC 4180 quoting, and a JSON twin with the same rows.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { csvCell, csvLine } from '../../pipeline/site/csv.ts';
import { datasetDownloads, IMMUTABLE_PATH } from '../../pipeline/site/file-names.ts';
import type { SiteDataset } from '../../pipeline/site/model.ts';
import { RowsFileError } from '../../pipeline/site/rows.ts';
import { DownloadWriteError, writeDatasetDownloads } from '../../pipeline/site/write-downloads.ts';
import type { Row } from '../../pipeline/types.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'citydash-dl-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('text cells that a spreadsheet would run as a formula get a leading apostrophe; numbers do not', () => {
  expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  expect(csvCell('=1+2')).toBe("'=1+2");
  expect(csvCell('+82 2 120')).toBe("'+82 2 120");
  expect(csvCell('-5')).toBe("'-5");
  expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  expect(csvCell('\tcmd')).toBe("'\tcmd");
  expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
  expect(csvCell(-1234.5)).toBe('-1234.5');
  expect(csvCell(0)).toBe('0');
  expect(csvCell('a=b')).toBe('a=b');
  expect(csvCell('종로구')).toBe('종로구');
});

test('RFC 4180: quotes, commas and line breaks are quoted, quotes doubled; null is empty', () => {
  expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  expect(csvCell('a,b')).toBe('"a,b"');
  expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
  expect(csvCell(null)).toBe('');
  expect(csvCell(true)).toBe('true');
  expect(csvLine(['a', 1, null, false])).toBe('a,1,,false\r\n');
});

function datasetWith(id: string, columns: string[]): SiteDataset {
  return {
    id,
    columns: columns.map((name) => ({ name, type: 'string', unit: null, title: { ko: name, en: name }, description: null, higherIsBetter: null, key: false })),
    downloads: datasetDownloads(id, 'f'.repeat(64), columns),
  } as SiteDataset;
}

test('writes a BOM-prefixed CRLF CSV and a JSON array from NDJSON, with columns in catalog order', async () => {
  const rows: Row[] = [
    { station: '강남대로', value: -3.25, note: '=cmd|" /C calc"!A0', gu_code: null },
    { station: '종로구', value: 1234567, note: '쉼표, "따옴표"\n줄바꿈', gu_code: '11110' },
  ];
  const rowsFile = join(dir, 'rows.ndjson');
  await writeFile(rowsFile, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const ds = datasetWith('air', ['station', 'gu_code', 'value', 'note']);
  const written = await writeDatasetDownloads(dir, ds, rowsFile);
  expect(written).toEqual([ds.downloads!.csv.path, ds.downloads!.json.path]);
  for (const p of written) expect(p).toMatch(IMMUTABLE_PATH);

  const bytes = await readFile(join(dir, ds.downloads!.csv.path));
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.toString('utf8').slice(1);
  expect(csv).toBe(
    'station,gu_code,value,note\r\n' +
      `강남대로,,-3.25,"'=cmd|"" /C calc""!A0"\r\n` +
      '종로구,11110,1234567,"쉼표, ""따옴표""\n줄바꿈"\r\n',
  );
  expect(Papa.parse<string[]>(csv, { skipEmptyLines: true }).data).toEqual([
    ['station', 'gu_code', 'value', 'note'],
    ['강남대로', '', '-3.25', `'=cmd|" /C calc"!A0`],
    ['종로구', '11110', '1234567', '쉼표, "따옴표"\n줄바꿈'],
  ]);
  const json = JSON.parse(await readFile(join(dir, ds.downloads!.json.path), 'utf8'));
  expect(json).toEqual([
    { station: '강남대로', gu_code: null, value: -3.25, note: '=cmd|" /C calc"!A0' },
    { station: '종로구', gu_code: '11110', value: 1234567, note: '쉼표, "따옴표"\n줄바꿈' },
  ]);
});

test('an empty dataset gives a header-only CSV and an empty JSON array', async () => {
  const rowsFile = join(dir, 'empty.ndjson');
  await writeFile(rowsFile, '');
  const ds = datasetWith('empty', ['a', 'b']);
  await writeDatasetDownloads(dir, ds, rowsFile);
  expect(await readFile(join(dir, ds.downloads!.csv.path), 'utf8')).toBe('\uFEFFa,b\r\n');
  expect(JSON.parse(await readFile(join(dir, ds.downloads!.json.path), 'utf8'))).toEqual([]);
});

test('a broken rows file fails that dataset with file:line, and leaves no partial download', async () => {
  const rowsFile = join(dir, 'broken.ndjson');
  await writeFile(rowsFile, '{"a":1}\n{"a":\n');
  const ds = datasetWith('broken', ['a']);
  const err = await writeDatasetDownloads(dir, ds, rowsFile).catch((e: Error) => e);
  expect(err).toBeInstanceOf(DownloadWriteError);
  expect((err as Error).message).toContain(`dataset broken: writing ${rowsFile}: ${rowsFile}:2: not a JSON row`);
  const left = (await readdir(join(dir, 'data'))).filter((f) => f.startsWith('broken.'));
  expect(left).toEqual([]);
  expect(new RowsFileError('x.ndjson', 3, 'bad').message).toBe('x.ndjson:3: bad');
});

test('download names change with the snapshot and the column order, never otherwise', () => {
  const a = datasetDownloads('x', 'a'.repeat(64), ['p', 'q']);
  expect(datasetDownloads('x', 'a'.repeat(64), ['p', 'q'])).toEqual(a);
  expect(datasetDownloads('x', 'b'.repeat(64), ['p', 'q']).csv.path).not.toBe(a.csv.path);
  expect(datasetDownloads('x', 'a'.repeat(64), ['q', 'p']).csv.path).not.toBe(a.csv.path);
  expect(a.csv).toEqual({ path: expect.stringMatching(/^data\/x\.[0-9a-f]{12}\.csv$/), saveAs: 'x.csv' });
});
