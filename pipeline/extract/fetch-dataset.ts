// Extract for one dataset: decide whether it is due, get its bytes (network, local file or
// bundled sample), keep them in the raw cache and say what happened. Never throws for a
// dataset's own trouble: the result says `failed` with a message (API key masked).
import { stat } from 'node:fs/promises';
import { basename, dirname, normalize, relative, resolve, sep } from 'node:path';
import { dataFoldersFrom, resolveCatalogPath } from '../catalog/index.ts';
import type { DatasetDescriptor, Effects, ExtractSpec, FetchInfo } from '../types.ts';
import type { WorkDir } from '../workdir.ts';
import { isDue } from './cadence.ts';
import { httpGet } from './http.ts';
import { maskSecrets, MASK } from './mask.ts';
import { netPolicyFrom } from './net-policy.ts';
import { readRawEntry, storeBody, storeRecords, writeRawEntry, type RawEntry, type RawInput } from './raw-cache.ts';
import { fetchSeoulOpenApi, resolveSeoulBaseUrl, SEOUL_MAX_PAGE } from './seoul-openapi.ts';
import { answerQuote, isHtmlAnswer } from '../answer-text.ts';
import { canonicalJson } from '../canonical-json.ts';
import { CitydashError } from '../errors.ts';

export interface FetchContext {
  catalogRoot: string;
  work: WorkDir;
  /** No network: `file` sources are read, network sources use their bundled sample. */
  offline: boolean;
  effects: Effects;
  /** citydash.yaml's `network.allowHosts`: internal hosts network sources may reach. */
  allowHosts?: readonly string[];
}

export interface FetchOptions {
  /** Ignore the cadence: fetch even when not due. */
  force?: boolean;
}

export interface FetchResult {
  dataset: string;
  state: FetchInfo['outcome'];
  /** For `not-due` the previous fetch; for `failed` the attempt (outcome failed, error set). */
  fetch: FetchInfo;
}

export class ExtractError extends CitydashError {
  constructor(where: string, detail: string) {
    super(where, detail);
    this.name = 'ExtractError';
  }
}

/** What a stored fetch was made from; a descriptor whose extract changed must be fetched again. */
export function extractFingerprint(spec: ExtractSpec, sample: boolean): string {
  return canonicalJson({ extract: spec, sample });
}

/** Datasets with something to fetch (derived datasets are built by transform instead). */
export function isSourceDataset(ds: DatasetDescriptor): boolean {
  return Boolean(ds.extract) && !ds.sql;
}

export async function fetchDataset(ds: DatasetDescriptor, ctx: FetchContext, opts: FetchOptions = {}): Promise<FetchResult> {
  const { effects } = ctx;
  const key = effects.env.SEOUL_API_KEY;
  const now = effects.now();
  try {
    const spec = ds.extract;
    if (!spec || ds.sql) throw new ExtractError(ds.file, 'has no extract section (derived datasets are built by transform)');
    const useSample = readsSample(spec, ctx, key);
    // Recorded as sample data: a network source read from its sample, or a file source pointing at its sample.
    const sample = useSample || readsBundledSample(spec);
    const fingerprint = extractFingerprint(spec, sample);
    const prev = await readRawEntry(ctx.work, ds.id);
    if (!opts.force && prev && prev.spec === fingerprint && !isDue(prev.fetch.fetchedAt, ds.update.every, now)) {
      return { dataset: ds.id, state: 'not-due', fetch: prev.fetch };
    }
    const got = useSample
      ? await localInput(ds, ctx, spec.sample, 'extract.sample', 'sample', prev)
      : spec.kind === 'file'
        ? await localInput(ds, ctx, spec.path, 'extract.path', 'file', prev)
        : spec.kind === 'http'
          ? await httpInput(ds, ctx, spec, prev)
          : await seoulInput(ds, ctx, spec, now);
    const fetch: FetchInfo = {
      outcome: got.outcome, source: got.source, fetchedAt: now.toISOString(), sample,
      ...(got.etag ? { etag: got.etag } : {}), ...(got.lastModified ? { lastModified: got.lastModified } : {}),
    };
    await writeRawEntry(ctx.work, ds.id, { fetch, input: got.input, spec: fingerprint });
    return { dataset: ds.id, state: fetch.outcome, fetch };
  } catch (err) {
    const error = maskSecrets((err as Error).message ?? String(err), [key]);
    return {
      dataset: ds.id,
      state: 'failed',
      fetch: { outcome: 'failed', source: sourceHint(ds, ctx, key), fetchedAt: now.toISOString(), sample: false, error },
    };
  }
}

interface Got {
  outcome: 'fresh' | 'not-modified' | 'sample';
  source: string;
  input: RawInput;
  etag?: string;
  lastModified?: string;
}

/** A `file` source whose path is its own bundled sample is sample data too, and is labelled so. */
function readsBundledSample(spec: ExtractSpec): boolean {
  return spec.kind === 'file' && Boolean(spec.sample) && normalize(spec.sample!) === normalize(spec.path ?? '');
}

/** A file source or a bundled sample: read in place, "not-modified" when size and mtime match. */
async function localInput(ds: DatasetDescriptor, ctx: FetchContext, path: string | undefined, field: string, what: 'file' | 'sample', prev: RawEntry | null): Promise<Got> {
  if (!path) {
    const why = what === 'sample' ? `offline (no SEOUL_API_KEY or --offline) and ${field} is not set; add a bundled sample or set SEOUL_API_KEY` : `${field} is required for kind file`;
    throw new ExtractError(ds.file, why);
  }
  // The catalog's path rule again, where the file is opened: check refused it, so it is never read.
  const { real: abs, shown } = await catalogInputPath(ds, ctx.catalogRoot, path, field, ctx.effects.env);
  let info;
  try {
    info = await stat(abs);
  } catch (err) {
    throw new ExtractError(ds.file, `${field} ${JSON.stringify(path)}: ${(err as Error).message}`);
  }
  const input: RawInput = { kind: 'path', path: abs, mtimeMs: info.mtimeMs, size: info.size };
  const same = prev?.input.kind === 'path' && prev.input.path === abs && prev.input.mtimeMs === info.mtimeMs && prev.input.size === info.size;
  const outcome = what === 'sample' ? 'sample' : same ? 'not-modified' : 'fresh';
  return { outcome, source: shown, input, lastModified: info.mtime.toUTCString() };
}

async function httpInput(ds: DatasetDescriptor, ctx: FetchContext, spec: ExtractSpec, prev: RawEntry | null): Promise<Got> {
  if (!spec.url) throw new ExtractError(ds.file, 'extract.url is required for kind http');
  const cached = prev && !prev.fetch.sample && prev.input.kind === 'body' ? prev : null;
  const res = await httpGet(spec.url, {
    timeoutMs: spec.timeoutMs, maxBytes: spec.maxBytes, etag: cached?.fetch.etag, lastModified: cached?.fetch.lastModified,
    secrets: [ctx.effects.env.SEOUL_API_KEY], network: netPolicyFrom(ctx.effects.env, ctx.allowHosts),
  }, ctx.effects);
  if (res.status === 304 && cached) {
    return { outcome: 'not-modified', source: res.url, input: cached.input, etag: res.etag ?? cached.fetch.etag, lastModified: res.lastModified ?? cached.fetch.lastModified };
  }
  if (!res.body) throw new ExtractError(res.url, `answered ${res.status} without a body although no cached copy was offered`);
  const contentType = res.headers.get('content-type');
  if (isHtmlAnswer(res.body, contentType)) {
    // A login or error page is not data: one short line, not the page quoted as its "headers".
    const expected = spec.format ? spec.format.toUpperCase() : 'data';
    throw new ExtractError(res.url, `the server answered with an HTML page (a login or error page?) instead of ${expected}: ${answerQuote(res.body, contentType, 80)}`);
  }
  const file = await storeBody(ctx.work, ds.id, res.body);
  const name = basename(new URL(spec.url).pathname) || 'body';
  return { outcome: 'fresh', source: res.url, input: { kind: 'body', file, name }, etag: res.etag, lastModified: res.lastModified };
}

async function seoulInput(ds: DatasetDescriptor, ctx: FetchContext, spec: ExtractSpec, now: Date): Promise<Got> {
  const key = ctx.effects.env.SEOUL_API_KEY ?? '';
  const table = await fetchSeoulOpenApi(spec, { key, now, http: { network: netPolicyFrom(ctx.effects.env, ctx.allowHosts) } }, ctx.effects);
  const { file, rows } = await storeRecords(ctx.work, ds.id, table);
  ctx.effects.log.debug(`${ds.id}: ${rows} rows from ${spec.service}`);
  return { outcome: 'fresh', source: seoulDisplayUrl(spec, ctx.effects.env), input: { kind: 'records', file, rows } };
}

/** The service URL as it may be shown anywhere: key masked, paging left as a range. */
function seoulDisplayUrl(spec: ExtractSpec, env: Effects['env']): string {
  const base = resolveSeoulBaseUrl(spec, {}, env);
  const params = (spec.params ?? []).map((p) => `/${p}`).join('');
  return `${base}/${MASK}/json/${spec.service}/1/${SEOUL_MAX_PAGE}${params}`;
}

/** What a failed fetch was trying to read, for the record. */
function sourceHint(ds: DatasetDescriptor, ctx: FetchContext, key: string | undefined): string {
  const spec = ds.extract;
  if (!spec) return ds.file;
  const local = readsSample(spec, ctx, key) ? spec.sample : spec.kind === 'file' ? spec.path : undefined;
  if (local) return displayPath(ctx.catalogRoot, descriptorPath(ctx.catalogRoot, ds, local));
  if (spec.kind === 'http' && spec.url) return maskSecrets(spec.url, [key]);
  if (spec.kind === 'seoul-openapi') {
    try {
      return seoulDisplayUrl(spec, ctx.effects.env);
    } catch {
      // A broken base URL: the fetch's own error says why; this is only the record's hint.
      return `seoul-openapi ${spec.service ?? '(no service)'}`;
    }
  }
  return ds.file;
}

/**
 * A network source reads its bundled sample with `--offline`; a Seoul Open API source also when
 * no key is set, since it cannot be asked without one. Other HTTP sources are fetched without a
 * key: another city's catalog has no Seoul key and must still reach its own servers.
 */
export function readsSample(spec: ExtractSpec, ctx: Pick<FetchContext, 'offline'>, key: string | undefined): boolean {
  if (spec.kind === 'file') return false;
  return ctx.offline || (spec.kind === 'seoul-openapi' && !key);
}

/** extract paths are relative to the descriptor's folder (absolute only inside CITYDASH_DATA_FOLDERS). */
export function descriptorPath(catalogRoot: string, ds: DatasetDescriptor, path: string): string {
  return resolve(catalogRoot, dirname(ds.file), path);
}

/**
 * The real path of a file an extract section names (`extract.path` or `extract.sample`), after
 * the catalog's path rule; throws an ExtractError saying why it may not be read.
 */
export async function catalogInputPath(ds: DatasetDescriptor, catalogRoot: string, path: string, field: string, env: Effects['env']): Promise<{ real: string; shown: string }> {
  const verdict = await resolveCatalogPath({
    root: catalogRoot,
    base: resolve(catalogRoot, dirname(ds.file)),
    value: path,
    what: field,
    dataFolders: field === 'extract.path' ? dataFoldersFrom(env) : [],
  });
  if (!verdict.ok) throw new ExtractError(ds.file, verdict.message);
  return verdict;
}

/** Catalog-relative when inside the catalog (no machine paths in reports), else absolute. */
export function displayPath(catalogRoot: string, abs: string): string {
  const rel = relative(catalogRoot, abs);
  return rel && !rel.startsWith('..') && !rel.startsWith(sep) ? rel.split(sep).join('/') : abs;
}
