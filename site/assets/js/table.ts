// Data tables, enhanced: every column heading becomes a sort button (aria-sort says the order,
// a status line says it in words) and a long table shows its first rows with a button for the
// rest. Without this script every row is in the page and nothing is lost: this only makes a
// long table shorter to scroll past and quicker to search. Words come from the table's data-*
// attributes, written in the page's language by the template.

type SortType = 'number' | 'period' | 'text';

function cellValue(row: HTMLTableRowElement, index: number): string {
  const cell = row.cells[index];
  if (!cell) return '';
  return cell.dataset.sort ?? cell.textContent?.trim() ?? '';
}

function compare(type: SortType, lang: string): (a: string, b: string) => number {
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
  return (a, b) => {
    // Empty cells last whichever way the column is sorted (handled by the caller's sign).
    if (type === 'number') return Number(a) - Number(b);
    if (type === 'period') return a < b ? -1 : a > b ? 1 : 0;
    return collator.compare(a, b);
  };
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

function enhance(table: HTMLTableElement): void {
  const body = table.tBodies[0];
  const head = table.tHead?.rows[0];
  if (!body || !head || table.dataset.enhanced) return;
  table.dataset.enhanced = 'sortable';
  const lang = table.dataset.lang || document.documentElement.lang || 'ko';
  const region = table.closest('.table-scroll') ?? table;
  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  region.after(status);

  const original = Array.from(body.rows);
  const limit = Number(table.dataset.collapse || 0);
  // Collapsing to hide only a handful of rows would cost a click for nothing.
  const collapsible = limit > 0 && original.length > limit + 5;
  let expanded = !collapsible;
  let toggle: HTMLButtonElement | null = null;

  const showRows = () => {
    Array.from(body.rows).forEach((row, i) => {
      row.hidden = !expanded && i >= limit;
    });
  };

  if (collapsible) {
    if (!table.id) table.id = `table-${Math.random().toString(36).slice(2)}`;
    toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'table-toggle';
    toggle.setAttribute('aria-controls', table.id);
    const label = () => {
      toggle!.textContent = expanded ? (table.dataset.showFewer ?? '') : (table.dataset.showAll ?? '');
      toggle!.setAttribute('aria-expanded', String(expanded));
    };
    toggle.addEventListener('click', () => {
      expanded = !expanded;
      label();
      showRows();
      // Folding a long table away must not leave the reader far below it.
      if (!expanded) region.scrollIntoView({ block: 'nearest' });
    });
    label();
    status.after(toggle);
  }

  let sorted: { index: number; dir: 1 | -1 } | null = null;
  const headers = Array.from(head.cells);
  headers.forEach((th, index) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort-button';
    while (th.firstChild) button.appendChild(th.firstChild);
    const icon = document.createElement('span');
    icon.className = 'sort-icon';
    icon.setAttribute('aria-hidden', 'true');
    button.appendChild(icon);
    th.appendChild(button);
    button.addEventListener('click', () => {
      const dir: 1 | -1 = sorted?.index === index && sorted.dir === 1 ? -1 : 1;
      sorted = { index, dir };
      const cmp = compare((th.dataset.sortType as SortType) || 'text', lang);
      const rows = Array.from(body.rows);
      rows.sort((a, b) => {
        const x = cellValue(a, index);
        const y = cellValue(b, index);
        if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
        return cmp(x, y) * dir || original.indexOf(a) - original.indexOf(b);
      });
      body.append(...rows);
      for (const h of headers) h.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      const column = (button.textContent ?? '').trim();
      status.textContent = fill((dir === 1 ? table.dataset.sortAsc : table.dataset.sortDesc) ?? '', { column });
      showRows();
    });
  });
  showRows();
}

for (const table of Array.from(document.querySelectorAll<HTMLTableElement>('table[data-sortable]'))) enhance(table);
