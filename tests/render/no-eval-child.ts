// Run by no-eval.test.ts in a fresh Node with --disallow-code-generation-from-strings (and a
// time zone far from UTC): renders charts with expressions and prints what it drew as JSON.
import * as vega from 'vega';
import { compileVegaLite } from '../../pipeline/render/compile.ts';
import { createRenderer } from '../../pipeline/render/index.ts';
import type { Lang } from '../../pipeline/types.ts';
import { allColumns, allData, expressionChart, guMap, lineSeries, svgTexts } from './fixtures.ts';

async function main(): Promise<void> {
  const renderer = createRenderer();
  const texts: Record<string, string[]> = {};
  const pngBytes: Record<string, number> = {};
  for (const lang of ['ko', 'en'] as Lang[]) {
    for (const chart of [expressionChart, lineSeries, guMap]) {
      const r = await renderer.renderChart(chart, lang, allData(), allColumns);
      texts[`${chart.id}-${lang}`] = svgTexts(r.svg);
      pngBytes[`${chart.id}-${lang}`] = r.png.byteLength;
    }
  }
  // control: the same spec through vega's default code generator must be refused here
  let control = 'no error';
  try {
    const { vega: spec } = compileVegaLite({ data: { values: [{ a: 1 }] }, transform: [{ calculate: 'datum.a * 2', as: 'b' }], mark: 'point', encoding: { x: { field: 'b', type: 'quantitative' } } });
    await new vega.View(vega.parse(spec as vega.Spec), { renderer: 'none' }).toSVG();
  } catch (e) {
    control = `${(e as Error).name}: ${(e as Error).message}`;
  }
  process.stdout.write(JSON.stringify({ texts, pngBytes, control }));
}

main().catch((e: unknown) => {
  process.stderr.write(String((e as Error).stack ?? e));
  process.exit(1);
});
