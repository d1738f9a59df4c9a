// Charts ship as compiled Vega (the renderer compiles Vega-Lite at build time), so the browser
// bundle replaces the Vega-Lite compiler vega-embed imports with this stub: about 300 KB less.
export const version = 'not bundled';

export function compile(): never {
  throw new Error('citydash charts are compiled Vega; the Vega-Lite compiler is not in the browser bundle');
}
