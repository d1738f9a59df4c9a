// The Seoul Open API sometimes answers a JSON request with XML, notably for a bad key:
//   <?xml version="1.0" encoding="UTF-8"?>
//   <RESULT><CODE>INFO-100</CODE><MESSAGE><![CDATA[인증키가 유효하지 않습니다...]]></MESSAGE></RESULT>
// Only the first CODE and MESSAGE elements matter, so this reads them with bounded string
// scans instead of pulling in an XML parser (and its entity-expansion surface).

/** Only this much of a body is searched; a RESULT envelope is a few hundred bytes. */
const SCAN_LIMIT = 64 * 1024;

export interface XmlResult {
  code: string;
  message?: string;
}

export function parseXmlResult(text: string): XmlResult | undefined {
  const head = text.slice(0, SCAN_LIMIT);
  const code = elementText(head, 'CODE')?.trim();
  if (!code) return undefined;
  return { code, message: elementText(head, 'MESSAGE')?.trim() };
}

/** Text of the first `<name>` element (attributes allowed, no nesting), CDATA and entities decoded. */
export function elementText(xml: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const open = xml.indexOf(`<${name}`, from);
    if (open < 0) return undefined;
    const after = xml.charAt(open + name.length + 1);
    if (after === '>' || after === ' ' || after === '\t' || after === '\n' || after === '\r') {
      const start = xml.indexOf('>', open);
      if (start < 0) return undefined;
      if (xml.charAt(start - 1) === '/') return '';
      const end = xml.indexOf(`</${name}`, start + 1);
      if (end < 0) return undefined;
      return decodeText(xml.slice(start + 1, end));
    }
    from = open + 1;
  }
}

function decodeText(raw: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const cdata = raw.indexOf('<![CDATA[', i);
    const stop = cdata < 0 ? raw.length : cdata;
    out += decodeEntities(raw.slice(i, stop));
    if (cdata < 0) break;
    const close = raw.indexOf(']]>', cdata + 9);
    out += raw.slice(cdata + 9, close < 0 ? raw.length : close);
    i = close < 0 ? raw.length : close + 3;
  }
  return out;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const amp = s.indexOf('&', i);
    if (amp < 0) { out += s.slice(i); break; }
    out += s.slice(i, amp);
    const semi = s.indexOf(';', amp);
    const ref = semi > amp && semi - amp <= 10 ? s.slice(amp + 1, semi) : '';
    const ch = ref ? entity(ref) : undefined;
    if (ch === undefined) { out += '&'; i = amp + 1; continue; }
    out += ch;
    i = semi + 1;
  }
  return out;
}

function entity(ref: string): string | undefined {
  if (Object.hasOwn(NAMED, ref)) return NAMED[ref];
  const cp = ref.startsWith('#x') || ref.startsWith('#X') ? parseInt(ref.slice(2), 16) : ref.startsWith('#') ? parseInt(ref.slice(1), 10) : NaN;
  return Number.isInteger(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : undefined;
}
