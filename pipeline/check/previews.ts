// Preview images of new and changed charts for the pull-request report, both languages,
// drawn by the cycle's own renderer (Vega's interpreter, no code generation; the renderer's
// loader refuses every URL and file). Only charts that passed every check get here, so a
// spec with a URL or a forbidden expression is refused before anything renders it.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';
import { budgetsOf } from '../budgets.ts';
import { createRenderer } from '../render/index.ts';
import type { Catalog, ChartDescriptor, ColumnSpec, Effects, Problem } from '../types.ts';
import { preparePreviewData } from './preview-data.ts';
import type { ChartPreview } from './types.ts';

export interface PreviewRequest {
  chart: ChartDescriptor;
  status: 'added' | 'changed';
}

/** Safe as a file name: chart ids are [a-z0-9-] by schema, but never trust that here. */
const fileName = (id: string, lang: string) => `${id.replace(/[^a-z0-9-]/gi, '_')}.${lang}.png`;

export async function renderPreviews(catalog: Catalog, requests: PreviewRequest[], outDir: string, effects: Effects): Promise<{ previews: ChartPreview[]; problems: Problem[] }> {
  const previews: ChartPreview[] = [];
  const problems: Problem[] = [];
  if (requests.length === 0) return { previews, problems };
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const needed = requests.flatMap((r) => [...r.chart.data, ...(r.chart.map ? [r.chart.map.dataset] : [])]);
  const data = await preparePreviewData(catalog, needed, effects);
  try {
    const columns: Record<string, Record<string, ColumnSpec>> = Object.fromEntries(catalog.datasets.map((d) => [d.id, d.columns]));
    const renderer = createRenderer({ budgets: budgetsOf(catalog.settings.budgets) });
    for (const { chart, status } of requests) {
      const preview: ChartPreview = { chart: chart.id, file: chart.file, title: chart.title, status, images: [] };
      previews.push(preview);
      const missing = chart.data.filter((id) => !data.rows[id]);
      if (missing.length) {
        preview.skipped = missing.map((id) => `dataset ${id}: ${data.failed.get(id) ?? 'no data'}`).join('; ');
        continue;
      }
      for (const lang of ['ko', 'en'] as const) {
        try {
          const rendered = await renderer.renderChart(chart, lang, data.rows, columns);
          const file = fileName(chart.id, lang);
          await writeFileAtomic(join(dir, file), rendered.png);
          preview.images.push({ lang, file, alt: rendered.alt.text, altDrafted: rendered.alt.drafted });
          // two series drawn in one colour mislead (issue 12); said once, the palette is the same in both languages
          if (lang === 'ko') for (const w of rendered.warnings.filter((x) => x.includes('colours repeat'))) problems.push({ file: chart.file, line: 1, col: 1, message: w, hint: 'draw one small chart per series (facet) or label the lines directly', rule: 'palette', severity: 'warning' });
        } catch (e) {
          const message = (e as Error).message.replace(`${chart.file}: `, '');
          problems.push({ file: chart.file, line: 1, col: 1, message: `the chart does not render: ${message}`, hint: 'fix the spec; the message names the failing part', rule: 'render', severity: 'error' });
          preview.skipped = `it does not render (${lang})`;
          break;
        }
      }
    }
  } finally {
    await data.cleanup();
  }
  return { previews, problems };
}
