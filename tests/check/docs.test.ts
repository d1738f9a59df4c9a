// CONTRIBUTING.md tells authors the rules `check` enforces; keep the two in step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALLOWED_FUNCTIONS, SPEC_LIMITS } from '../../pipeline/check/index.ts';
import { repoRoot } from '../helpers/paths.ts';

const doc = readFileSync(join(repoRoot, 'CONTRIBUTING.md'), 'utf8');

test('CONTRIBUTING lists exactly the allowlisted expression functions', () => {
  const block = /### 표현식 \/ Expressions[\s\S]*?`([^`]*isArray[^`]*)`/.exec(doc)?.[1] ?? '';
  expect(new Set(block.split(/\s+/).filter(Boolean))).toEqual(new Set(ALLOWED_FUNCTIONS));
});

test('CONTRIBUTING states the size limits check applies, in both languages', () => {
  expect(doc).toContain(`${SPEC_LIMITS.bytes / 1000} KB`);
  expect(doc).toContain(`${SPEC_LIMITS.depth}단계`);
  expect(doc).toContain(`${SPEC_LIMITS.inlineValues.toLocaleString('en-US')} inline rows`);
  for (const heading of ['차트 제안하기 / Proposing a chart', '데이터셋 제안하기 / Proposing a dataset', '검토 과정 / How a proposal is reviewed']) expect(doc).toContain(heading);
});
