// The change log between any two published cycles (`citydash diff`). Between a cycle and the one
// it was compared with, that is its stored change log. Otherwise the two cycles' manifests are
// compared: each changed dataset's snapshots are read back from the target and diffed by primary
// key (snapshots deleted after the grace period leave only the row counts), and the change logs
// of the cycles in between are listed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CitydashError, quote } from '../errors.ts';
import { cyclePath, manifestHistoryPath, readManifest, type Manifest } from '../publish/index.ts';
import type { Target } from '../publish/index.ts';
import type { Catalog, Logger } from '../types.ts';
import { countLog } from './changelog.ts';
import { diffSnapshots } from './diff.ts';
import { freshness } from './freshness.ts';
import type { CycleLog, DatasetLog, HistoryEntry } from '../cycle-log.ts';
import { downloadSnapshot, readHistory } from './target-state.ts';

export class DiffRangeError extends CitydashError {
  constructor(target: string, detail: string) {
    super(target, detail);
    this.name = 'DiffRangeError';
  }
}

export interface RangeLog extends CycleLog {
  /** The cycles from `previous` (exclusive) to `id` (inclusive), oldest first, as published. */
  between: HistoryEntry[];
  /** True when this is the stored change log of `id` itself. */
  stored: boolean;
}

async function manifestOf(target: Target, cycle: string, live: Manifest): Promise<Manifest> {
  if (cycle === live.cycle) return live;
  const got = await readManifest(target, manifestHistoryPath(cycle));
  if (!got) throw new DiffRangeError(target.name, `no published cycle ${quote(cycle)} (no ${manifestHistoryPath(cycle)}); recent cycles: ${live.cycles.slice(-5).reverse().join(', ')}`);
  return got.manifest;
}

/** Resolve --from/--to against the target's cycles: default the last one and the one before it. */
export function resolveRange(cycles: readonly string[], from?: string, to?: string): { from: string; to: string } | null {
  const last = to ?? cycles.at(-1);
  if (!last) return null;
  const i = cycles.indexOf(last);
  const before = from ?? (i > 0 ? cycles[i - 1] : undefined);
  return before ? { from: before, to: last } : null;
}

export async function diffCycles(target: Target, opts: { from?: string; to?: string; catalog?: () => Promise<Catalog | null>; log: Logger; sampleSize?: number }): Promise<RangeLog> {
  const live = (await readManifest(target))?.manifest;
  if (!live) throw new DiffRangeError(target.name, 'nothing has been published here yet');
  const range = resolveRange(live.cycles.length ? live.cycles : [live.cycle], opts.from, opts.to);
  if (!range) {
    // The first cycle has nothing before it: its own change log (a first publish) is the answer.
    const only = opts.to ?? live.cycle;
    const entry = await storedLog(target, only);
    if (entry?.kind === 'cycle') return { ...entry, between: [entry], stored: true };
    throw new DiffRangeError(target.name, `cycle ${quote(only)} has no earlier cycle to compare with`);
  }
  const { from, to } = range;
  if (from === to) throw new DiffRangeError(target.name, `--from and --to are both ${quote(from)}`);
  const order = live.cycles;
  const [a, b] = order.indexOf(from) > order.indexOf(to) && order.includes(to) ? [to, from] : [from, to];
  const between = order.includes(a) && order.includes(b) ? order.slice(order.indexOf(a) + 1, order.indexOf(b) + 1) : [b];
  const history = (await readHistory(target, between, opts.log)).reverse();
  const stored = history.find((h) => h.id === b);
  if (stored?.kind === 'cycle' && stored.previous === a) return { ...stored, between: history, stored: true };
  const [before, after] = [await manifestOf(target, a, live), await manifestOf(target, b, live)];
  const catalog = opts.catalog ? await opts.catalog() : null;
  return { ...(await compareManifests(target, before, after, stored?.kind === 'cycle' ? stored : null, { catalog, sampleSize: opts.sampleSize })), between: history, stored: false };
}

async function compareManifests(target: Target, before: Manifest, after: Manifest, log: CycleLog | null, opts: { catalog?: Catalog | null; sampleSize?: number }): Promise<CycleLog> {
  const tmp = await mkdtemp(join(tmpdir(), 'citydash-diff-'));
  const at = new Date(Date.parse(after.publishedAt) || Date.now());
  try {
    const datasets: DatasetLog[] = [];
    for (const id of [...new Set([...Object.keys(after.datasets), ...Object.keys(before.datasets)])].sort()) {
      const x = before.datasets[id];
      const y = after.datasets[id];
      const known = log?.datasets.find((d) => d.id === id);
      const ds = opts.catalog?.datasets.find((d) => d.id === id);
      const cadence = ds?.update.every ?? known?.cadence ?? 'daily';
      const entry: DatasetLog = {
        id,
        title: ds?.title ?? known?.title ?? { ko: id, en: id },
        department: ds ? { ko: ds.department.ko, en: ds.department.en } : (known?.department ?? { ko: '', en: '' }),
        cadence,
        primaryKey: ds?.primaryKey ?? known?.primaryKey ?? [],
        derived: Boolean(y?.meta.derived ?? x?.meta.derived),
        change: !y ? 'removed' : !x ? 'new' : x.meta.hash === y.meta.hash ? 'unchanged' : 'changed',
        fetch: null,
        validation: y ? { ...y.meta.validation } : null,
        failed: null,
        stale: y?.meta.stale ?? null,
        rows: { before: x?.meta.rows ?? null, after: y?.meta.rows ?? null },
        diff: null,
        freshness: known?.freshness ?? freshness({ every: cadence, changedAt: y?.changedAt ?? null, lastModified: y?.meta.fetch?.lastModified }, at),
        changedAt: y?.changedAt ?? null,
        lastModified: y?.meta.fetch?.lastModified ?? null,
        columnTitles: known?.columnTitles ?? {},
      };
      if (x && y && entry.change === 'changed') {
        try {
          const rb = join(tmp, `${id}.before.ndjson`);
          const ra = join(tmp, `${id}.after.ndjson`);
          await downloadSnapshot(target, x.snapshot, x.meta.hash, rb);
          await downloadSnapshot(target, y.snapshot, y.meta.hash, ra);
          const d = await diffSnapshots({ rows: rb, meta: x.meta }, { rows: ra, meta: y.meta }, entry.primaryKey, { sampleSize: opts.sampleSize ?? 10 });
          entry.diff = { added: d.rows.added, removed: d.rows.removed, revised: d.rows.revised, revisedByColumn: d.revisedByColumn, columns: d.columns, sample: d.sample, warnings: d.warnings };
          if (ds) for (const c of [...Object.keys(d.revisedByColumn), ...d.columns.added, ...d.columns.removed, ...ds.primaryKey]) entry.columnTitles[c] ??= ds.columns[c]?.title ?? { ko: c, en: c };
        } catch {
          // Snapshot gone from the target: the row counts above are all that can be said.
        }
      }
      datasets.push(entry);
    }
    return {
      kind: 'cycle', version: 1, id: after.cycle, at: at.toISOString(), previous: before.cycle,
      counts: countLog(datasets, 0), datasets, indicators: [], charts: [], problems: [],
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The stored change log of one cycle (for `citydash diff --to X` of a first publish, say). */
export async function storedLog(target: Target, cycle: string): Promise<HistoryEntry | null> {
  const got = await target.get(cyclePath(cycle));
  if (!got) return null;
  try {
    return JSON.parse(new TextDecoder().decode(got.body)) as HistoryEntry;
  } catch {
    // Unreadable is as good as absent here: the caller then says the cycle has nothing to compare with.
    return null;
  }
}
