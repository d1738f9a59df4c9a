// One dataset as the site shows it: metadata, columns, validation, provenance, downloads.
import type { DatasetDescriptor, SnapshotMeta, ValidationReport } from '../types.ts';
import { datasetDownloads } from './file-names.ts';
import { describeLicence } from './licences.ts';
import { feedbackUrl, paths, perLang, safeHref, absoluteUrl } from './links.ts';
import type { RejectionReason, SiteColumn, SiteDataset, SiteValidation } from './model-types.ts';

export interface DatasetContext {
  cycleId: string;
  /** Cycle of the last change of the data these datasets hold (for the feedback link). */
  dataCycle: (ids: string[]) => string;
  baseUrl: string | null;
  feedbackTemplate: string | null;
  repository: string | null;
}

const MAX_REASONS = 20;
const MAX_UNMATCHED = 20;

function summarizeValidation(meta: SnapshotMeta, report: ValidationReport | undefined): SiteValidation {
  const v = meta.validation;
  // The report's rejections are a bounded sample; group them so a reader sees "why" at a glance.
  const groups = new Map<string, RejectionReason>();
  for (const r of report?.rejections ?? []) {
    const key = `${r.rule}\0${r.column}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { rule: r.rule, column: r.column, count: 1, example: r.value === null ? '' : String(r.value), message: r.message });
  }
  return {
    status: v.status,
    rowsRead: v.rowsRead,
    valid: v.valid,
    rejected: v.rejected,
    duplicates: v.duplicates,
    districtsUnmatched: v.districtsUnmatched,
    unmatchedDistrictValues: Object.entries(v.unmatchedDistrictValues ?? {})
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, MAX_UNMATCHED),
    reasons: [...groups.values()].sort((a, b) => b.count - a.count).slice(0, MAX_REASONS),
    error: v.error ?? null,
  };
}

export function assembleDataset(
  ds: DatasetDescriptor,
  columns: SiteColumn[],
  meta: SnapshotMeta | undefined,
  report: ValidationReport | undefined,
  charts: string[],
  ctx: DatasetContext,
): SiteDataset {
  const path = perLang((lang) => paths.dataset(lang, ds.id));
  const feedback = perLang((lang) => feedbackUrl(ctx.feedbackTemplate, ctx.repository, {
    kind: 'dataset', id: ds.id, cycle: ctx.dataCycle([ds.id]), url: absoluteUrl(ctx.baseUrl, path[lang]), title: ds.title[lang],
  }) ?? '');
  const derived = ds.from && ds.sql ? { sql: ds.sql, from: ds.from } : meta?.derived ? { sql: meta.derived.sql, from: meta.derived.from } : null;
  return {
    id: ds.id,
    title: ds.title,
    description: ds.description,
    department: ds.department,
    licence: describeLicence(ds.licence),
    homepage: safeHref(ds.homepage),
    cadence: ds.update.every,
    columns,
    primaryKey: ds.primaryKey,
    available: Boolean(meta),
    rows: meta?.rows ?? 0,
    validation: meta ? summarizeValidation(meta, report) : null,
    fetch: meta?.fetch ?? null,
    hash: meta?.hash ?? null,
    schemaHash: meta?.schemaHash ?? null,
    sample: Boolean(meta?.fetch.sample),
    stale: meta?.stale ?? null,
    derived,
    downloads: meta ? datasetDownloads(ds.id, meta.hash, columns.map((c) => c.name)) : null,
    charts,
    path,
    feedback: feedback.ko && feedback.en ? feedback : null,
  };
}
