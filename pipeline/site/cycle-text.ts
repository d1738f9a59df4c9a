// A change log as Markdown (the CI step summary, `citydash diff --format markdown`) and as plain
// text (`citydash diff`). Same words as the site, in one language (English by default: CI logs).
import { formatCell } from './format.ts';
import type { Lang } from '../types.ts';
import { entryTitle } from './cycle-describe.ts';
import type { CycleLog, DatasetLog, HistoryEntry } from '../cycle-log.ts';
import { cycleSections, type Links } from './cycle-sections.ts';
import { WORDS } from './cycle-words.ts';

const NO_LINKS: Links = { dataset: () => null, chart: () => null };

/** Text inside a Markdown table cell: no pipes or line breaks to break the row. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function inline(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]<>])/g, '\\$1');
}

function changeCell(d: DatasetLog): string {
  if (d.failed) return `failed (${d.failed.stage})`;
  if (d.change !== 'changed' || !d.diff) return d.change;
  const x = d.diff;
  const cols = x.columns.added.length + x.columns.removed.length + x.columns.retyped.length;
  return `+${x.added} −${x.removed} ~${x.revised}${cols ? `; ${cols} column${cols === 1 ? '' : 's'}` : ''}`;
}

function rowsCell(d: DatasetLog, lang: Lang): string {
  const n = (v: number | null) => (v === null ? '–' : formatCell(v, lang));
  return d.rows.before === d.rows.after ? n(d.rows.after) : `${n(d.rows.before)} → ${n(d.rows.after)}`;
}

function freshnessCell(d: DatasetLog): string {
  const stale = d.stale ? `stale since ${d.stale.since.slice(0, 10)}` : '';
  return [d.freshness.status, stale].filter(Boolean).join(', ');
}

export function cycleMarkdown(entry: HistoryEntry, opts: { lang?: Lang; heading?: string } = {}): string {
  const lang = opts.lang ?? 'en';
  const h = opts.heading ?? '##';
  const title = entryTitle(entry, lang);
  if (entry.kind === 'rollback') return `${h} ${inline(title)}\n`;
  const w = WORDS[lang];
  const out: string[] = [`${h} ${inline(title)}`, ''];
  out.push(`Cycle \`${entry.id}\`${entry.previous ? `, compared with \`${entry.previous}\`` : ' (first publish)'}.`, '');
  out.push('| Dataset | Fetch | Change | Rows | Freshness |', '|---|---|---|---|---|');
  for (const d of entry.datasets) {
    const fetch = d.fetch ? w[`outcome_${d.fetch.outcome}`] : '–';
    out.push(`| ${cell(d.id)} | ${cell(fetch)} | ${cell(changeCell(d))} | ${cell(rowsCell(d, lang))} | ${cell(freshnessCell(d))} |`);
  }
  for (const s of cycleSections(entry, lang, NO_LINKS).filter((x) => x.key !== 'unchanged')) {
    out.push('', `${h}# ${inline(s.heading)}`, '');
    for (const item of s.items) {
      out.push(`- **${inline(item.title)}** (\`${item.id}\`): ${inline(item.text)}`);
      for (const ex of item.examples) out.push(`  - ${inline(ex)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function cycleText(entry: HistoryEntry, opts: { lang?: Lang } = {}): string {
  const lang = opts.lang ?? 'en';
  const lines = [entryTitle(entry, lang)];
  if (entry.kind === 'rollback') return `${lines[0]}\n`;
  lines.push(lang === 'ko'
    ? `업데이트 ${entry.id}${entry.previous ? ` (${entry.previous}와 비교)` : ' (첫 게시)'}`
    : `cycle ${entry.id}${entry.previous ? ` (compared with ${entry.previous})` : ' (first publish)'}`);
  for (const s of cycleSections(entry, lang, NO_LINKS)) {
    lines.push('', s.heading);
    for (const item of s.items) {
      lines.push(`  ${item.id}  ${item.title}: ${item.text}`);
      for (const ex of item.examples) lines.push(`      ${ex}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `citydash diff` between cycles that are not neighbours: the comparison, then each update in between. */
export function rangeText(log: CycleLog & { between: HistoryEntry[]; stored: boolean }, opts: { lang?: Lang } = {}): string {
  if (log.stored) return cycleText(log, opts);
  const lang = opts.lang ?? 'en';
  const head = lang === 'ko' ? `${log.previous} → ${log.id} 비교 (업데이트 ${log.between.length}번)` : `Changes from ${log.previous} to ${log.id} (${log.between.length} updates)`;
  const lines = [head, ...log.between.map((h) => `  ${h.id}  ${entryTitle(h, lang)}`), ''];
  return `${lines.join('\n')}${cycleText(log, opts).split('\n').slice(2).join('\n')}`;
}

export function rangeMarkdown(log: CycleLog & { between: HistoryEntry[]; stored: boolean }, opts: { lang?: Lang } = {}): string {
  if (log.stored) return cycleMarkdown(log, opts);
  const lang = opts.lang ?? 'en';
  const head = lang === 'ko' ? `## \`${log.previous}\` → \`${log.id}\` 비교` : `## Changes from \`${log.previous}\` to \`${log.id}\``;
  const updates = log.between.map((h) => `- \`${h.id}\`: ${inline(entryTitle(h, lang))}`);
  const body = cycleMarkdown(log, { lang, heading: '##' }).split('\n').slice(2).join('\n');
  return `${head}\n\n${updates.join('\n')}\n\n${body}`;
}
