// What one render process does for one chart in one language (render-child.mjs loads this):
// Vega-Lite compile, vega's SVG, the alt text from the rows the main mark draws. This is where a
// catalog spec's expressions run, so it runs in a child process with a heap limit and a clock
// (render-pool.ts); whatever it returns is checked for size before the parent takes it.
import type { ChartDescriptor, ColumnSpec, Lang } from '../types.ts';
import { draftAlt } from './alt-draft.ts';
import { CompileError, compileVegaLite, renderVega, type MainMark } from './compile.ts';
import type { Obj } from './spec-walk.ts';
import { svgSizeProblem } from './svg-size.ts';

export interface RenderJob {
  spec: Obj;
  lang: Lang;
  mainMark?: MainMark;
  /** Draft the alt text from the drawn rows (when the chart has none of its own). */
  alt?: { chart: ChartDescriptor; columns: Record<string, ColumnSpec> };
}

export interface RenderJobResult {
  vega: Obj;
  svg: string;
  warnings: string[];
  /** Drafted from the drawn rows; undefined when no rows of the main mark could be read. */
  alt?: string;
}

export async function runRenderJob(job: RenderJob): Promise<RenderJobResult> {
  const compiled = compileVegaLite(job.spec);
  // the browser view gets the spec as compiled, before vega adds anything to it
  const vega = JSON.parse(JSON.stringify(compiled.vega)) as Obj;
  const drawn = await renderVega(compiled.vega, job.lang, job.mainMark);
  const tooBig = svgSizeProblem(drawn.svg);
  if (tooBig) throw new CompileError('vega', tooBig);
  const alt = job.alt && drawn.drawn ? draftAlt(job.alt.chart, job.lang, drawn.drawn, job.alt.columns) : undefined;
  return { vega, svg: drawn.svg, warnings: [...compiled.warnings, ...drawn.warnings], alt };
}
