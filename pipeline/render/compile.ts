// Vega-Lite -> Vega -> SVG in this process, with no canvas and no code generation: the Vega
// runtime is parsed to an AST (`ast: true`) and evaluated by vega-interpreter, so neither
// `Function` nor `eval` is ever called (a test runs this path under
// --disallow-code-generation-from-strings). Each view gets its own locale.
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';
import type { Lang } from '../types.ts';
import { LOCALES } from './locale.ts';
import { isPlainObject } from './merge.ts';
import type { Obj } from './spec-walk.ts';
import { installTextMetrics } from './text-metrics.ts';
import { CitydashError } from '../errors.ts';

/** Failure inside vega-lite or vega; `part` says which. */
export class CompileError extends CitydashError {
  constructor(
    readonly part: 'vega-lite' | 'vega',
    message: string,
  ) {
    super(undefined, message);
  }
}

export interface Compiled {
  vega: Obj;
  svg: string;
  warnings: string[];
  /** The rows the chart's main mark draws (after the spec's transforms), for the alt text. */
  drawn?: Record<string, unknown>[];
}

function collectingLogger(errors: string[], warnings: string[]) {
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  let level = vega.Warn;
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: unknown[]) {
      errors.push(text(args));
      return logger;
    },
    warn(...args: unknown[]) {
      warnings.push(text(args));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

// The build never loads anything: data is inline and a spec must not reach files or URLs.
const refuse = (what: string) => () => Promise.reject(new Error(`loading ${what} is disabled in citydash charts; data must be inline`));
const blockedLoader = { load: refuse('data'), sanitize: refuse('URLs'), http: refuse('URLs'), file: refuse('files') };

export function compileVegaLite(spec: Obj): { vega: Obj; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  let out: { spec: Obj };
  try {
    // ids of selections and signals start from the same number for every chart
    vl.resetIdCounter();
    out = vl.compile(spec as unknown as vl.TopLevelSpec, { logger: collectingLogger(errors, warnings) }) as unknown as { spec: Obj };
  } catch (e) {
    throw new CompileError('vega-lite', (e as Error).message);
  }
  if (errors.length) throw new CompileError('vega-lite', errors.join('; '));
  const compiled = out.spec;
  // the interactive view must not be able to re-enable export actions or other embed options
  if (isPlainObject(compiled.usermeta)) delete compiled.usermeta.embedOptions;
  return { vega: compiled, warnings };
}

/** Renders a compiled Vega spec to SVG with the language's locale. */
export async function renderVega(spec: Obj, lang: Lang, mainMark?: MainMark): Promise<{ svg: string; warnings: string[]; drawn?: Record<string, unknown>[] }> {
  installTextMetrics();
  const errors: string[] = [];
  const warnings: string[] = [];
  let view: vega.View | undefined;
  try {
    const runtime = vega.parse(spec as vega.Spec, undefined, { ast: true });
    view = new vega.View(runtime, {
      renderer: 'none',
      expr: expressionInterpreter,
      locale: LOCALES[lang] as unknown as vega.LocaleFormatters,
      loader: blockedLoader as unknown as vega.Loader,
      logger: collectingLogger(errors, warnings),
      logLevel: vega.Warn,
    });
    const svg = await view.toSVG();
    if (errors.length) throw new Error(errors.join('; '));
    const repeats = repeatedColours(view);
    if (repeats) warnings.push(repeats);
    const drawn = mainMark ? mainData(view, spec, mainMark) : undefined;
    return { svg, warnings, drawn };
  } catch (e) {
    throw new CompileError('vega', (e as Error).message);
  } finally {
    view?.finalize();
  }
}

/**
 * A categorical colour scale with more values than colours draws two series alike (issue 12):
 * say so, for `citydash check`. Small multiples or direct labels are the fix.
 */
function repeatedColours(view: vega.View): string | undefined {
  let scale: { type?: string; domain(): unknown[]; range(): unknown[] } | undefined;
  try {
    scale = view.scale('color') as typeof scale;
  } catch {
    return undefined;
  }
  if (!scale || scale.type !== 'ordinal') return undefined;
  const values = scale.domain().length;
  const colours = new Set(scale.range().map(String)).size;
  return values > colours ? `the colour scale has ${values} values but ${colours} colours, so colours repeat: show fewer series, small multiples (facet) or direct labels` : undefined;
}

/** Which mark is the chart's subject: a Vega mark type, or a Vega-Lite mark name. */
export interface MainMark {
  type: string;
  name?: string;
}

const VEGA_MARK: Record<string, string> = {
  bar: 'rect', rect: 'rect', tick: 'rect', line: 'line', area: 'area', trail: 'trail', point: 'symbol',
  circle: 'symbol', square: 'symbol', arc: 'arc', geoshape: 'shape', text: 'text', rule: 'rule', image: 'image',
};

export function vegaMarkType(vlMark: string): string {
  return VEGA_MARK[vlMark] ?? vlMark;
}

/**
 * The datasets that may hold the main mark's rows, best first: the data of each facet around it
 * from the innermost out (a series' path group, then small-multiple panels), then its own. An
 * inner facet's data is a dataset of the whole view when Vega-Lite lifted it there, or only a
 * name inside the panel; mainData takes the first the view knows.
 */
function mainDataNames(marks: unknown, main: MainMark, facets: string[] = []): string[] | undefined {
  if (!Array.isArray(marks)) return undefined;
  for (const m of marks) {
    if (!isPlainObject(m)) continue;
    const from = isPlainObject(m.from) ? m.from : {};
    if (m.type === 'group') {
      const facet = isPlainObject(from.facet) && typeof from.facet.data === 'string' ? [from.facet.data] : [];
      const found = mainDataNames(m.marks, main, [...facets, ...facet]);
      if (found) return found;
      continue;
    }
    const matches = main.name ? m.name === main.name : m.type === main.type;
    if (matches && typeof from.data === 'string') return [...facets, from.data];
  }
  return undefined;
}

interface SceneNode {
  marktype?: string;
  name?: string;
  items?: SceneNode[];
  datum?: Record<string, unknown>;
}

/**
 * The rows the main mark drew, read from the scenegraph: in small multiples (a grid `layout`)
 * Vega-Lite names each panel's datasets as it names the whole view's, so a dataset name may
 * find one panel's rows or another layer's; the drawn items of every panel are what is shown.
 */
function drawnRows(view: vega.View, main: MainMark): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const walk = (node: SceneNode | undefined): void => {
    if (!node) return;
    const isMain = node.marktype !== undefined && node.marktype !== 'group' && (main.name ? node.name === main.name || node.name?.endsWith(`_${main.name}`) : node.marktype === main.type);
    if (isMain) {
      for (const item of node.items ?? []) if (item.datum) rows.push(item.datum);
      return;
    }
    for (const child of node.items ?? []) walk(child);
  };
  walk((view.scenegraph() as unknown as { root: SceneNode }).root);
  return rows;
}

function mainData(view: vega.View, spec: Obj, main: MainMark): Record<string, unknown>[] | undefined {
  if ('layout' in spec) {
    const rows = drawnRows(view, main);
    if (rows.length) return rows;
  }
  for (const name of mainDataNames(spec.marks, main) ?? []) {
    let rows: Record<string, unknown>[];
    try {
      rows = view.data(name) as Record<string, unknown>[];
    } catch {
      continue; // a name local to a facet's panels, not a dataset of the whole view
    }
    // Vega-Lite reuses dataset names inside a facet's panels, so a name may find the reference
    // bands' rows (reference-bands.ts): they are never the chart's subject.
    if (rows.some((r) => Object.keys(r).some((k) => k.startsWith('__ref_')))) continue;
    return rows;
  }
  return undefined;
}
