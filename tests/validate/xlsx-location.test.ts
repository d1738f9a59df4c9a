// Rejections in a workbook are located by sheet and row, as Excel shows them.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import type { Catalog } from '../../pipeline/types.ts';
import { validateFile } from '../../pipeline/validate/validate-dataset.ts';
import { AIR_SCHEMA, descriptor, tempDir, testEffects } from './helpers.ts';

test('an XLSX with a bad number and a duplicate: sheet and row in every message', async () => {
  const dir = await tempDir();
  try {
    await mkdir(join(dir.path, 'schemas'));
    await writeFile(join(dir.path, 'schemas/air-test.schema.json'), JSON.stringify(AIR_SCHEMA));
    const ws = XLSX.utils.aoa_to_sheet([
      ['측정일시', '측정소명', '미세먼지(㎍/㎥)'],
      [20140101, '강남구', 117],
      [20140101, '강남대로', '12a'],
      [20140102, '강남구', 80],
      [20140101, '강남구', 90],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '2014년');
    const file = join(dir.path, 'air-2014.xlsx');
    await writeFile(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const catalog: Catalog = { root: dir.path, datasets: [], charts: [], settings: { siteTitle: { ko: '', en: '' }, areas: {} } };
    const ctx = { catalogRoot: dir.path, work: dir.work, offline: true, effects: testEffects() };
    const report = await validateFile(descriptor(), catalog, file, 'air-2014.xlsx', ctx);
    expect(report).toMatchObject({ status: 'ok', rowsRead: 4, valid: 2, rejected: 2, duplicates: 1 });
    expect(report.rejections.map((r) => r.message)).toEqual([
      'sheet 2014년, row 3, column pm10: "12a" is not a number',
      'sheet 2014년, row 5: duplicate primary key (date "2014-01-01", station "강남구"), first seen at sheet 2014년, row 2',
    ]);
    expect(report.rejections[0].loc).toEqual({ file: 'air-2014.xlsx', sheet: '2014년', row: 3 });
  } finally {
    await dir.cleanup();
  }
});
