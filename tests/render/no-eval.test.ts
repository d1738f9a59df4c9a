// The whole render path (Vega-Lite compile, vega parse with ast, vega-interpreter, SVG, PNG)
// runs in a Node that forbids eval/new Function, in a time zone far from UTC, and draws exactly
// what this process draws.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createRenderer } from '../../pipeline/render/index.ts';
import { repoRoot } from '../helpers/paths.ts';
import { allColumns, allData, expressionChart, guMap, lineSeries, svgTexts } from './fixtures.ts';

interface ChildResult {
  texts: Record<string, string[]>;
  pngBytes: Record<string, number>;
  control: string;
}

let child: ChildResult;

beforeAll(async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--disallow-code-generation-from-strings', '--import', 'tsx', 'tests/render/no-eval-child.ts'],
    { cwd: repoRoot, env: { ...process.env, TZ: 'America/Los_Angeles', NODE_OPTIONS: '' }, maxBuffer: 16 * 1024 * 1024 },
  );
  child = JSON.parse(stdout) as ChildResult;
});

test('the control proves the flag bites: vega without the interpreter is refused', () => {
  expect(child.control).toMatch(/^EvalError: Code generation from strings disallowed/);
});

test('expressions (calculate, filter, labelExpr, a selection param) are evaluated by the interpreter', () => {
  const labels = child.texts['cctv-expressions-ko'].filter((t) => t.startsWith('['));
  // indexof(gu, "구") > 0 drops 구로구 although it has 1,561 cameras
  expect(labels).toEqual(['[강남구]', '[양천구]', '[서초구]', '[은평구]', '[용산구]']);
  expect(Object.values(child.pngBytes).every((n) => n > 10_000)).toBe(true);
});

test('the same charts in this process draw the same text, whatever the time zone', async () => {
  const renderer = createRenderer();
  for (const lang of ['ko', 'en'] as const) {
    for (const chart of [expressionChart, lineSeries, guMap]) {
      const r = await renderer.renderChart(chart, lang, allData(), allColumns);
      expect(child.texts[`${chart.id}-${lang}`]).toEqual(svgTexts(r.svg));
    }
  }
  expect(child.texts['pm25-monthly-ko'].slice(0, 2)).toEqual(['2024년 1월', '2024년 4월']);
  expect(child.texts['pm25-monthly-en'].slice(0, 2)).toEqual(['Jan 2024', 'Apr 2024']);
});
