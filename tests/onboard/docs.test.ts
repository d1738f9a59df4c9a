// The README's "Add a dataset" section and CONTRIBUTING's dataset guide (Korean and English)
// start from `new dataset --from`, and state what check reads; keep them in step with the code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_CHECK_ROWS } from '../../pipeline/check/data-rules.ts';
import { repoRoot } from '../helpers/paths.ts';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const contributing = readFileSync(join(repoRoot, 'CONTRIBUTING.md'), 'utf8');

function section(doc: string, heading: RegExp): string {
  const start = doc.search(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = doc.slice(start);
  const next = rest.slice(1).search(/\n#{2,3} /);
  return next < 0 ? rest : rest.slice(0, next + 1);
}

test('README: "Add a dataset" sits with the catalog reference and starts with --from', () => {
  const add = section(readme, /^### Add a dataset$/m);
  expect(readme.indexOf('## The catalog')).toBeLessThan(readme.indexOf('### Add a dataset'));
  const firstCommand = /```sh\n(.*)\n/.exec(add)?.[1] ?? '';
  expect(firstCommand).toMatch(/^npx citydash new dataset --from /);
  expect(add).toContain(`the first ${DATA_CHECK_ROWS.toLocaleString('en-US')} rows`);
  expect(readme.indexOf('### Add a dataset')).toBeLessThan(readme.indexOf('### Datasets: `sources/<department>/<id>.yaml`'));
});

test('CONTRIBUTING: the dataset guide starts with --from in Korean and in English', () => {
  const guide = section(contributing, /^## 4\. 데이터셋 제안하기 \/ Proposing a dataset$/m);
  const [ko, en] = guide.split('**English**');
  for (const part of [ko!, en!]) expect(/```sh\n(.*)\n/.exec(part)?.[1]).toMatch(/^npx citydash new dataset --from /);
  expect(ko).toContain('# check:');
  expect(en).toContain('# check:');
});
