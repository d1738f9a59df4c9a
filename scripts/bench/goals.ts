// The issue's goals, each stated met or not met from this run's figures (or "not measured"),
// with the figure whose profile explains a goal that is not met.
import type { Figure } from './figures.ts';

export interface GoalResult {
  goal: string;
  actual: string;
  met: boolean | null;
  /** The citydash figure the goal is judged on: the one to profile when it is not met. */
  figure: string | null;
}

const f1 = (n: number) => n.toFixed(n < 10 ? 2 : 1);

export function evaluateGoals(figures: Figure[]): GoalResult[] {
  const fig = (id: string) => figures.find((f) => f.id === id && !f.notMeasured);
  const ratio = (id: string, to: string) => fig(id)?.ratios?.find((r) => r.to === to);
  const out: GoalResult[] = [];
  const missing = (goal: string, id: string) => out.push({ goal, actual: `not measured (${figures.find((f) => f.id === id)?.notMeasured ?? 'stage not run'})`, met: null, figure: null });

  for (const [enc, tag] of [['CP949', 'cp949'], ['UTF-8', 'utf8']] as const) {
    for (const [ref, min, name] of [['papaparse', 0.8, "papaparse's bare streaming parse"], ['miller', 2.5, 'Miller']] as const) {
      const goal = `ingest ${enc} ≥ ${min}× ${name}`;
      const r = ratio(`ingest-${tag}`, `${ref}-${tag}`);
      if (!r) missing(goal, `ingest-${tag}`);
      else out.push({ goal, actual: `${f1(r.value)}× wall${r.cpuValue ? `, ${f1(r.cpuValue)}× CPU` : ''}`, met: r.value >= min, figure: `ingest-${tag}` });
    }
  }

  const ingestFigs = figures.filter((f) => ['ingest', 'growth', 'xlsx'].includes(f.stage) && /^(ingest|growth)-/.test(f.id) && f.measured?.rssMb);
  if (ingestFigs.length) {
    const worst = ingestFigs.reduce((a, b) => (b.measured!.rssMb!.max > a.measured!.rssMb!.max ? b : a));
    out.push({
      goal: 'ingest peak RSS < 300 MB at every size and format',
      actual: ingestFigs.map((f) => `${f.id} ${f.measured!.rssMb!.max.toFixed(0)} MB`).join(', '),
      met: worst.measured!.rssMb!.max < 300,
      figure: worst.id,
    });
  } else out.push({ goal: 'ingest peak RSS < 300 MB at every size and format', actual: 'not measured', met: null, figure: null });

  const render = fig('charts-render');
  if (!render?.throughput) missing('charts ≥ 40/s', 'charts-render');
  else {
    const perRender = render.throughput.value.median;
    const bilingual = Number(render.counts?.bilingualChartsPerSecond);
    out.push({ goal: 'charts ≥ 40/s', actual: `${f1(perRender)} renders/s (one language); ${f1(bilingual)} charts/s in both languages`, met: perRender >= 40, figure: render.id });
    const vs = ratio('charts-render', 'vl2svg-per-chart');
    out.push({ goal: 'charts ≥ 20× vl2svg per chart', actual: vs ? `${f1(vs.value)}× (median of per-chart ratios)` : 'not measured', met: vs ? vs.value >= 20 : null, figure: render.id });
  }
  const rerendered = fig('charts-no-change')?.counts?.rerendered;
  if (rerendered !== undefined) out.push({ goal: 'no-change cycle re-renders 0 charts', actual: `${rerendered} re-rendered`, met: Number(rerendered) === 0, figure: 'charts-no-change' });

  const cycles = [
    ['cycle-no-change', 'no-change cycle (generated catalog) < 5 s', 5, null],
    ['cycle-bundled-no-change', 'no-change cycle, the bundled catalog < 3 s', 3, null],
    ['cycle-cold', 'full cold cycle (generated catalog) < 60 s and < 500 MB peak RSS', 60, 500],
  ] as const;
  for (const [id, goal, seconds, mb] of cycles) {
    const f = fig(id);
    if (!f?.measured) { missing(goal, id); continue; }
    const rss = f.measured.rssMb?.max;
    out.push({
      goal,
      actual: `${f1(f.measured.wall.median)} s wall${f.measured.cpu ? `, ${f1(f.measured.cpu.median)} s CPU` : ''}${rss ? `, ${rss.toFixed(0)} MB peak RSS` : ''}`,
      met: f.measured.wall.median < seconds && (mb === null || (rss !== undefined && rss < mb)),
      figure: id,
    });
  }
  for (const [id, goal, limit] of [['help-installed', '`citydash --help` from the installed package < 0.3 s', 0.3], ['check-one-chart', '`citydash check` of one chart < 2 s', 2]] as const) {
    const f = fig(id);
    if (!f?.measured) missing(goal, id);
    else out.push({ goal, actual: `${f1(f.measured.wall.median)} s wall${f.measured.cpu ? `, ${f1(f.measured.cpu.median)} s CPU` : ''}`, met: f.measured.wall.median < limit, figure: id });
  }
  return out;
}
