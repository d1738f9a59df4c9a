// The cycle page's sections: each dataset once, under the most important thing that happened to
// it (failed > changed > new > computed from a delayed source > overdue > due > removed >
// unchanged), then the indicators that moved and the charts that could not be drawn.
import type { Lang } from '../types.ts';
import { fill } from './format.ts';
import { datasetWords, freshnessWords, indicatorChanged, indicatorWords, revisedExamples, singular } from './cycle-describe.ts';
import type { CycleLog, DatasetLog } from '../cycle-log.ts';
import { WORDS, type Words } from './cycle-words.ts';

export interface SectionItem {
  id: string;
  title: string;
  /** Site path of the dataset or chart page; null when it is no longer on the site. */
  href: string | null;
  text: string;
  examples: string[];
}

export interface Section {
  key: 'failed' | 'changed' | 'new' | 'stale' | 'overdue' | 'due' | 'removed' | 'indicators' | 'charts' | 'unchanged';
  heading: string;
  /** "데이터셋 3개" / "3 datasets": the label of a folded list. */
  count: string;
  items: SectionItem[];
}

export interface Links {
  dataset(id: string): string | null;
  chart(id: string): string | null;
}

function sectionOf(d: DatasetLog): Section['key'] {
  if (d.failed) return 'failed';
  if (d.change === 'changed') return 'changed';
  if (d.change === 'new') return 'new';
  if (d.change === 'removed') return 'removed';
  if (d.stale) return 'stale';
  if (d.freshness.status === 'overdue') return 'overdue';
  if (d.freshness.status === 'due') return 'due';
  return 'unchanged';
}

const HEADINGS: Record<Section['key'], keyof Words> = {
  failed: 'sectionFailed', changed: 'sectionChanged', new: 'sectionNew', stale: 'sectionStale', overdue: 'sectionOverdue',
  due: 'sectionDue', removed: 'sectionRemoved', indicators: 'sectionIndicators', charts: 'sectionCharts', unchanged: 'sectionUnchanged',
};
const ORDER: Section['key'][] = ['failed', 'changed', 'new', 'stale', 'overdue', 'due', 'removed', 'indicators', 'charts', 'unchanged'];

export function cycleSections(log: CycleLog, lang: Lang, links: Links): Section[] {
  const w = WORDS[lang];
  const items = new Map<Section['key'], SectionItem[]>(ORDER.map((k) => [k, []]));
  for (const d of log.datasets) {
    const key = sectionOf(d);
    const text = key === 'overdue' || key === 'due' ? freshnessWords(d, lang) : datasetWords(d, lang);
    items.get(key)!.push({ id: d.id, title: d.title[lang], href: links.dataset(d.id), text, examples: key === 'changed' ? revisedExamples(d, lang) : [] });
  }
  for (const i of log.indicators.filter(indicatorChanged)) {
    items.get('indicators')!.push({ id: i.chart, title: i.title[lang], href: links.chart(i.chart), text: indicatorWords(i, lang), examples: [] });
  }
  for (const c of log.charts) {
    items.get('charts')!.push({ id: c.id, title: c.title[lang], href: links.chart(c.id), text: c.reason, examples: [] });
  }
  const count = (n: number) => singular(fill(w.datasetCount, { n }), lang);
  return ORDER.filter((k) => items.get(k)!.length).map((key) => ({ key, heading: w[HEADINGS[key]], count: count(items.get(key)!.length), items: items.get(key)! }));
}
