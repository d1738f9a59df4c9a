// What `citydash validate` and `citydash check` do before validating: fetch a dataset only when
// nothing is stored for it yet (a fresh clone) or what is stored was fetched for an extract
// section since edited. Validate itself never fetches (docs/architecture.md §10): in a cycle the
// fetch has just run, and fetching is extract's business.
import type { DatasetDescriptor } from '../types.ts';
import { extractFingerprint, fetchDataset, type FetchContext, type FetchResult } from './fetch-dataset.ts';
import { readRawEntry, type RawEntry } from './raw-cache.ts';

/** True when the stored input was fetched for this very extract section. */
export function storedFor(entry: RawEntry, ds: DatasetDescriptor): boolean {
  return ds.extract !== undefined && entry.spec === extractFingerprint(ds.extract, entry.fetch.sample);
}

/** The fetch's result when one was needed, else null (the stored input is current). */
export async function fetchIfMissing(ds: DatasetDescriptor, ctx: FetchContext): Promise<FetchResult | null> {
  const entry = await readRawEntry(ctx.work, ds.id);
  if (entry && storedFor(entry, ds)) return null;
  // Stored from an edited extract section: fetch again even when the cadence says not due.
  return fetchDataset(ds, ctx, { force: Boolean(entry) });
}
