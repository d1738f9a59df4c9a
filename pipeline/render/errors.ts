import { CitydashError, quote } from '../errors.ts';
import type { Lang } from '../types.ts';

/**
 * One chart failed to compile or render. The message names the chart file, the language and
 * the failing part (dataset binding, a field, vega-lite, vega, png) so the orchestrator can
 * record it against that chart and carry on with the others.
 */
export class ChartRenderError extends CitydashError {
  constructor(
    readonly chartFile: string,
    readonly chartId: string,
    readonly lang: Lang,
    readonly part: string,
    detail: string,
  ) {
    super(chartFile, `chart ${quote(chartId)} (${lang}): ${part}: ${detail}`);
    this.name = 'ChartRenderError';
  }
}

/** The boundary TopoJSON given to the renderer is unusable (wrong object, no SIG_CD). */
export class BoundaryDataError extends CitydashError {
  constructor(detail: string) {
    super('gu boundaries', detail);
    this.name = 'BoundaryDataError';
  }
}
