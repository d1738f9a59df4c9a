// A cycle's change log in plain words ("2026-11-29 06:00 update: 3 datasets changed, 1 overdue"),
// for pages, feeds and CI summaries. Numbers and dates as each language's readers expect them.
import { fill, formatAsPeriod, formatCell, formatDate, formatPeriod } from './format.ts';
import { unitLabel } from '../catalog/index.ts';
import { periodOf, type Grain } from '../period.ts';
import { STRINGS } from './i18n.ts';
import type { Cadence, Lang, Localized, Value } from '../types.ts';
import { seoulDate, seoulMinute } from '../seoul-time.ts';
import type { CycleLog, DatasetLog, HistoryEntry, IndicatorLog } from '../cycle-log.ts';
import { WORDS, type Words } from './cycle-words.ts';

const num = (n: number, lang: Lang) => formatCell(n, lang);

/** English counts agree with their noun ("1 row added", "1 dataset failed"); Korean has no plural. */
export function singular(text: string, lang: Lang): string {
  return lang === 'en' ? text.replace(/(^|[^\d.,])1 (row|column|dataset|day|hour|minute|update|chart)s\b/g, '$11 $2') : text;
}

/** A day ("2026년 11월 29일", "29 November 2026"), or with the time for hourly data. */
export function when(iso: string | null, lang: Lang, cadence?: Cadence): string {
  if (!iso) return '';
  return cadence === 'hourly' ? formatDate(iso, lang) : formatDate(seoulDate(iso), lang);
}

export function lateWords(ms: number, lang: Lang): string {
  const w = WORDS[lang];
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return fill(w.late_minutes, { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return fill(w.late_hours, { n: hours });
  return fill(w.late_days, { n: num(Math.floor(hours / 24), lang) });
}

const cadenceWords = (c: Cadence, lang: Lang) => STRINGS[lang][`cadence_${c}`].toLowerCase();

function enFirst(kind: 'changed' | 'new' | 'failed' | 'overdue' | 'removed', n: number): string {
  const noun = n === 1 ? 'dataset' : 'datasets';
  return kind === 'new' ? `${n} new ${noun}` : `${n} ${noun} ${kind}`;
}

/** "데이터셋 3개 변경, 1개 지연" / "3 datasets changed, 1 overdue"; "변경 없음" / "no changes". */
export function cycleSummary(log: CycleLog, lang: Lang): string {
  const w = WORDS[lang];
  const c = log.counts;
  const parts: string[] = [];
  const kinds: Array<['changed' | 'new' | 'failed' | 'overdue' | 'removed', number, keyof Words]> = [
    ['changed', log.previous ? c.changed : 0, 'partChanged'],
    ['new', log.previous ? c.new : 0, 'partNew'],
    ['failed', c.failed, 'partFailed'],
    ['overdue', c.overdue, 'partOverdue'],
    ['removed', c.removed, 'partRemoved'],
  ];
  const first = log.previous ? null : fill(w.firstPublish, { n: c.datasets });
  if (first) parts.push(first);
  for (const [kind, n, key] of kinds) {
    if (!n) continue;
    if (parts.length === 0) parts.push(lang === 'en' ? enFirst(kind, n) : `${w.datasetsPrefix}${fill(w[key], { n })}`);
    else parts.push(fill(w[key], { n }));
  }
  if (c.chartsFailed) parts.push(fill(w.partChartsFailed, { n: c.chartsFailed }));
  return parts.length ? singular(parts.join(', '), lang) : w.noChanges;
}

/** "2026-11-29 06:00 업데이트: 데이터셋 3개 변경, 1개 지연". */
export function entryTitle(entry: HistoryEntry, lang: Lang): string {
  const w = WORDS[lang];
  if (entry.kind === 'rollback') return fill(w.rollbackTitle, { date: seoulMinute(entry.at), to: entry.to });
  return `${fill(w.update, { date: seoulMinute(entry.at) })}: ${cycleSummary(entry, lang)}`;
}

/** A value in words; key values (years, codes) without digit grouping. */
function value(v: Value, lang: Lang, key = false): string {
  if (v === null || v === undefined) return WORDS[lang].empty;
  return formatCell(v, lang, { key });
}

const title = (t: Localized | undefined, fallback: string, lang: Lang) => t?.[lang] ?? fallback;

function columnList(d: DatasetLog, names: string[], lang: Lang): string {
  return names.map((n) => title(d.columnTitles[n], n, lang)).join(', ');
}

/** What changed in the rows and columns: "행 12개 추가, 1개 수정(초미세먼지); 열 1개 추가(pm1); 2,552행 → 2,564행". */
export function diffWords(d: DatasetLog, lang: Lang): string {
  const w = WORDS[lang];
  const x = d.diff;
  const rows = () => d.rows.before === d.rows.after ? fill(w.rowCountSame, { n: num(d.rows.after ?? 0, lang) }) : fill(w.rowCount, { before: num(d.rows.before ?? 0, lang), after: num(d.rows.after ?? 0, lang) });
  if (!x) return `${w.contentChanged}; ${rows()}`;
  const rowParts: string[] = [];
  if (x.added) rowParts.push(fill(w.rowsAdded, { n: num(x.added, lang) }));
  if (x.removed) rowParts.push(fill(rowParts.length ? w.rowsRemoved : w.rowsRemovedFirst, { n: num(x.removed, lang) }));
  if (x.revised) {
    const cols = columnList(d, Object.keys(x.revisedByColumn), lang);
    rowParts.push(fill(rowParts.length ? w.rowsRevised : w.rowsRevisedFirst, { n: num(x.revised, lang), columns: cols }));
  }
  const colParts: string[] = [];
  const cx = x.columns;
  if (cx.added.length) colParts.push(fill(w.colsAdded, { n: cx.added.length, names: columnList(d, cx.added, lang) }));
  if (cx.removed.length) colParts.push(fill(w.colsRemoved, { n: cx.removed.length, names: columnList(d, cx.removed, lang) }));
  if (cx.retyped.length) colParts.push(fill(w.colsRetyped, { n: cx.retyped.length, names: cx.retyped.map((r) => `${title(d.columnTitles[r.column], r.column, lang)} ${r.before}→${r.after}`).join(', ') }));
  return singular([rowParts.join(', '), colParts.join(', '), rows()].filter(Boolean).join('; '), lang);
}

/** Up to `max` revised rows in words: "2026-11-20 · 종로구: 초미세먼지 20 → 22". */
export function revisedExamples(d: DatasetLog, lang: Lang, max = 3): string[] {
  const w = WORDS[lang];
  return (d.diff?.sample.revised ?? []).slice(0, max).map((r) => {
    const key = Object.values(r.key).map((v) => value(v, lang, true)).join(' · ');
    const changes = r.changes.map((c) => fill(w.exampleChange, { column: title(d.columnTitles[c.column], c.column, lang), before: value(c.before, lang), after: value(c.after, lang) }));
    return `${key}: ${changes.join(', ')}`;
  });
}

/** "; 12 rows rejected by validation": rows the source sent that are not on the site. */
function validationWords(d: DatasetLog, lang: Lang): string {
  const v = d.validation;
  if (!v || v.status !== 'ok' || !v.rejected) return '';
  return singular(`; ${fill(WORDS[lang].rejectedRows, { n: num(v.rejected, lang) })}`, lang);
}

/** The sentence for one dataset under its section of the cycle page. */
export function datasetWords(d: DatasetLog, lang: Lang): string {
  return `${contentWords(d, lang)}${d.change === 'changed' || d.change === 'new' ? validationWords(d, lang) : ''}`;
}

function contentWords(d: DatasetLog, lang: Lang): string {
  const w = WORDS[lang];
  const f = d.freshness;
  if (d.failed) {
    const failed = fill(w.failedLine, { stage: w[`stage_${d.failed.stage}`], reason: d.failed.reason });
    return d.stale ? `${failed}. ${fill(w.staleSince, { since: when(d.stale.since, lang) })}` : failed;
  }
  if (d.change === 'removed') return w.removedLine;
  if (d.change === 'unavailable') return w.unavailable;
  if (d.change === 'new') return singular(fill(w.newLine, { rows: num(d.rows.after ?? 0, lang) }), lang);
  if (d.change === 'changed') return diffWords(d, lang);
  if (d.stale) return fill(w.staleSource, { since: when(d.stale.since, lang) });
  if (f.status === 'overdue' || f.status === 'due') return freshnessWords(d, lang);
  return d.lastModified ? fill(w.unchangedModified, { date: when(new Date(Date.parse(d.lastModified)).toISOString(), lang) }) : fill(w.unchangedChanged, { date: when(d.changedAt, lang) });
}

/**
 * "expected by 30 November 2026, 2 days late (agreed cadence: daily)", and why when it is the data
 * that is behind: "; no data after 27 November 2026".
 */
export function freshnessWords(d: Pick<DatasetLog, 'freshness' | 'cadence'>, lang: Lang): string {
  const w = WORDS[lang];
  const f = d.freshness;
  const vars = { due: when(f.nextDue, lang, d.cadence), late: lateWords(f.lateByMs ?? 0, lang), cadence: cadenceWords(d.cadence, lang) };
  const line = singular(fill(f.status === 'overdue' ? w.overdueLine : w.dueLine, vars), lang);
  const p = f.basis === 'data' && f.period ? periodOf(f.period.latest, f.period.grain) : null;
  return p ? `${line}; ${fill(w.becauseData, { period: formatPeriod(p, lang) })}` : line;
}

function point(p: { time: string | number; value: number } | null, unit: string | null, lang: Lang, grain?: Grain | null): string {
  if (!p) return WORDS[lang].empty;
  // The unit in the reader's language (명 -> people), the time as the period it names (October 2026).
  const u = unit ? unitLabel(unit, lang).text : '';
  return `${formatCell(p.value, lang)}${u ? ` ${u}` : ''} (${grain ? formatAsPeriod(p.time, grain, lang, 'long') : formatDate(p.time, lang)})`;
}

/** "18.2 ㎍/㎥ (2026년 11월 27일) → 21 ㎍/㎥ (2026년 11월 28일)". */
export function indicatorWords(i: IndicatorLog, lang: Lang): string {
  const w = WORDS[lang];
  const same = i.before && i.after && i.before.value === i.after.value && i.before.time === i.after.time;
  if (same) return fill(w.indicatorSame, { after: point(i.after, i.unit, lang, i.grain) });
  if (!i.before) return fill(w.indicatorNew, { after: point(i.after, i.unit, lang, i.grain) });
  return fill(w.indicatorLine, { before: point(i.before, i.unit, lang, i.grain), after: point(i.after, i.unit, lang, i.grain) });
}

export const indicatorChanged = (i: IndicatorLog) => !(i.before && i.after && i.before.value === i.after.value && i.before.time === i.after.time);
