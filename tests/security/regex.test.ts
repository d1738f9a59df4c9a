// Issue 16: a row schema's `pattern` runs on RE2 (linear time), so the pattern and value that hung
// validation with JavaScript's backtracking engine now validate at once; a pattern RE2 cannot run
// (lookaround, backreferences) is refused by check, build and run alike.
//
// Both cases share ONE catalog copy: check, run and build run once, the refused pattern is judged
// by the harness's whole flow while the pattern RE2 can run sits beside it (which must then pass
// check, validate and publish all the same), and each case is judged on its own from those runs.
import { checkReport, datasetYaml, expectRefusedEverywhere, publishedDatasets, type CommandRun } from './harness.ts';

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

const redos = 'redos-pattern';
const lookahead = 'lookahead-pattern';
const redosFiles = {
  [`sources/safety/${redos}.yaml`]: source(redos),
  [`sources/safety/samples/${redos}.csv`]: `이름,합계\n${'가'.repeat(44)}!,1\n서울,2\n`,
  [`schemas/${redos}.schema.json`]: schemaWith('^(([a-z가-힣])+)+$'),
};
const lookaheadFiles = {
  [`sources/safety/${lookahead}.yaml`]: source(lookahead),
  [`sources/safety/samples/${lookahead}.csv`]: '이름,합계\n종로구,1\n',
  [`schemas/${lookahead}.schema.json`]: schemaWith('^(?=.*구)[가-힣]+$'),
};

interface Shared {
  /** The lookahead case's verdict from the whole flow: null when it held. */
  refusal: unknown;
  /** The commands the flow ran (check, run, build), whether or not it held. */
  runs: CommandRun[];
  /** Dataset ids in the target's manifest after those commands. */
  published: string[];
}

let shared: Promise<Shared> | undefined;
/** check, run and build once on the catalog holding both cases; the copy is gone when it resolves. */
function together(): Promise<Shared> {
  shared ??= (async () => {
    const seen: Shared = { refusal: null, runs: [], published: [] };
    try {
      await expectRefusedEverywhere({
        files: { ...redosFiles, ...lookaheadFiles },
        refused: { file: `schemas/${lookahead}.schema.json`, line: '"pattern"', message: /patterns run on a linear-time engine \(RE2\).*lookahead and lookbehind/ },
        withheld: [lookahead],
      }, {
        observe: async (cat, runs) => {
          seen.runs = [...runs];
          seen.published = await publishedDatasets(cat);
        },
      });
    } catch (e) {
      seen.refusal = e;
    }
    return seen;
  })();
  return shared;
}

test('the pattern that hung validation (^(([a-z가-힣])+)+$, a 45-character value) validates at once', async () => {
  const { refusal, runs, published } = await together();
  const check = runs.find((r) => r.command === 'check');
  const run = runs.find((r) => r.command === 'run');
  if (!check || !run) throw new Error(`the shared catalog's flow stopped before check and run were both done: ${String(refusal)}`);
  // check has nothing against it: its only errors are the lookahead's, refused beside it
  expect(checkReport(check).problems.filter((p) => p.severity === 'error' && !p.file.includes(lookahead))).toEqual([]);
  // The case fails if run does not finish within the harness's bound (it used to hang).
  expect(run.stderr).toMatch(/\[fresh\] redos-pattern \d+ rows/);
  expect(published).toContain(redos);
});

test('a pattern RE2 cannot run (a lookahead) is refused with what to write instead', async () => {
  const { refusal } = await together();
  if (refusal) throw refusal;
});
