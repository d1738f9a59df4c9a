// Catalog YAML built to exhaust the parser: alias bombs ("billion laughs").
import { datasetYaml, expectRefusedEverywhere } from './harness.ts';

test('an alias bomb in a dataset descriptor', async () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  const text = datasetYaml({ id: 'yaml-bomb', extract: { kind: 'file', path: 'samples/cctv-by-gu.csv', format: 'csv' }, columns: { gu: { from: ['기관명'], type: 'string' } } }).replace('schema:', `bomb:\n${levels.map((l) => `  ${l}`).join('\n')}\nschema:`);
  await expectRefusedEverywhere({
    files: { 'sources/safety/yaml-bomb.yaml': text },
    refused: { file: 'sources/safety/yaml-bomb.yaml', line: 1, message: /alias|Excessive/i },
  });
});

test('a descriptor nested 5,000 deep: a plain message, not a stack overflow', async () => {
  const text = datasetYaml({ id: 'yaml-deep', extract: { kind: 'file', path: 'samples/cctv-by-gu.csv', format: 'csv' }, columns: { gu: { from: ['기관명'], type: 'string' } } }).replace('schema:', `deep: ${'['.repeat(5000)}${']'.repeat(5000)}\nschema:`);
  await expectRefusedEverywhere({
    files: { 'sources/safety/yaml-deep.yaml': text },
    refused: { file: 'sources/safety/yaml-deep.yaml', line: 'deep:', message: /the file nests more than 64 levels deep: catalog files are never this deep, so it is not read/ },
  });
});
