// `check` compares each source dataset's descriptor with its data and its row schema, so the
// mistakes a data engineer used to find only at validate are reported at check, on the line to
// fix: a header typo, a type the values do not have, a type the schema contradicts.
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { checkCatalog } from '../../pipeline/check/index.ts';
import { tempCatalog, testEffects, type TempCatalog } from './helpers.ts';

const DESCRIPTOR = 'sources/climate-environment/air-daily.yaml';
const SAMPLE = 'sources/climate-environment/samples/air-daily.csv';
const SCHEMA = 'schemas/air-daily.schema.json';

let cat: TempCatalog;
beforeEach(async () => {
  cat = await tempCatalog();
});
afterEach(async () => {
  await cat?.cleanup();
});

async function edit(path: string, change: (text: string) => string): Promise<void> {
  const abs = join(cat.root, path);
  const before = await readFile(abs, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  await writeFile(abs, after);
}

async function problems(): Promise<string[]> {
  const result = await checkCatalog(cat.root, {}, testEffects());
  return result.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`);
}

test('the fixture catalog passes: its descriptors match their samples', async () => {
  expect(await problems()).toEqual([]);
});

test('a header the sample does not have is reported on the from line, with the headers it has and the nearest', async () => {
  await edit(DESCRIPTOR, (t) => t.replace('from: ["미세먼지(㎍/㎥)"]', 'from: ["미세먼지 농도(㎍/㎥)"]'));
  expect(await problems()).toEqual([
    `${DESCRIPTOR}:17:16: column "pm10" reads the header "미세먼지 농도(㎍/㎥)", which ${SAMPLE} does not have (its headers: "측정일시", "측정소명", "미세먼지(㎍/㎥)", "초미세먼지(㎍/㎥)"); did you mean "미세먼지(㎍/㎥)"?`,
  ]);
});

test('a misspelt header gets a suggestion', async () => {
  await edit(DESCRIPTOR, (t) => t.replace('from: [측정소명]', 'from: [측정소멍]'));
  expect((await problems()).join('\n')).toMatch(/column "station" reads the header "측정소멍", which .* does not have \(its headers: .*\); did you mean "측정소명"\?/);
});

test('values that do not read as the column type: where, which value, how many', async () => {
  await edit(SAMPLE, (t) => t.replace('20250101,중구,38,20', '20250101,중구,38.5,n/a'));
  await edit(DESCRIPTOR, (t) => t.replace('type: number, unit: ㎍/㎥, title: {ko: 미세먼지', 'type: integer, unit: ㎍/㎥, title: {ko: 미세먼지'));
  expect(await problems()).toEqual([
    `${DESCRIPTOR}:17:37: column "pm10" is integer, but in ${SAMPLE} line 3 has "38.5", which is not a whole number (1 of the 9 row(s) checked)`,
    `${DESCRIPTOR}:18:38: column "pm25" is number, but in ${SAMPLE} line 3 has "n/a", which is not a number (1 of the 9 row(s) checked)`,
  ]);
});

test('with drop-row, a few bad rows within maxRatio are a warning, more are an error', async () => {
  await edit(DESCRIPTOR, (t) => t.replace('onInvalid: {action: fail-dataset}', 'onInvalid: {action: drop-row, maxRatio: 0.2}'));
  await edit(SAMPLE, (t) => t.replace('20250101,중구,38,20', '20250101,중구,38,n/a'));
  expect(await problems()).toEqual([`${DESCRIPTOR}:18:38: warning: column "pm25" is number, but in ${SAMPLE} line 3 has "n/a", which is not a number (1 of the 9 row(s) checked)`]);
  await edit(SAMPLE, (t) => t.replace('20250102,종로구,33,18', '20250102,종로구,33,-x-').replace('20250101,강남구,45,27', '20250101,강남구,45,?'));
  expect(await problems()).toEqual([`${DESCRIPTOR}:18:38: column "pm25" is number, but in ${SAMPLE} line 3 has "n/a", which is not a number (3 of the 9 row(s) checked)`]);
});

test('a date format the values do not have', async () => {
  await edit(DESCRIPTOR, (t) => t.replace('format: yyyyMMdd', 'format: yyyy-MM-dd'));
  expect((await problems()).join('\n')).toMatch(/air-daily.yaml:15:\d+: column "date" is date \(yyyy-MM-dd\), but in .* line 2 has "20250101", which is not a date in the format yyyy-MM-dd \(9 of the 9 row\(s\) checked\)/);
});

test('a descriptor type the row schema contradicts is an error on the type; a narrower schema a warning', async () => {
  await edit(SCHEMA, (t) => t.replace('"station": { "type": "string"', '"station": { "type": "integer"').replace('"pm10": { "type": ["number", "null"]', '"pm10": { "type": ["integer", "null"]'));
  // The dataset is left out (its rows could not be stored), so what reads it is reported too.
  expect((await problems()).filter((p) => p.startsWith(DESCRIPTOR))).toEqual([
    `${DESCRIPTOR}:16:33: column "station" is string, but ${SCHEMA} says "integer" for it: every value would be rejected`,
    `${DESCRIPTOR}:17:37: warning: column "pm10" is number, but ${SCHEMA} allows only "integer": values with decimals would be rejected`,
  ]);
});

test('a canonical date under "format": "date-time" is refused', async () => {
  await edit(SCHEMA, (t) => t.replace('"date": { "type": "string", "maxLength": 10 }', '"date": { "type": "string", "format": "date-time" }'));
  expect((await problems()).join('\n')).toMatch(/column "date" is date, written yyyy-MM-dd, which schemas\/air-daily.schema.json's "format": "date-time" refuses; use a "pattern" instead/);
});

test('a sample that is a symlink out of the catalog is never read', async () => {
  const outside = await mkdtemp(join(tmpdir(), 'citydash-outside-'));
  try {
    const secret = join(outside, 'secret.csv');
    await writeFile(secret, 'secret,values\nTOP-SECRET-123,1\n');
    await rm(join(cat.root, SAMPLE));
    await symlink(secret, join(cat.root, SAMPLE));
    const found = (await problems()).join('\n');
    expect(found).not.toContain('TOP-SECRET-123');
    expect(found).not.toMatch(/"secret", "values"/);
  } finally {
    await rm(outside, { recursive: true, force: true });
  }
});
