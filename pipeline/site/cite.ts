// "How to cite": a chart or dataset as a reference a journalist, a student or a council report can
// paste, in plain text and as BibTeX. It names the cycle whose data the page shows (the same
// stable cycle the feedback links carry), so a citation points at figures that can be found
// again in the change log, and the data date, so a reader knows how old the figures were.
import type { Lang } from '../types.ts';

export interface CiteInput {
  kind: 'chart' | 'dataset';
  id: string;
  lang: Lang;
  title: string;
  /** The departments that publish the data (corporate authors). */
  authors: string[];
  siteTitle: string;
  /** Cycle id of the data shown (`2026-11-28T2100Z`). */
  cycle: string;
  /** Data date, `yyyy-MM-dd` (Seoul), or null when unknown. */
  dataDate: string | null;
  /** Absolute page URL; null without a baseUrl (a relative link cites nothing). */
  url: string | null;
  licence: string;
}

export interface Citation {
  text: string;
  bibtex: string;
}

const WORDS: Record<Lang, { chart: string; dataset: string; cycle: string; dataAsOf: string; licence: string; and: string }> = {
  ko: { chart: '차트', dataset: '데이터셋', cycle: '주기', dataAsOf: '데이터 기준일', licence: '이용허락', and: '·' },
  en: { chart: 'chart', dataset: 'dataset', cycle: 'cycle', dataAsOf: 'data as of', licence: 'Licence', and: '; ' },
};

/** The year a cycle was published (cycle ids start with the UTC date; Seoul's year is the same but for 9 hours on 31 Dec). */
function cycleYear(cycle: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})/.exec(cycle);
  if (!m) return '';
  const seoul = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]) + 9));
  return String(seoul.getUTCFullYear());
}

export function citation(c: CiteInput): Citation {
  const w = WORDS[c.lang];
  const authors = c.authors.length ? c.authors : [c.siteTitle];
  const year = cycleYear(c.cycle);
  const parts = [
    `${authors.join(w.and)} (${year}).`,
    `${c.title} [${w[c.kind]}].`,
    `${c.siteTitle}, ${w.cycle} ${c.cycle}${c.dataDate ? `, ${w.dataAsOf} ${c.dataDate}` : ''}.`,
    `${w.licence}: ${c.licence}.`,
    ...(c.url ? [c.url] : []),
  ];
  const fields: Array<[string, string]> = [
    // Corporate authors are double-braced so BibTeX never reads them as "Last, First".
    ['author', authors.map((a) => `{${bibEscape(a)}}`).join(' and ')],
    ['title', `{${bibEscape(c.title)}}`],
    ['howpublished', bibEscape(c.siteTitle)],
    ['year', year],
    ['version', bibEscape(c.cycle)],
    ['note', bibEscape([`${w[c.kind]} ${c.id}`, `${w.cycle} ${c.cycle}`, ...(c.dataDate ? [`${w.dataAsOf} ${c.dataDate}`] : []), `${w.licence} ${c.licence}`].join('; '))],
    ...(c.url ? ([['url', c.url]] as Array<[string, string]>) : []),
  ];
  const width = Math.max(...fields.map(([k]) => k.length));
  const key = `citydash:${c.kind}:${c.id}:${c.cycle}`.replace(/[^A-Za-z0-9:_-]/g, '-');
  const bibtex = `@misc{${key},\n${fields.map(([k, v]) => `  ${k.padEnd(width)} = {${v}}`).join(',\n')}\n}`;
  return { text: parts.join(' '), bibtex };
}

/**
 * Text safe inside a BibTeX brace group: the characters LaTeX treats specially are escaped, and
 * braces (which could end the field early) and backslashes are written as their LaTeX commands.
 */
export function bibEscape(s: string): string {
  return s
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/[\\{}%&$#_^~]/g, (ch) => ({
      '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '%': '\\%', '&': '\\&', $: '\\$', '#': '\\#', _: '\\_', '^': '\\^{}', '~': '\\~{}',
    })[ch]!);
}
