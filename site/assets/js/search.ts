// The search page: Pagefind's index (built with the site, one per language) queried in the
// browser, with facets by department, area, freshness and kind. Typing searches as you go; the
// form also works with Enter, and ?q= in the address runs a search on load (the catalog page's
// search box submits here). Without JavaScript the page points to the catalog instead.
import { facetFieldset, resultItem, selectedFilters, type ResultData } from './search-dom.ts';

interface PagefindResult {
  id: string;
  data(): Promise<ResultData>;
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(term: string | null, opts?: { filters?: Record<string, unknown> }): Promise<{ results: PagefindResult[] } | null>;
}

const MAX_RESULTS = 30;
const root = document.querySelector<HTMLElement>('[data-search]');

function fillIn(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

async function main(root: HTMLElement): Promise<void> {
  const words = root.dataset;
  const form = root.querySelector<HTMLFormElement>('form')!;
  const input = root.querySelector<HTMLInputElement>('input[type=search]')!;
  const facets = root.querySelector<HTMLElement>('[data-facets]')!;
  const list = root.querySelector<HTMLOListElement>('[data-results]')!;
  const status = root.querySelector<HTMLElement>('[data-status]')!;
  for (const el of document.querySelectorAll<HTMLElement>('[data-search-nojs]')) el.hidden = true;

  // assets/search.<hash>.js -> the site root, wherever the site is mounted.
  const siteRoot = new URL('../', import.meta.url);
  status.textContent = words.loading ?? '';
  let pagefind: Pagefind;
  try {
    pagefind = (await import(new URL('pagefind/pagefind.js', siteRoot).href)) as Pagefind;
    await pagefind.options({ excerptLength: 24 });
    await pagefind.init();
  } catch {
    status.textContent = words.unavailable ?? '';
    return;
  }

  let run = 0;
  const search = async () => {
    const mine = ++run;
    const term = input.value.trim();
    const filters = selectedFilters(root);
    if (!term && Object.keys(filters).length === 0) {
      list.replaceChildren();
      status.textContent = words.prompt ?? '';
      return;
    }
    const found = await pagefind.search(term || null, { filters });
    if (mine !== run || !found) return;
    const data = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (mine !== run) return;
    list.replaceChildren(...data.map((d) => resultItem(document, d, new URL(d.url.replace(/^\/+/, ''), siteRoot).href, term)));
    status.textContent = found.results.length === 0 ? (words.none ?? '') : fillIn(words.count ?? '{count}', { count: found.results.length.toLocaleString(document.documentElement.lang) });
    const url = new URL(window.location.href);
    if (term) url.searchParams.set('q', term);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
  };

  const available = await pagefind.filters();
  for (const name of ['department', 'area', 'freshness', 'kind']) {
    if (available[name] && Object.keys(available[name]).length > 0) {
      facets.append(facetFieldset(document, name, words[`facet${name[0].toUpperCase()}${name.slice(1)}`] ?? name, available[name], () => void search()));
    }
  }

  let timer: number | undefined;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(), 200);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    window.clearTimeout(timer);
    void search();
  });
  input.value = new URLSearchParams(window.location.search).get('q') ?? '';
  await search();
  root.dataset.ready = 'true';
}

if (root) void main(root);
