// Issue 16: a row schema's `pattern` runs on RE2 (linear time), so the pattern and value that hung
// validation with JavaScript's backtracking engine now validate at once; a pattern RE2 cannot run
// (lookaround, backreferences) is refused by check, build and run alike.
import { checkReport, citydash, datasetYaml, expectRefusedEverywhere, publishedDatasets, securityCatalog } from './harness.ts';

const schemaWith = (pattern: string) => `${JSON.stringify({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', maxLength: 200, pattern },
    total: { type: ['integer', 'null'] },
  },
}, null, 2)}\n`;

const source = (id: string) => datasetYaml({
  id,
  extract: { kind: 'file', path: `samples/${id}.csv`, format: 'csv', encoding: 'utf-8' },
  columns: { name: { from: ['이름'], type: 'string' }, total: { from: ['합계'], type: 'integer' } },
  // The hostile value is rejected, the other row kept.
  extra: { onInvalid: { action: 'drop-row', maxRatio: 0.5 } },
});

test('the pattern that hung validation (^(([a-z가-힣])+)+$, a 45-character value) validates at once', async () => {
  const id = 'redos-pattern';
  const cat = await securityCatalog({
    files: {
      [`sources/safety/${id}.yaml`]: source(id),
      [`sources/safety/samples/${id}.csv`]: `이름,합계\n${'가'.repeat(44)}!,1\n서울,2\n`,
      [`schemas/${id}.schema.json`]: schemaWith('^(([a-z가-힣])+)+$'),
    },
  });
  try {
    expect(checkReport(await citydash(cat, 'check')).errors).toBe(0);
    // The case fails if run does not finish within the harness's bound (it used to hang).
    const run = await citydash(cat, 'run');
    expect(run.stderr).toMatch(/\[fresh\] redos-pattern \d+ rows/);
    expect(await publishedDatasets(cat)).toContain(id);
  } finally {
    await cat.cleanup();
  }
});

test('a pattern RE2 cannot run (a lookahead) is refused with what to write instead', async () => {
  const id = 'lookahead-pattern';
  const schema = schemaWith('^(?=.*구)[가-힣]+$');
  await expectRefusedEverywhere({
    files: {
      [`sources/safety/${id}.yaml`]: source(id),
      [`sources/safety/samples/${id}.csv`]: '이름,합계\n종로구,1\n',
      [`schemas/${id}.schema.json`]: schema,
    },
    refused: { file: `schemas/${id}.schema.json`, line: '"pattern"', message: /patterns run on a linear-time engine \(RE2\).*lookahead and lookbehind/ },
  });
});
