// Catalog YAML built to exhaust the parser: alias bombs ("billion laughs") and deep nesting.
import { datasetYaml, refusedTogether, type HostileCase } from './harness.ts';

const descriptor = (id: string, extra: string) =>
  datasetYaml({ id, extract: { kind: 'file', path: 'samples/cctv-by-gu.csv', format: 'csv' }, columns: { gu: { from: ['기관명'], type: 'string' } } }).replace('schema:', `${extra}\nschema:`);

function aliasBomb(): string {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  return `bomb:\n${levels.map((l) => `  ${l}`).join('\n')}`;
}

const cases: [string, HostileCase][] = [
  ['an alias bomb in a dataset descriptor', {
    files: { 'sources/safety/yaml-bomb.yaml': descriptor('yaml-bomb', aliasBomb()) },
    refused: { file: 'sources/safety/yaml-bomb.yaml', line: 1, message: /alias|Excessive/i },
  }],
  ['a descriptor nested 5,000 deep: a plain message, not a stack overflow', {
    files: { 'sources/safety/yaml-deep.yaml': descriptor('yaml-deep', `deep: ${'['.repeat(5000)}${']'.repeat(5000)}`) },
    refused: { file: 'sources/safety/yaml-deep.yaml', line: 'deep:', message: /the file nests more than 64 levels deep: catalog files are never this deep, so it is not read/ },
  }],
];

// Both files in one catalog copy: check, run and build run once, each case is judged on its own.
const judge = refusedTogether(cases);

test.each(cases.map(([name]) => name))('%s', async (name) => {
  await judge(name);
});
