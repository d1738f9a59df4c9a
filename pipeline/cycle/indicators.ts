// Per chart indicator: the latest value before and after this cycle, read from the published
// snapshot and the new one with the same code that draws the home-page cards.
import { computeIndicator, readRows, siteColumns } from '../site/index.ts';
import type { Catalog, Logger, SnapshotMeta } from '../types.ts';
import type { IndicatorLog, IndicatorPoint } from '../cycle-log.ts';

export interface IndicatorSides {
  /** The new snapshot's rows file and meta, if the dataset has data. */
  after(id: string): { rows: string; meta: SnapshotMeta } | null;
  /** The published snapshot's rows (null on a first publish or when unreadable). */
  before(id: string): Promise<{ rows: string; meta: SnapshotMeta } | null>;
  /** True when the content did not change (then before equals after and is not re-read). */
  unchanged(id: string): boolean;
}

export async function indicatorChanges(catalog: Catalog, sides: IndicatorSides, log: Logger): Promise<IndicatorLog[]> {
  const out: IndicatorLog[] = [];
  const byId = new Map(catalog.datasets.map((d) => [d.id, d]));
  for (const chart of catalog.charts) {
    const spec = chart.indicator;
    const ds = spec ? byId.get(spec.dataset) : undefined;
    if (!spec || !ds) continue;
    const point = async (side: { rows: string; meta: SnapshotMeta } | null): Promise<IndicatorPoint | null> => {
      if (!side) return null;
      try {
        const ind = await computeIndicator(chart, siteColumns(ds, {}, side.meta), readRows(side.rows), ds.time);
        return ind ? { time: ind.time, value: ind.value } : null;
      } catch (err) {
        log.debug(`${chart.id}: indicator not computed (${(err as Error).message})`);
        return null;
      }
    };
    const after = await point(sides.after(ds.id));
    const before = sides.unchanged(ds.id) ? after : await point(await sides.before(ds.id));
    const column = ds.columns[spec.value];
    out.push({
      chart: chart.id,
      title: chart.title,
      dataset: ds.id,
      column: spec.value,
      columnTitle: column?.title ?? { ko: spec.value, en: spec.value },
      unit: column?.unit ?? null,
      grain: ds.time && (!spec.time || !ds.time.column || spec.time === ds.time.column) ? ds.time.grain : null,
      before,
      after,
    });
  }
  return out;
}
