// What a server's answer says, in one short line. A department's server that wants a login
// answers 200 with its login page, and a purge webhook behind a proxy answers 501 with the
// proxy's HTML error page: quoting either whole ("the file's headers are <html><head>…") buries
// the one fact that matters and copies whatever the page carries into reports and pages. These
// say "an HTML page" and show a little of its visible text, never its markup.
import { capText, quote } from './errors.ts';

/** How much of an answer is ever read for a message (a bound on the work a hostile page causes too). */
export const ANSWER_SAMPLE_BYTES = 8 * 1024;

/**
 * Whether an answer is an HTML page: by how its text starts, or by an HTML Content-Type on text
 * that starts with markup. The type alone is not enough: servers do send CSV as text/html.
 */
export function isHtmlAnswer(bytes: Uint8Array, contentType: string | null | undefined): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart();
  if (/^<(!doctype\s+html|html|head|body)[\s>]/i.test(head) || (/^<!--/.test(head) && /<html[\s>]/i.test(head))) return true;
  const type = (contentType ?? '').toLowerCase();
  return (type.includes('text/html') || type.includes('application/xhtml')) && head.startsWith('<');
}

/** The visible text of an HTML page (title first), one line: no tags, scripts or styles. */
export function htmlText(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '';
  const body = html
    .replace(/<(script|style|head|template|noscript)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ');
  const text = `${title} ${body}`;
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/** An answer's text for a message: the visible text of a page, or the text itself, quoted and capped. */
export function answerQuote(bytes: Uint8Array, contentType: string | null | undefined, max: number): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, ANSWER_SAMPLE_BYTES));
  return quote(isHtmlAnswer(bytes, contentType) ? htmlText(text) : text, max);
}

/**
 * An error answer's body for a one-line message: plain text as it is (whitespace collapsed),
 * an HTML page as `an HTML page: "<its visible text>"`, either capped at `max` characters.
 */
export function answerLine(bytes: Uint8Array, contentType: string | null | undefined, max: number): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, ANSWER_SAMPLE_BYTES));
  if (isHtmlAnswer(bytes, contentType)) return `an HTML page: ${quote(htmlText(text), max)}`;
  return capText(text.replace(/\s+/g, ' ').trim(), max);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? whole;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
