// Issue titles, bodies and comments are written by anyone on the internet. The site shows them
// as plain text only: Markdown and HTML are reduced to their words (a link keeps its text and
// loses its target, so no `javascript:` or lookalike link can ever be rendered), invisible and
// direction-changing characters go, and every text is capped. Templates still escape the result.

/** Characters that are never shown: controls (except newline), bidi overrides, zero-width marks. */
const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

/**
 * Markdown or HTML as the words a reader sees, on one line, at most `max` characters (cut at a
 * word boundary, with "…"). Input length is bounded before any pattern runs on it.
 */
export function plainText(input: unknown, max: number): string {
  if (typeof input !== 'string') return '';
  // Enough to find `max` characters of words in any real issue; what lies beyond is never shown.
  let s = input.slice(0, Math.max(4000, max * 8)).normalize('NFC').replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
  s = s
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ') // issue-template comments
    .replace(/```[^\n]*\n?/g, ' ') // code fences: keep the code's words
    // Link targets may hold one level of parentheses (`javascript:alert(1)`).
    .replace(/!\[([^\]\n]{0,300})\]\((?:[^()\n]|\([^()\n]*\)){0,2000}\)/g, '$1') // images -> alt text
    .replace(/\[([^\]\n]{1,300})\]\((?:[^()\n]|\([^()\n]*\)){0,2000}\)/g, '$1') // links -> their text
    .replace(/\[([^\]\n]{1,300})\]\[[^\]\n]{0,100}\]/g, '$1') // reference links
    .replace(/^\s{0,3}\[[^\]\n]{1,100}\]:\s*\S+.*$/gm, ' ') // reference definitions
    .replace(/<\/?[A-Za-z][^<>]{0,2000}>/g, ' ') // HTML tags (their text stays)
    .replace(/&(nbsp|amp|lt|gt|quot|#39|apos);/g, (_, e: string) => ({ nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" })[e] ?? ' ')
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+\[[ xX]\]\s+|(?:[-*_]\s*){3,}$)/gm, '') // headings, quotes, task boxes, rules
    .replace(/(\*\*|__|~~|`)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cap(s, max);
}

/** At most `max` characters, cut at a word boundary when one is near, marked with "…". */
export function cap(s: string, max: number): string {
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?·-]+$/, '')}…`;
}
