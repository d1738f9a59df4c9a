// Validate one source dataset from what fetch stored, and store the snapshot. It never fetches
// (validate.ts): nothing stored, or stored for an extract section since edited, is a failed
// report saying so (the `validate` command fetches what is missing first, through extract's
// fetchIfMissing). A dataset's own failure comes back as a failed report (also written to
// reports/<id>.json); the previous snapshot is left untouched. A snapshot validated from the same input, descriptor,
// schema and code is reused rather than validated again (snapshot-reuse.ts).
import type { Catalog, DatasetDescriptor, FetchInfo, ValidationReport } from '../types.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { writeSnapshotMeta } from '../snapshot-store.ts';
import { maskSecrets, type RawEntry, readRawEntry, storedFor } from '../extract/index.ts';
import type { Effects } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { loadRowSchema } from './load-schema.ts';
import { ReportBuilder } from './report.ts';
import { codeFingerprint, VALIDATE_CODE, VALIDATE_LIBRARIES } from './code-fingerprint.ts';
import { fileDigest, type FileDigest } from './file-digest.ts';
import { schemaHash } from './schema-cache.ts';
import { readReuse, recordReuse, reusable, reuseKey, type ReuseRecord } from './snapshot-reuse.ts';
import { openFile, openSourceTable, sourceInputPath, type SourceTable } from './source-table.ts';
import { typedRecords } from './typed-records.ts';
import { validateRecords, type ValidationResult } from './validate-rows.ts';

export interface ValidateContext {
  work: WorkDir;
  effects: Effects;
}

/**
 * What fetch stored, validated and stored as the snapshot; the result's meta is null when the
 * dataset failed. `fetchFailure` is why the fetch that should have stored it failed, if it did.
 */
export async function validateStored(ds: DatasetDescriptor, catalog: Catalog, ctx: ValidateContext, fetchFailure?: string): Promise<ValidationResult> {
  let fetch: FetchInfo | undefined;
  try {
    const entry = await readRawEntry(ctx.work, ds.id);
    if (fetchFailure !== undefined) return await failed(ds, ctx, `nothing fetched yet, and fetching failed: ${fetchFailure}`);
    if (!entry) return await failed(ds, ctx, `nothing fetched yet: run \`citydash fetch ${ds.id}\` (or \`citydash validate\`, which fetches what is missing) first`);
    if (!storedFor(entry, ds)) return await failed(ds, ctx, `what is stored was fetched for an earlier extract section: run \`citydash fetch ${ds.id}\` again first`);
    fetch = entry.fetch;
    const reuse = await reuseState(ds, catalog, ctx, entry);
    if (reuse?.hit) return await reuseSnapshot(ds, ctx, reuse.hit, fetch);
    const source = await openSourceTable(ds, entry, catalog.root, ctx.work, ctx.effects.env);
    const result = await check(ds, catalog, ctx, source, fetch, true);
    if (reuse && result.meta && result.report.status === 'ok') {
      // Only an optimisation: a record that cannot be written means the next run validates again.
      await recordReuse(ctx.work, ds.id, reuse.key, { meta: result.meta, report: result.report }, reuse.inputs).catch(() => undefined);
    }
    return result;
  } catch (err) {
    return failed(ds, ctx, (err as Error).message);
  }
}

/**
 * Everything a validated snapshot depends on: the stored input (its file, and where it is read from),
 * the descriptor fields that read, map and check it, the row schema, and the code. Null when one
 * of them cannot be read (validation then runs and reports that problem as usual).
 */
async function reuseState(ds: DatasetDescriptor, catalog: Catalog, ctx: ValidateContext, entry: RawEntry): Promise<{ key: string; inputs: Record<string, FileDigest>; hit: ReuseRecord | null } | null> {
  try {
    const previous = await readReuse(ctx.work, ds.id);
    const path = (await sourceInputPath(ds, entry, catalog.root, ctx.work, ctx.effects.env)).real;
    // Hashed only once the file is seen rewritten (an API refetch with the same rows): a first
    // validation, as in a fresh work dir, does not read its input twice.
    const known = previous?.inputs[path];
    const input = await fileDigest(path, known, { hash: known !== undefined });
    if (!input) return null;
    const { mtimeMs: _m, size: _s, ...where } = entry.input as RawEntry['input'] & { mtimeMs?: number; size?: number };
    const key = reuseKey({
      kind: 'source',
      code: await codeFingerprint(VALIDATE_CODE, VALIDATE_LIBRARIES),
      schema: schemaHash(await loadRowSchema(catalog.root, ds)),
      descriptor: { id: ds.id, file: ds.file, extract: ds.extract, columns: ds.columns, district: ds.district, schema: ds.schema, primaryKey: ds.primaryKey, onInvalid: ds.onInvalid },
      catalogRoot: catalog.root,
      stored: { spec: entry.spec, input: where, source: entry.fetch.source, sample: entry.fetch.sample },
    });
    const inputs = { [path]: input };
    return { key, inputs, hit: await reusable(ctx.work, ds.id, previous, key, inputs) };
  } catch {
    // Only an optimisation: when its inputs cannot be read, validation runs and reports that problem.
    return null;
  }
}

/** Write the meta (with this fetch) and report exactly as validating the same input again would. */
async function reuseSnapshot(ds: DatasetDescriptor, ctx: ValidateContext, hit: ReuseRecord, fetch: FetchInfo): Promise<ValidationResult> {
  const meta = { ...hit.meta, fetch };
  await writeSnapshotMeta(ctx.work, meta);
  await writeFileAtomic(ctx.work.report(ds.id), `${JSON.stringify(hit.report, null, 2)}\n`);
  ctx.effects.log.debug(`[cached] ${ds.id}: input, descriptor, schema and code unchanged; ${meta.rows} validated rows reused`);
  return { report: hit.report, meta, cached: true };
}

/** `validate --file PATH --dataset ID`: check a file against a descriptor, storing nothing. */
export async function validateFile(ds: DatasetDescriptor, catalog: Catalog, path: string, where: string, ctx: ValidateContext): Promise<ValidationReport> {
  const fetch: FetchInfo = { outcome: 'fresh', source: where, fetchedAt: ctx.effects.now().toISOString(), sample: false };
  try {
    const source = await openFile(ds, path, where, true);
    return (await check(ds, catalog, ctx, source, fetch, false)).report;
  } catch (err) {
    return new ReportBuilder(ds.id).build('failed', mask(ctx, (err as Error).message));
  }
}

async function check(ds: DatasetDescriptor, catalog: Catalog, ctx: ValidateContext, source: SourceTable, fetch: FetchInfo, store: boolean): Promise<ValidationResult> {
  const schema = await loadRowSchema(catalog.root, ds);
  const typed = typedRecords(source.table, ds, source.where);
  return validateRecords(typed.batches, ds, schema, { work: ctx.work, effects: ctx.effects, fetch, store, fileLabel: source.where });
}

async function failed(ds: DatasetDescriptor, ctx: ValidateContext, message: string): Promise<ValidationResult> {
  const report = new ReportBuilder(ds.id).build('failed', mask(ctx, message));
  await writeFileAtomic(ctx.work.report(ds.id), `${JSON.stringify(report, null, 2)}\n`);
  return { report, meta: null };
}

function mask(ctx: ValidateContext, text: string): string {
  return maskSecrets(text, [ctx.effects.env.SEOUL_API_KEY]);
}
