// Where the interactive view gets its spec: only the chart's own compiled Vega file, same
// origin, exact path shape, named by the page's chart id and language. Anything else (another
// origin, a query string, a different chart) is refused before any request is made.
export type VegaSpec = Record<string, unknown> & {
  usermeta?: Record<string, unknown>;
  signals?: Array<Record<string, unknown>>;
  scales?: Array<Record<string, unknown>>;
  marks?: Array<Record<string, unknown>>;
};

const SPEC_PATH = /\/charts\/([a-z0-9][a-z0-9-]{0,127})\.(ko|en)\.[0-9a-f]{12}(?:\.narrow)?\.vega\.json$/;

export class SpecRefusedError extends Error {
  constructor(where: string, detail: string) {
    super(`${where}: ${detail}`);
    this.name = 'SpecRefusedError';
  }
}

/** `narrow`: the phone layout's spec when the page offers one (the static chart shown is then the phone one too). */
export function chartSpecUrl(host: HTMLElement, page: { href: string; origin: string }, lang: string, narrow = false): URL {
  const raw = (narrow ? host.dataset.specNarrow : undefined) ?? host.dataset.spec ?? '';
  const id = host.dataset.chart ?? '';
  let url: URL;
  try {
    url = new URL(raw, page.href);
  } catch {
    throw new SpecRefusedError(`chart ${id}`, `data-spec ${JSON.stringify(raw)} is not a URL`);
  }
  const m = SPEC_PATH.exec(url.pathname);
  if (url.origin !== page.origin) throw new SpecRefusedError(`chart ${id}`, `spec from another origin: ${url.origin}`);
  if (url.search || url.hash || url.username || url.password) throw new SpecRefusedError(`chart ${id}`, 'spec URL with query, fragment or credentials');
  if (!m || m[1] !== id || m[2] !== lang) throw new SpecRefusedError(`chart ${id}`, `not this chart's spec file: ${url.pathname}`);
  return url;
}

/** Options a spec could carry for vega-embed (loader, styles, actions) are never honoured. */
export function stripEmbedOptions(spec: VegaSpec): VegaSpec {
  if (spec.usermeta && typeof spec.usermeta === 'object') {
    delete spec.usermeta.embedOptions;
    if (Object.keys(spec.usermeta).length === 0) delete spec.usermeta;
  }
  return spec;
}

export async function fetchChartSpec(url: URL): Promise<VegaSpec> {
  const res = await fetch(url.href, { credentials: 'same-origin', redirect: 'error', headers: { accept: 'application/json' } });
  if (!res.ok) throw new SpecRefusedError(url.pathname, `HTTP ${res.status}`);
  const spec: unknown = await res.json();
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw new SpecRefusedError(url.pathname, 'not a Vega spec object');
  return stripEmbedOptions(spec as VegaSpec);
}
