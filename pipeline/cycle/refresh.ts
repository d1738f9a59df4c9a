// Fetch and validate every source dataset of the cycle. One dataset failing never stops the
// others: it keeps its last good snapshot (local, else read back from the target), marked stale.
import { fetchDataset, isSourceDataset, maskSecrets } from '../extract/index.ts';
import type { Manifest, Target } from '../publish/index.ts';
import type { Catalog, FetchInfo, RunContext, SnapshotMeta, ValidationReport } from '../types.ts';
import { validate } from '../validate/index.ts';
import type { FetchOutcome } from '../cycle-log.ts';
import { carryOver, ensureSnapshot, writeMeta } from './snapshots.ts';

export interface SourceOutcome {
  id: string;
  outcome: FetchOutcome;
  /** This cycle's fetch (for not-due: the earlier fetch it relied on); null when skipped. */
  fetch: FetchInfo | null;
  report: ValidationReport | null;
  failed: { stage: 'fetch' | 'validate'; reason: string } | null;
  /** The snapshot now in the work dir (fresh or carried over); null when there is none. */
  meta: SnapshotMeta | null;
}

export interface RefreshOptions {
  force?: boolean;
  target: Target;
  /** The published state this cycle compares with. */
  base: Manifest | null;
  /** The live manifest (differs from base when this very cycle is being re-run). */
  live?: Manifest | null;
}

/**
 * A snapshot whose content equals the published one keeps the published fetch record (when and
 * how that content was obtained), so pages showing it stay byte-identical while nothing changes.
 * This cycle's own fetch outcome is kept in the change log instead.
 */
async function keepContentFetch(ctx: RunContext, meta: SnapshotMeta, published: Array<SnapshotMeta | undefined>): Promise<SnapshotMeta> {
  const same = published.find((p) => p?.fetch && p.hash === meta.hash);
  if (!same) return meta;
  const kept: SnapshotMeta = { ...meta, fetch: same.fetch };
  await writeMeta(ctx.work, kept);
  return kept;
}

export async function refreshSources(catalog: Catalog, ctx: RunContext, opts: RefreshOptions): Promise<SourceOutcome[]> {
  const { log } = ctx.effects;
  const now = ctx.effects.now();
  const secrets = [ctx.effects.env.SEOUL_API_KEY];
  const out: SourceOutcome[] = [];
  for (const ds of catalog.datasets.filter(isSourceDataset)) {
    const published = opts.base?.datasets[ds.id];
    const fail = async (stage: 'fetch' | 'validate', outcome: FetchOutcome, reason: string, fetch: FetchInfo | null, report: ValidationReport | null): Promise<SourceOutcome> => {
      const masked = maskSecrets(reason, secrets);
      // The page's "delayed since" notice says which step failed; the change log has the step apart.
      const meta = await carryOver(ctx.work, ds.id, published, opts.target, { reason: `${stage === 'fetch' ? 'fetch' : 'validation'} failed: ${masked}`, now });
      log.status(meta ? 'stale' : 'failed', ds.id, meta ? `${masked} (keeping last good data)` : masked);
      return { id: ds.id, outcome, fetch, report, failed: { stage, reason: masked }, meta };
    };
    try {
      if (ctx.only && !ctx.only.includes(ds.id)) {
        const meta = await ensureSnapshot(ctx.work, ds.id, published, opts.target);
        log.status('skipped', ds.id, 'not in --only');
        out.push({ id: ds.id, outcome: 'skipped', fetch: null, report: null, failed: null, meta });
        continue;
      }
      const fetched = await fetchDataset(ds, { ...ctx, allowHosts: catalog.settings.network?.allowHosts }, { force: opts.force });
      if (fetched.state === 'failed') {
        out.push(await fail('fetch', 'failed', fetched.fetch.error ?? 'unknown error', fetched.fetch, null));
        continue;
      }
      // Validate never fetches: it reads what the fetch above stored (or kept, when not due).
      const { report, meta } = await validate({ from: 'stored', dataset: ds, catalog }, { work: ctx.work }, ctx.effects);
      if (report.status !== 'ok' || !meta) {
        out.push(await fail('validate', fetched.state, report.error ?? `${report.rejected} rows rejected`, fetched.fetch, report));
        continue;
      }
      const kept = await keepContentFetch(ctx, meta, [opts.live?.datasets[ds.id]?.meta, published?.meta]);
      log.status(fetched.state, ds.id, `${report.valid.toLocaleString('en-US')} rows${report.rejected ? `, ${report.rejected.toLocaleString('en-US')} rejected` : ''}`);
      out.push({ id: ds.id, outcome: fetched.state, fetch: fetched.fetch, report, failed: null, meta: kept });
    } catch (err) {
      out.push(await fail('validate', 'failed', (err as Error).message ?? String(err), null, null));
    }
  }
  return out;
}
