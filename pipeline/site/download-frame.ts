// What a downloaded chart image says around the plot (pipeline/render/frame.ts draws it): the
// title, a source line naming the departments, datasets and licences, the date and cycle of the
// data, the page's address when the site has a baseUrl, and a sample-data mark. Worded here, where
// the site's other words live; computed before rendering, from the catalog and the snapshots.
import type { DownloadFrame } from '../render/index.ts';
import type { Catalog, ChartDescriptor, Lang } from '../types.ts';
import { dataCycleOf, dataDateOf, type DataDateInput } from './data-dates.ts';
import { describeLicence } from './licences.ts';
import { absoluteUrl, paths } from './links.ts';
import { chartDatasetIds } from './model-chart.ts';

const WORDS: Record<Lang, { source: string; date: string; cycle: string; sample: string; sampleMark: string }> = {
  ko: {
    source: '출처',
    date: '데이터 기준일',
    cycle: '주기',
    sample: '예시 데이터: 실제 수치가 아닌 가상의 값입니다 · Sample data: invented figures, not real measurements',
    sampleMark: '예시 데이터 · SAMPLE',
  },
  en: {
    source: 'Source',
    date: 'Data as of',
    cycle: 'cycle',
    sample: 'Sample data: invented figures, not real measurements',
    sampleMark: 'SAMPLE DATA',
  },
};

export function downloadFrame(catalog: Catalog, chart: ChartDescriptor, lang: Lang, input: DataDateInput & { baseUrl: string | null }): DownloadFrame {
  const w = WORDS[lang];
  const ids = chartDatasetIds(chart);
  const datasets = ids.map((id) => catalog.datasets.find((d) => d.id === id)).filter((d) => d !== undefined);
  const unique = (xs: string[]) => [...new Set(xs)];
  const departments = unique(datasets.map((d) => d.department[lang]));
  const licences = unique(datasets.map((d) => describeLicence(d.licence).title[lang]));
  const date = dataDateOf(ids, input);
  const sample = ids.some((id) => input.snapshots[id]?.fetch.sample);
  return {
    title: chart.title[lang],
    source: `${w.source}: ${[departments.join(', '), datasets.map((d) => d.title[lang]).join(', '), licences.join(', ')].filter(Boolean).join(' · ')}`,
    date: `${date ? `${w.date} ${date} · ` : ''}${w.cycle} ${dataCycleOf(ids, input)}`,
    url: input.baseUrl ? absoluteUrl(input.baseUrl, paths.chart(lang, chart.id)) : null,
    sample: sample ? w.sample : null,
    sampleMark: sample ? w.sampleMark : null,
  };
}
