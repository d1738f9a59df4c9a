// Checks Vega-Lite itself reports badly (it crashes on an unknown mark with a TypeError).
import { CitydashError, quote } from '../errors.ts';
import { markType, visitViews, type Obj } from './spec-walk.ts';

export class SpecError extends CitydashError {
  constructor(detail: string) {
    super(undefined, detail);
  }
}

const MARKS = new Set([
  'arc', 'area', 'bar', 'image', 'line', 'point', 'rect', 'rule', 'text', 'tick', 'trail', 'circle', 'square',
  'geoshape', 'boxplot', 'errorband', 'errorbar',
]);

export function checkSpec(spec: Obj): void {
  visitViews(spec, (view) => {
    if (view.mark === undefined) return;
    const mark = markType(view);
    if (!mark || !MARKS.has(mark)) {
      throw new SpecError(`unknown mark type ${quote(mark ?? view.mark)} (one of: ${[...MARKS].join(', ')})`);
    }
  });
}
