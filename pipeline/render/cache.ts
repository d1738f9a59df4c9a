// Rendered charts keyed by a hash of everything that shapes them (localized spec with its
// data, theme, language, alt text, library and renderer versions). A cycle in which nothing
// changed finds every chart here and compiles nothing.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CachedChart {
  svg: string;
  /** The framed SVG people download (equal to svg when the chart has no frame). */
  download: string;
  png: Uint8Array;
  vega: object;
  vegaLite: object;
  alt: { text: string; drafted: boolean };
  warnings: string[];
}

/** JSON with object keys sorted, so equal values always hash equal. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

export function cacheKey(inputs: unknown): string {
  return createHash('sha256').update(stableJson(inputs)).digest('hex');
}

const FILES = { svg: 'chart.svg', download: 'download.svg', png: 'chart.png', vega: 'vega.json', vegaLite: 'vega-lite.json', alt: 'alt.json', meta: 'meta.json' };

export async function readCached(dir: string, key: string): Promise<CachedChart | undefined> {
  const base = join(dir, key);
  try {
    const [svg, download, png, vega, vegaLite, alt, meta] = await Promise.all([
      readFile(join(base, FILES.svg), 'utf8'),
      readFile(join(base, FILES.download), 'utf8'),
      readFile(join(base, FILES.png)),
      readFile(join(base, FILES.vega), 'utf8'),
      readFile(join(base, FILES.vegaLite), 'utf8'),
      readFile(join(base, FILES.alt), 'utf8'),
      readFile(join(base, FILES.meta), 'utf8'),
    ]);
    return {
      svg,
      download,
      png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength),
      vega: JSON.parse(vega) as object,
      vegaLite: JSON.parse(vegaLite) as object,
      alt: JSON.parse(alt) as CachedChart['alt'],
      warnings: (JSON.parse(meta) as { warnings: string[] }).warnings,
    };
  } catch {
    // missing or half-written entries are simply rendered again
    return undefined;
  }
}

/** Writes all files into a temporary folder, then renames it into place in one step. */
export async function writeCached(dir: string, key: string, entry: CachedChart): Promise<void> {
  const final = join(dir, key);
  const tmp = join(dir, `.${key}.${process.pid}.${Date.now().toString(36)}.tmp`);
  await mkdir(tmp, { recursive: true });
  try {
    await Promise.all([
      writeFile(join(tmp, FILES.svg), entry.svg),
      writeFile(join(tmp, FILES.download), entry.download),
      writeFile(join(tmp, FILES.png), entry.png),
      writeFile(join(tmp, FILES.vega), JSON.stringify(entry.vega)),
      writeFile(join(tmp, FILES.vegaLite), JSON.stringify(entry.vegaLite)),
      writeFile(join(tmp, FILES.alt), JSON.stringify(entry.alt)),
      writeFile(join(tmp, FILES.meta), JSON.stringify({ warnings: entry.warnings })),
    ]);
    await rm(final, { recursive: true, force: true });
    await rename(tmp, final);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
