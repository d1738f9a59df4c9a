// Issue 16, "one file stalls or kills the whole build and the PR gate": what check cannot decide
// from the text (how much memory a query takes, how long a chart expression runs) is bounded when
// it runs. A hostile derived dataset or chart is stopped at its budget and marked failed with its
// file named; every other dataset and chart is still published, and nothing forbidden is written.
// Each command runs under the harness's bound, so a budget that does not hold fails its case
// instead of hanging the suite.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  chartYaml, checkReport, citydash, expectFailedAlone, forbiddenBytes, securityCatalog, type CommandRun, type HostileFile, type SecurityCatalog,
} from './harness.ts';

/** `run` and `build` on the catalog: both exit 2 with `line` on stderr, publish all but `withheld`. */
async function expectFailsAlone(cat: SecurityCatalog, withheld: { datasets?: string[]; charts?: string[] }, line: RegExp): Promise<CommandRun[]> {
  const runs: CommandRun[] = [];
  for (const command of ['run', 'build'] as const) {
    const r = await citydash(cat, command);
    runs.push(r);
    await expectFailedAlone(cat, r, { line, withheld });
  }
  expect(await forbiddenBytes(cat, runs)).toEqual([]);
  return runs;
}

async function withCatalog(files: Readonly<Record<string, HostileFile>>, fn: (cat: SecurityCatalog) => Promise<void>): Promise<void> {
  const cat = await securityCatalog({ files });
  try {
    await fn(cat);
  } finally {
    await cat.cleanup();
  }
}

// A derived query over its DuckDB memory budget (check passes it; run and build stop it at 1 GB)
// is judged in sql.test.ts, placed alongside the SQL check refuses in that file's catalog copy.

const chart = (id: string, spec: Record<string, unknown>): Record<string, string> => ({
  [`viz-specs/environment/${id}.yaml`]: chartYaml({
    id,
    data: 'air-quality-daily-seoul',
    spec: { mark: 'line', encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'pm25', type: 'quantitative' } }, ...spec },
  }),
});

// Chart sizes check can read (a billion pixels wide, a billion-pixel step) are refused by check
// before anything renders them: those cases are judged in charts.test.ts, in the one catalog copy
// of the other charts check refuses, so they need no check, run and build of their own.

describe('chart expressions only running can judge', () => {
  // Both in one catalog: each must fail alone, so the other and the bundled chart still publish.
  const files = {
    ...chart('sequence-bomb', { transform: [{ calculate: 'length(sequence(0, 100000000))', as: 'n' }] }),
    ...chart('regexp-bomb', { transform: [{ calculate: `test(regexp('^(a+)+$'), '${'a'.repeat(48)}!')`, as: 'n' }] }),
  };
  const bombs = ['sequence-bomb', 'regexp-bomb'];
  // The heap budget normally stops the sequence first; on a heavily loaded machine the clock can
  // (filling 192 MB takes CPU the machine may not give it in 5 s). Which budget is the message's
  // business: tests/render/errors.test.ts holds the heap one with a clock that cannot come first.
  const memory = /viz-specs\/environment\/sequence-bomb\.yaml: chart "sequence-bomb" \((ko|en)\): budget: (used more than the 192 MB memory budget|took longer than 5 s to render)/;
  const time = /viz-specs\/environment\/regexp-bomb\.yaml: chart "regexp-bomb" \((ko|en)\): budget: took longer than 5 s to render/;

  test('run and build stop each at its budget (heap, clock), name its file and publish the rest; check --preview-dir reports both and writes its report', async () => {
    await withCatalog(files, async (cat) => {
      // smaller budgets, set the way a city would (the catalog's own citydash.yaml), so the
      // sequence meets its heap limit well before its clock runs out; 5 s is still about a hundred
      // times what the bundled chart takes to compile and draw (the clock stops before its PNG),
      // and each runaway waits it out per layout and language
      const settings = await cat.read('citydash.yaml');
      await cat.add({ 'citydash.yaml': `${settings.trimEnd()}\nbudgets:\n  chartMemoryMb: 192\n  chartSeconds: 5\n` });

      const check = await citydash(cat, 'check');
      expect(checkReport(check).problems.filter((p) => p.severity === 'error')).toEqual([]);
      const previews = join(cat.dir, 'previews');
      cat.extraOutputs.push(previews);
      const gate = await citydash(cat, 'check', { args: ['--preview-dir', previews] });
      const report = checkReport(gate);
      expect(gate.code).toBe(3);
      for (const [id, message] of [['sequence-bomb', memory], ['regexp-bomb', time]] as const) {
        const file = `viz-specs/environment/${id}.yaml`;
        const found = report.problems.find((p) => p.file === file && p.severity === 'error');
        expect(found?.message).toMatch(/^the chart does not render: /);
        expect(`${file}: ${found?.message.replace('the chart does not render: ', '')}`).toMatch(message);
        expect(found?.line).toBeGreaterThanOrEqual(1);
      }
      expect(await readdir(previews)).toEqual(expect.arrayContaining(['fine-dust-daily-trend.ko.png', 'fine-dust-daily-trend.en.png']));

      const runs = await expectFailsAlone(cat, { charts: bombs }, memory);
      for (const r of runs) expect(r.stderr).toMatch(time);
      runs.push(check, gate);
      expect(await forbiddenBytes(cat, runs)).toEqual([]);
    });
  });
});
