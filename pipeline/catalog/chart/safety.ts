// Rules that keep a chart from reaching outside its data: no URLs (data, images, links), no
// javascript:/data: links, no embed options or string config/patch (vega-embed would load
// them), no prototype keys; and limits on size so a spec cannot stall the build.
import { quote } from '../../errors.ts';
import type { SpecIssue } from './vl-errors.ts';

export const SPEC_LIMITS = {
  /** JSON size of the spec and its locale patches together. */
  bytes: 100_000,
  /** Nesting depth of mappings and lists. */
  depth: 32,
  /** Rows of inline `values`, all lists together. */
  inlineValues: 1000,
  /** Pixels of a written width, height or step: the PNG is drawn at twice that, in memory. */
  pixels: 4000,
} as const;

/** Keys whose number is a size in pixels of the drawn chart (views, steps, config.view). */
const PIXEL_KEYS = new Set(['width', 'height', 'step', 'continuousWidth', 'continuousHeight', 'discreteWidth', 'discreteHeight']);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Browsers ignore tabs, newlines and control characters inside a URL scheme. */
function scheme(text: string): string | undefined {
  const squashed = text.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
  if (/^(javascript|vbscript|livescript):/.test(squashed)) return squashed.slice(0, squashed.indexOf(':') + 1);
  if (/^data:[a-z0-9.+-]*\/[a-z0-9.+-]*[;,]/.test(squashed)) return 'data:';
  return undefined;
}

const issue = (pointer: string, at: 'key' | 'value', message: string, hint: string): SpecIssue => ({ pointer, at, say: () => message, hint });

/** Safety rules over one part the author wrote (`spec` or a `locales` patch), pointers relative to it. */
export function safetyIssues(part: unknown, base: string): SpecIssue[] {
  const issues: SpecIssue[] = [];
  let inline = 0;
  let deepest = { depth: 0, pointer: '' };
  const walk = (value: unknown, pointer: string, depth: number, inData: boolean): void => {
    if (depth > deepest.depth) deepest = { depth, pointer };
    if (typeof value === 'string') {
      const s = scheme(value);
      if (s) issues.push(issue(pointer, 'value', `${s} link ${quote(value)} is not allowed in a chart`, 'charts may not carry script or embedded-data links; remove it'));
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${pointer}/${i}`, depth + 1, inData));
      return;
    }
    if (!isObj(value)) return;
    for (const [k, v] of Object.entries(value)) {
      const at = `${pointer}/${esc(k)}`;
      if (PROTOTYPE_KEYS.has(k)) issues.push(issue(at, 'key', `key ${quote(k)} is not allowed`, 'rename the key; it would reach the JavaScript prototype chain'));
      if (!inData) {
        if (k === 'url') issues.push(issue(at, 'key', `"url" is not allowed in a chart (found ${quote(v)}): charts read only catalog datasets and load nothing`, 'use data: {name: <dataset-id>} for data; images and links cannot be loaded'));
        if (k === 'href') issues.push(issue(at, 'key', '"href" links are not allowed in charts', 'remove it; the site links to each chart\'s page and data itself'));
        if ((k === 'config' || k === 'patch') && typeof v === 'string') issues.push(issue(at, 'value', `"${k}" must be a mapping written in the spec, not a string (a string would be loaded as a URL)`, `write ${k}: {…} inline`));
        if (k === 'embedOptions' && pointer.endsWith('/usermeta')) issues.push(issue(at, 'key', '"usermeta.embedOptions" is not allowed: the site sets the embed options', 'remove usermeta.embedOptions'));
        if (k === 'datasets' && pointer === base) issues.push(issue(at, 'key', 'a chart may not define its own "datasets": its data comes from the catalog', 'list catalog datasets in data: and read them with data: {name: <id>}'));
        if (k === 'values' && Array.isArray(v)) inline += v.length;
        if (PIXEL_KEYS.has(k) && typeof v === 'number' && !(Math.abs(v) <= SPEC_LIMITS.pixels)) {
          issues.push(issue(at, 'value', `${k} ${v} is more than ${SPEC_LIMITS.pixels} px`, `charts are drawn at most ${SPEC_LIMITS.pixels} px wide or high; the page scales them to the screen`));
        }
      }
      walk(v, at, depth + 1, inData || k === 'values' || k === 'datasets');
    }
  };
  walk(part, base, 0, false);
  if (deepest.depth > SPEC_LIMITS.depth) {
    issues.push(issue(deepest.pointer, 'value', `the spec nests ${deepest.depth} levels deep (at most ${SPEC_LIMITS.depth})`, 'flatten the spec; deep nesting slows every build'));
  }
  if (inline > SPEC_LIMITS.inlineValues) {
    issues.push(issue(base, 'key', `the spec has ${inline} rows of inline values (at most ${SPEC_LIMITS.inlineValues})`, 'put the data in a catalog dataset and read it with data: {name: <id>}'));
  }
  return issues;
}

/** Size limit over everything the author wrote for the chart. */
export function sizeIssue(parts: unknown[], pointer: string): SpecIssue | undefined {
  const bytes = parts.reduce<number>((n, p) => n + (p === undefined ? 0 : Buffer.byteLength(JSON.stringify(p) ?? '', 'utf8')), 0);
  if (bytes <= SPEC_LIMITS.bytes) return undefined;
  return issue(pointer, 'key', `the chart spec is ${bytes.toLocaleString('en-US')} bytes (at most ${SPEC_LIMITS.bytes.toLocaleString('en-US')})`, 'move data into a catalog dataset and keep the spec to marks and encodings');
}
