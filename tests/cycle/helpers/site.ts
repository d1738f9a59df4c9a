// Reading a published dir: target in tests: pages as text, the feeds as parsed XML.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function read(target: string, path: string): Promise<string> {
  return readFile(join(target, ...path.split('/')), 'utf8');
}

export async function exists(target: string, path: string): Promise<boolean> {
  return readFile(join(target, ...path.split('/'))).then(() => true, () => false);
}

/** The text a reader sees: tags dropped, entities decoded, whitespace collapsed. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<\/?(?:a|span|code|time|strong|em|abbr)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The <li> of a cycle page or <tr> of the freshness page for one dataset, as visible text. */
export function itemText(html: string, id: string): string | null {
  const m = new RegExp(`<(li|tr) data-id="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return m ? visibleText(m[2]!) : null;
}

interface XmlParser {
  validate(xml: string): true | { err: { code: string; msg: string; line: number } };
  parse(xml: string, options?: Record<string, unknown>): Record<string, unknown>;
}
// fast-xml-parser comes with the s3rver dev dependency (3.x API).
const xml = createRequire(import.meta.url)('fast-xml-parser') as XmlParser;

export interface AtomFeed {
  id: string;
  title: string;
  updated: string;
  links: Array<{ rel: string; href: string }>;
  entries: Array<{ id: string; title: string; updated: string; link: string; summary: string }>;
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Parse an Atom feed, failing on malformed XML or a missing required element. */
export function parseAtom(text: string): AtomFeed {
  const ok = xml.validate(text);
  if (ok !== true) throw new Error(`not well-formed XML: ${ok.err.msg} (line ${ok.err.line})`);
  const doc = xml.parse(text, { ignoreAttributes: false, attributeNamePrefix: '@', parseNodeValue: false, textNodeName: '#text' }) as { feed?: Record<string, unknown> };
  const feed = doc.feed;
  if (!feed || feed['@xmlns'] !== 'http://www.w3.org/2005/Atom') throw new Error('root is not an Atom <feed>');
  const need = (o: Record<string, unknown>, k: string, where: string) => {
    const v = o[k];
    if (v === undefined || v === '') throw new Error(`${where}: missing <${k}>`);
    return typeof v === 'object' ? String((v as Record<string, unknown>)['#text'] ?? '') : String(v);
  };
  const links = list(feed.link as Record<string, string> | Record<string, string>[]).map((l) => ({ rel: l['@rel'] ?? 'alternate', href: l['@href'] ?? '' }));
  const entries = list(feed.entry as Record<string, unknown> | Record<string, unknown>[]).map((e, i) => {
    const link = list(e.link as Record<string, string> | Record<string, string>[])[0];
    if (!link?.['@href']) throw new Error(`entry ${i}: missing <link href>`);
    return { id: need(e, 'id', `entry ${i}`), title: need(e, 'title', `entry ${i}`), updated: need(e, 'updated', `entry ${i}`), link: link['@href'], summary: need(e, 'summary', `entry ${i}`) };
  });
  return { id: need(feed, 'id', 'feed'), title: need(feed, 'title', 'feed'), updated: need(feed, 'updated', 'feed'), links, entries };
}
