// Issue 16: chart expressions are checked wherever a spec carries them, by the same rules in
// check and in the build (the loader leaves a refused chart out, with file:line), so a chart
// check passes never fails in the nightly with "vega: Illegal property", and one it refuses never
// reaches the renderer or a reader's browser. Likewise a chart size check can read that is over
// its budget (issue 16, "one file stalls the build"; the budgets only running can judge are in
// budgets.test.ts): refused at its line, never drawn.
import { chartYaml, refusedTogether, type HostileCase } from './harness.ts';

const chart = (id: string, spec: Record<string, unknown>): HostileCase['files'] => ({
  [`viz-specs/environment/${id}.yaml`]: chartYaml({
    id,
    data: 'air-quality-daily-seoul',
    spec: { mark: 'line', encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'pm25', type: 'quantitative' } }, ...spec },
  }),
});

const cases: [string, HostileCase][] = [
  ['an object literal with toString in a calculate', {
    files: chart('to-string', { transform: [{ calculate: '{toString: event.view.alert}', as: 'x' }] }),
    refused: { file: 'viz-specs/environment/to-string.yaml', line: 'calculate:', message: /builds an object with the key "toString", which is not allowed/ },
  }],
  ['an event-stream filter reaching the window', {
    files: chart('event-filter', { params: [{ name: 'pick', select: { type: 'point', on: 'click[event.view.alert(1)]' } }] }),
    refused: { file: 'viz-specs/environment/event-filter.yaml', line: 'click[', message: /reads event\.view, which reaches the page/ },
  }],
  ['an event-stream filter in a legend binding', {
    files: chart('legend-bind', { params: [{ name: 'pick', select: { type: 'point', fields: ['pm25'] }, bind: { legend: 'dblclick[window.alert(1)]' } }] }),
    refused: { file: 'viz-specs/environment/legend-bind.yaml', line: 'legend:', message: /uses "window", which is not allowed/ },
  }],
  ['a param expression calling a function off the allowlist', {
    files: chart('param-expr', { params: [{ name: 'w', expr: 'containerSize()[0]' }] }),
    refused: { file: 'viz-specs/environment/param-expr.yaml', line: 'containerSize(', message: /calls containerSize\(\), which is not on the allowlist/ },
  }],
];

const sizes: [string, HostileCase][] = [
  ['width and height of a billion pixels', {
    files: chart('billion-px', { width: 1000000000, height: 1000000000 }),
    refused: { file: 'viz-specs/environment/billion-px.yaml', line: 'width:', message: /width 1000000000 is more than 4000 px/ },
  }],
  ['a step of a billion pixels in a layer', {
    files: chart('huge-step', { width: { step: 1000000000 } }),
    refused: { file: 'viz-specs/environment/huge-step.yaml', line: 'step:', message: /step 1000000000 is more than 4000 px/ },
  }],
];

// All cases, sizes too, in one catalog copy: check, run and build run once, each case is judged on its own.
const judge = refusedTogether([...cases, ...sizes]);

test.each(cases.map(([name]) => name))('%s', async (name) => {
  await judge(name);
});

describe('chart sizes check can read', () => {
  test.each(sizes.map(([name]) => name))('%s: check refuses it at its line, run and build never draw it', async (name) => {
    await judge(name);
  });
});
