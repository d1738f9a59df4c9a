// The issue's goals, each stated met or not met from this run's figures (or "not measured").
import type { Figure } from './figures.ts';

export interface GoalResult {
  goal: string;
  actual: string;
  met: boolean | null;
}

const f1 = (n: number) => n.toFixed(n < 10 ? 2 : 1);

export function evaluateGoals(figures: Figure[]): GoalResult[] {
  const fig = (id: string) => figures.find((f) => f.id === id && !f.notMeasured);
  const ratio = (id: string, to: string) => fig(id)?.ratios?.find((r) => r.to === to);
  const out: GoalResult[] = [];
  const missing = (goal: string, id: string) => out.push({ goal, actual: `not measured (${figures.find((f) => f.id === id)?.notMeasured ?? 'stage not run'})`, met: null });

  for (const [enc, tag] of [['CP949', 'cp949'], ['UTF-8', 'utf8']] as const) {
    for (const [ref, min, name] of [['papaparse', 0.8, "papaparse's bare streaming parse"], ['miller', 2.5, 'Miller']] as const) {
      const goal = `ingest ${enc} ≥ ${min}× ${name}`;
      const r = ratio(`ingest-${tag}`, `${ref}-${tag}`);
      if (!r) missing(goal, `ingest-${tag}`);
      else out.push({ goal, actual: `${f1(r.value)}× wall${r.cpuValue ? `, ${f1(r.cpuValue)}× CPU` : ''}`, met: r.value >= min });
    }
  }

  const ingestIds = figures.filter((f) => ['ingest', 'growth', 'xlsx'].includes(f.stage) && /^(ingest|growth)-/.test(f.id) && f.measured?.rssMb);
  if (ingestIds.length) {
    const worst = Math.max(...ingestIds.map((f) => f.measured!.rssMb!.max));
    out.push({
      goal: 'ingest peak RSS < 300 MB at every size',
      actual: ingestIds.map((f) => `${f.id} ${f.measured!.rssMb!.max.toFixed(0)} MB`).join(', '),
      met: worst < 300,
    });
  } else out.push({ goal: 'ingest peak RSS < 300 MB at every size', actual: 'not measured', met: null });

  const render = fig('charts-render');
  if (!render?.throughput) missing('charts ≥ 40/s', 'charts-render');
  else {
    const perRender = render.throughput.value.median;
    const bilingual = Number(render.counts?.bilingualChartsPerSecond);
    out.push({ goal: 'charts ≥ 40/s', actual: `${f1(perRender)} renders/s (one language); ${f1(bilingual)} charts/s in both languages`, met: perRender >= 40 });
    const vs = ratio('charts-render', 'vl2svg-per-chart');
    out.push({ goal: 'charts ≥ 20× vl2svg per chart', actual: vs ? `${f1(vs.value)}× (median of per-chart ratios)` : 'not measured', met: vs ? vs.value >= 20 : null });
  }
  const rerendered = fig('charts-no-change')?.counts?.rerendered;
  if (rerendered !== undefined) out.push({ goal: 'no-change cycle re-renders 0 charts', actual: `${rerendered} re-rendered`, met: Number(rerendered) === 0 });

  for (const [id, goal, limit] of [['cycle-no-change', 'no-change cycle < 5 s', 5], ['cycle-cold', 'full cold cycle (20-dataset catalog) < 60 s', 60]] as const) {
    const f = fig(id);
    if (!f?.measured) missing(goal, id);
    else out.push({ goal, actual: `${f1(f.measured.wall.median)} s wall, ${f.measured.rssMb ? `${f.measured.rssMb.max.toFixed(0)} MB peak RSS` : ''}`, met: f.measured.wall.median < limit });
  }
  for (const [id, goal, limit] of [['help-installed', '`citydash --help` from the installed package < 0.3 s', 0.3], ['check-one-chart', '`citydash check` of one chart < 2 s', 2]] as const) {
    const f = fig(id);
    if (!f?.measured) missing(goal, id);
    else out.push({ goal, actual: `${f1(f.measured.wall.median)} s wall${f.measured.cpu ? `, ${f1(f.measured.cpu.median)} s CPU` : ''}`, met: f.measured.wall.median < limit });
  }
  return out;
}
