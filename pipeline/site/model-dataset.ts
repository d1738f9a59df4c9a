// One dataset as the site shows it: metadata, columns, validation, provenance, downloads.
import type { DatasetContact, DatasetDescriptor, SnapshotMeta, ValidationReport } from '../types.ts';
import { LANGS } from '../types.ts';
import { citation } from './cite.ts';
import { feedbackLinks } from './feedback-links.ts';
import { datasetDownloads } from './file-names.ts';
import { describeLicence } from './licences.ts';
import { paths, perLang, safeHref, absoluteUrl } from './links.ts';
import { pageKeywords, type PageContext } from './model-chart.ts';
import type { PerLang, RejectionReason, SiteColumn, SiteContact, SiteDataset, SiteFeedbackLinks, SitePeriod, SiteValidation } from './model-types.ts';

export type DatasetContext = PageContext;

function siteContact(c: DatasetContact | undefined): SiteContact | null {
  if (!c) return null;
  // The schema admits only plain addresses; checked again here since the page writes mailto:<address>.
  const email = c.email && /^[^\s@<>"'(),;:\\?&#%]+@[A-Za-z0-9.-]+$/.test(c.email) ? c.email : null;
  const url = safeHref(c.url);
  const phone = c.phone && /^\+?[0-9][0-9 -]{1,24}$/.test(c.phone) ? c.phone : null;
  return email || url || phone ? { office: c.office, phone, email, url: url && /^https?:/.test(url) ? url : null } : null;
}

const MAX_REASONS = 20;
const MAX_UNMATCHED = 20;

function summarizeValidation(meta: SnapshotMeta, report: ValidationReport | undefined, labels: Readonly<Record<string, string>> | undefined): SiteValidation {
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
      .map(([value, count]) => ({ value, count, en: labels && Object.hasOwn(labels, value) ? labels[value]! : null }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, MAX_UNMATCHED),
    reasons: [...groups.values()].sort((a, b) => b.count - a.count).slice(0, MAX_REASONS),
    error: v.error ?? null,
  };
}

export function assembleDataset(
  ds: DatasetDescriptor,
  columns: SiteColumn[],
  period: SitePeriod | null,
  meta: SnapshotMeta | undefined,
  report: ValidationReport | undefined,
  charts: string[],
  ctx: DatasetContext,
): SiteDataset {
  const path = perLang((lang) => paths.dataset(lang, ds.id));
  const dataCycle = ctx.dataCycle([ds.id]);
  const dataDate = ctx.dataDate([ds.id]);
  const licence = describeLicence(ds.licence);
  const links = {} as PerLang<SiteFeedbackLinks>;
  const cite = {} as SiteDataset['cite'];
  for (const lang of LANGS) {
    const l = feedbackLinks(ctx.settings, { kind: 'dataset', id: ds.id, cycle: dataCycle, date: dataDate, url: absoluteUrl(ctx.baseUrl, path[lang]), title: ds.title[lang] }, lang);
    if (l) links[lang] = l;
    cite[lang] = citation({
      kind: 'dataset', id: ds.id, lang, title: ds.title[lang], authors: [ds.department[lang]], siteTitle: ctx.settings.siteTitle[lang],
      cycle: dataCycle, dataDate, url: ctx.baseUrl ? absoluteUrl(ctx.baseUrl, path[lang]) : null, licence: licence.title[lang],
    });
  }
  const derived = ds.from && ds.sql ? { sql: ds.sql, from: ds.from } : meta?.derived ? { sql: meta.derived.sql, from: meta.derived.from } : null;
  return {
    id: ds.id,
    title: ds.title,
    description: ds.description,
    department: ds.department,
    licence,
    homepage: safeHref(ds.homepage),
    cadence: ds.update.every,
    time: ds.time ? { column: ds.time.column ?? null, grain: ds.time.grain } : null,
    period,
    checkedAt: meta && !derived ? meta.fetch.fetchedAt : null,
    columns,
    primaryKey: ds.primaryKey,
    available: Boolean(meta),
    rows: meta?.rows ?? 0,
    validation: meta ? summarizeValidation(meta, report, ds.district ? ds.columns[ds.district.from]?.labels : undefined) : null,
    fetch: meta?.fetch ?? null,
    hash: meta?.hash ?? null,
    schemaHash: meta?.schemaHash ?? null,
    sample: Boolean(meta?.fetch.sample),
    stale: meta?.stale ?? null,
    derived,
    downloads: meta ? datasetDownloads(ds.id, meta.hash, columns.map((c) => c.name)) : null,
    charts,
    path,
    contact: siteContact(ds.contact),
    keywords: pageKeywords(ds.keywords),
    dataCycle,
    dataDate,
    feedback: { links: links.ko && links.en ? links : null, items: ctx.feedbackAbout('dataset', ds.id) },
    cite,
  };
}
