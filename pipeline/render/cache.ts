// Rendered charts keyed by a hash of everything that shapes them (localized spec with its
// data, theme, language, alt text, library and renderer versions). A cycle in which nothing
// changed finds every chart here and compiles nothing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDirAtomic } from '../atomic-write.ts';
import { sha256Json } from '../hash.ts';

export interface CachedChart {
  svg: string;
  /** The framed SVG people download (equal to svg when the chart has no frame). */
  download: string;
  png: Uint8Array;
  vega: object;
  vegaLite: object;
  alt: { text: string; drafted: boolean };
  /** The phone layout (layouts.ts). */
  narrow?: { svg: string; vega: object };
  warnings: string[];
}

export function cacheKey(inputs: unknown): string {
  return sha256Json(inputs);
}

const FILES = { svg: 'chart.svg', download: 'download.svg', png: 'chart.png', vega: 'vega.json', vegaLite: 'vega-lite.json', alt: 'alt.json', meta: 'meta.json', narrowSvg: 'narrow.svg', narrowVega: 'narrow-vega.json' };

export async function readCached(dir: string, key: string): Promise<CachedChart | undefined> {
  const base = join(dir, key);
  try {
    const [svg, download, png, vega, vegaLite, alt, meta, narrowSvg, narrowVega] = await Promise.all([
      readFile(join(base, FILES.svg), 'utf8'),
      readFile(join(base, FILES.download), 'utf8'),
      readFile(join(base, FILES.png)),
      readFile(join(base, FILES.vega), 'utf8'),
      readFile(join(base, FILES.vegaLite), 'utf8'),
      readFile(join(base, FILES.alt), 'utf8'),
      readFile(join(base, FILES.meta), 'utf8'),
      readFile(join(base, FILES.narrowSvg), 'utf8'),
      readFile(join(base, FILES.narrowVega), 'utf8'),
    ]);
    return {
      svg,
      download,
      png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength),
      vega: JSON.parse(vega) as object,
      vegaLite: JSON.parse(vegaLite) as object,
      alt: JSON.parse(alt) as CachedChart['alt'],
      narrow: { svg: narrowSvg, vega: JSON.parse(narrowVega) as object },
      warnings: (JSON.parse(meta) as { warnings: string[] }).warnings,
    };
  } catch {
    // missing or half-written entries are simply rendered again
    return undefined;
  }
}

/** All files of a chart appear together or not at all. */
export async function writeCached(dir: string, key: string, entry: CachedChart): Promise<void> {
  await writeDirAtomic(join(dir, key), {
    [FILES.svg]: entry.svg,
    [FILES.download]: entry.download,
    [FILES.png]: entry.png,
    [FILES.vega]: JSON.stringify(entry.vega),
    [FILES.vegaLite]: JSON.stringify(entry.vegaLite),
    [FILES.alt]: JSON.stringify(entry.alt),
    [FILES.meta]: JSON.stringify({ warnings: entry.warnings }),
    ...(entry.narrow ? { [FILES.narrowSvg]: entry.narrow.svg, [FILES.narrowVega]: JSON.stringify(entry.narrow.vega) } : {}),
  });
}
