// DOM pieces of the search page, built from text nodes only. Pagefind's excerpts are HTML (page
// text escaped, matches in <mark>); they are parsed in an inert document and rebuilt keeping the
// text and the <mark>s, nothing else.
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

export function resultItem(doc: Document, data: ResultData, href: string): HTMLLIElement {
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
  p.append(...excerptNodes(doc, data.excerpt));
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
