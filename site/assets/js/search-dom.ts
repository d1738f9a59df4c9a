// DOM pieces of the search page, built from text nodes only. A result shows the page's own
// description (its `description` meta: what the page says it is, never a run of table cells or a
// hash), with the words searched for marked. Pagefind's excerpt (HTML: page text escaped, matches
// in <mark>) is the fallback; it is parsed in an inert document and rebuilt keeping the text and
// the <mark>s, nothing else.
export interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}

export function excerptNodes(doc: Document, html: string): Node[] {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const out: Node[] = [];
  for (const n of Array.from(parsed.body.childNodes)) {
    const text = n.textContent ?? '';
    if (n.nodeName === 'MARK') {
      const mark = doc.createElement('mark');
      mark.textContent = text;
      out.push(mark);
    } else out.push(doc.createTextNode(text));
  }
  return out;
}

/** `text` with every occurrence of the searched words in <mark>, as nodes (case-insensitive). */
export function markedText(doc: Document, text: string, term: string): Node[] {
  const words = [...new Set(term.toLowerCase().split(/\s+/).filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  if (words.length === 0) return [doc.createTextNode(text)];
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  const out: Node[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.push(doc.createTextNode(text.slice(last, m.index)));
    const mark = doc.createElement('mark');
    mark.textContent = m[0];
    out.push(mark);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(doc.createTextNode(text.slice(last)));
  return out;
}

/** The description, shortened at a word near `max` characters. */
function shorten(text: string, max = 220): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

export function resultItem(doc: Document, data: ResultData, href: string, term = ''): HTMLLIElement {
  const li = doc.createElement('li');
  const h = doc.createElement('h2');
  h.className = 'search-result-title';
  const a = doc.createElement('a');
  a.href = href;
  a.textContent = data.meta.title ?? href;
  h.append(a);
  li.append(h);
  if (data.meta.kind) {
    const kind = doc.createElement('p');
    kind.className = 'badge';
    kind.textContent = data.meta.kind;
    li.append(kind);
  }
  const p = doc.createElement('p');
  p.className = 'search-excerpt';
  const description = data.meta.description?.replace(/\s+/g, ' ').trim();
  p.append(...(description ? markedText(doc, shorten(description), term) : excerptNodes(doc, data.excerpt)));
  li.append(p);
  return li;
}

/** One fieldset of checkboxes per facet, values sorted, each with its page count. */
export function facetFieldset(doc: Document, name: string, legend: string, counts: Record<string, number>, onChange: () => void): HTMLFieldSetElement {
  const fs = doc.createElement('fieldset');
  fs.className = 'search-facet';
  const lg = doc.createElement('legend');
  lg.textContent = legend;
  fs.append(lg);
  const values = Object.keys(counts).sort((a, b) => a.localeCompare(b, doc.documentElement.lang || 'ko'));
  values.forEach((value, i) => {
    const id = `facet-${name}-${i}`;
    const row = doc.createElement('div');
    row.className = 'search-facet-option';
    const input = doc.createElement('input');
    input.type = 'checkbox';
    input.id = id;
    input.name = name;
    input.value = value;
    input.addEventListener('change', onChange);
    const label = doc.createElement('label');
    label.htmlFor = id;
    label.textContent = `${value} (${counts[value]})`;
    row.append(input, label);
    fs.append(row);
  });
  return fs;
}

export function selectedFilters(root: HTMLElement): Record<string, { any: string[] }> {
  const out: Record<string, { any: string[] }> = {};
  for (const box of root.querySelectorAll<HTMLInputElement>('.search-facet input[type=checkbox]:checked')) {
    (out[box.name] ??= { any: [] }).any.push(box.value);
  }
  return out;
}
