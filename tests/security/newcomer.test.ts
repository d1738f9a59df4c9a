// Issue 16, mistakes a newcomer makes that check must catch with a clear message, at the line,
// and that build and run then refuse the same way (nothing silently ignored or mislabelled).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.ts';
import { checkReport, citydash, lineOf, refusedTogether, securityCatalog, type HostileCase } from './harness.ts';

const bundled = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

// The two cases that run everywhere share one catalog copy: check, run and build run once.
const cases: [string, HostileCase][] = [
  ['a csv: block on an XLSX source (its settings would be silently ignored)', {
    files: {
      'sources/finance/budget-execution.yaml': bundled('sources/finance/budget-execution.yaml').replace('  xlsx: {sheet: 부서별 집행현황, headerRows: 2}\n', '  xlsx: {sheet: 부서별 집행현황, headerRows: 2}\n  csv: {dropTotals: true}\n'),
      'schemas/budget-execution.schema.json': bundled('schemas/budget-execution.schema.json'),
    },
    refused: { file: 'sources/finance/budget-execution.yaml', line: '  csv:', col: 3, message: /"extract\.csv" has no effect: this source is read as xlsx, so these settings would be silently ignored: for a workbook use extract\.xlsx/ },
  }],
  ['euc-kr declared on a UTF-8 file', {
    files: { 'sources/safety/cctv-by-gu.yaml': bundled('sources/safety/cctv-by-gu.yaml').replace('encoding: auto', 'encoding: euc-kr') },
    refused: { file: 'sources/safety/cctv-by-gu.yaml', line: 'encoding:', message: /"extract\.encoding" is "euc-kr" but sources\/safety\/samples\/cctv-by-gu\.csv is UTF-8: read as EUC-KR, its Korean text would be garbled/ },
    withheld: ['cctv-by-gu'],
  }],
];
const judge = refusedTogether(cases);

test.each(cases.map(([name]) => name))('%s', async (name) => {
  await judge(name);
});

test('utf-8 declared on a CP949 file', async () => {
  const cat = await securityCatalog({ subset: { datasets: ['population-by-gu'], charts: [] } });
  try {
    const path = 'sources/administration/population-by-gu.yaml';
    const text = (await cat.read(path)).replace('encoding: cp949', 'encoding: utf-8');
    await cat.add({ [path]: text });
    const report = checkReport(await citydash(cat, 'check'));
    expect(report.problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toContain(`${path}:${lineOf(text, 'encoding:')}: "extract.encoding" is "utf-8" but sources/administration/samples/population-by-gu.csv is CP949 (EUC-KR), the encoding of Korean Excel exports`);
  } finally {
    await cat.cleanup();
  }
});

test('sample: equal to path: check says its rows are published as sample data, and how to publish them as real data', async () => {
  const cat = await securityCatalog({ subset: { datasets: ['cctv-by-gu'], charts: [] } });
  try {
    const report = checkReport(await citydash(cat, 'check'));
    const warning = report.problems.find((p) => p.file === 'sources/safety/cctv-by-gu.yaml' && p.severity === 'warning' && p.message.includes('"extract.sample" is the same file as "extract.path"'));
    expect(warning).toMatchObject({ line: lineOf(await cat.read('sources/safety/cctv-by-gu.yaml'), 'sample:'), message: expect.stringContaining('so every row of it is published labelled as sample data'), hint: expect.stringContaining('remove extract.sample') });
  } finally {
    await cat.cleanup();
  }
});
