// The Vega-Lite spec a chart really renders in each language (its `locales` patch merged,
// a `template: gu-map` expanded the way the renderer does), and the way back from a place in
// that spec to the line the author wrote: `spec`, `locales.<lang>`, or the template's
// inputs when the place comes from the template.
import { joinPointer, splitPointer } from '../pointer.ts';
import { deepMerge, guTileGrid, mergeOverTemplate } from '../../render/index.ts';
import type { Lang } from '../../types.ts';
import { isObj, type Obj } from './views.ts';

export interface EffectiveSpec {
  lang: Lang;
  spec: Obj;
  /** Descriptor pointer for a pointer inside `spec`. */
  toSource(pointer: string): string;
}

/** Where a place in the merged template comes from in the author's spec (undefined: the template). */
function fromTemplate(pointer: string, author: Obj): string | undefined {
  const segs = splitPointer(pointer);
  if (segs.length === 0) return '';
  const [top, index, ...rest] = segs;
  if (top === 'transform') {
    const own = Array.isArray(author.transform) ? author.transform.length : 0;
    return Number(index) < own ? pointer : undefined;
  }
  if (top === 'layer') {
    const i = Number(index);
    if (i === 1 && rest[0] === 'encoding') return joinPointer(rest);
    return i >= 4 ? joinPointer(['layer', i - 4, ...rest]) : undefined;
  }
  return top in author && top !== 'data' && top !== 'mark' ? pointer : undefined;
}

/** `/spec/...` or `/locales/<lang>/...`, whichever wrote the value at this place. */
function fromLocale(pointer: string, patch: unknown, lang: Lang): string {
  if (!isObj(patch) || pointer === '') return `/spec${pointer}`;
  let cur: unknown = patch;
  for (const seg of splitPointer(pointer)) {
    if (!isObj(cur)) return `/locales/${lang}${pointer}`; // the patch replaced this whole part
    if (!(seg in cur)) return `/spec${pointer}`;
    cur = cur[seg];
  }
  return `/locales/${lang}${pointer}`;
}

export function effectiveSpecs(chart: Obj): EffectiveSpec[] {
  const author = isObj(chart.spec) ? chart.spec : {};
  const locales = isObj(chart.locales) ? chart.locales : {};
  const map = isObj(chart.map) ? chart.map : undefined;
  const template = chart.template === 'gu-map' && map && typeof map.dataset === 'string' && typeof map.value === 'string';
  return (['ko', 'en'] as const).map((lang) => {
    const patch = locales[lang];
    let spec = deepMerge(author, patch) as Obj;
    if (template) {
      const code = typeof map!.code === 'string' ? map!.code : undefined;
      spec = mergeOverTemplate(guTileGrid({ dataset: map!.dataset as string, value: map!.value as string, code, lang }), spec);
    }
    const toSource = (pointer: string): string => {
      const own = template ? fromTemplate(pointer, deepMerge(author, patch) as Obj) : pointer;
      if (own === undefined) return '/map';
      if (template && !isObj(chart.spec) && !isObj(patch)) return '/map';
      return fromLocale(own, patch, lang);
    };
    return { lang, spec, toSource };
  });
}
