// HTTP headers of the built site, one list of rules for both `citydash serve` and the `_headers`
// file that Netlify, Cloudflare Pages and similar hosts read. Pages get the full CSP header (with
// frame-ancestors, which a <meta> cannot carry); embed pages may be framed anywhere; the search
// page additionally allows WebAssembly compilation ('wasm-unsafe-eval', which Pagefind's search
// needs; it is not 'unsafe-eval': JavaScript eval stays blocked everywhere). Standalone chart
// files get a policy that runs nothing, should an SVG be opened directly.
//
// Hosts combine matching rules differently (Cloudflare joins repeated headers with commas, which
// for CSP means "enforce both"; Netlify lets the last match win), so no two rules that set the
// same header ever match the same path: the CSP rules are per page section, never `/*`.
import { LANGS } from '../types.ts';
import { CSP_EMBED_HEADER, CSP_HEADER, CSP_META } from './csp.ts';
import { paths } from './links.ts';
import { CitydashError } from '../errors.ts';

export class CspShapeError extends CitydashError {
  constructor(detail: string) {
    super('pipeline/site/csp.ts', detail);
    this.name = 'CspShapeError';
  }
}

function withWasm(policy: string): string {
  if (!policy.includes("script-src 'self'")) throw new CspShapeError(`no "script-src 'self'" to extend in ${JSON.stringify(policy)}`);
  return policy.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'");
}

/** The search page's <meta> policy: the site's, plus WebAssembly for Pagefind. */
export const CSP_SEARCH_META = withWasm(CSP_META);
export const CSP_SEARCH_HEADER = withWasm(CSP_HEADER);
/** Chart files opened on their own (an SVG is a document then): nothing runs, nothing loads. */
export const CSP_FILES = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

export interface HeaderRule {
  /** `/ko/` (exact) or `/ko/charts/*` (prefix), the syntax of `_headers` files. */
  pattern: string;
  headers: Record<string, string>;
}

const PAGE = { 'Content-Security-Policy': CSP_HEADER, 'X-Frame-Options': 'SAMEORIGIN' };

/** Page sections under /<lang>/, from the site's own path table, plus the search page. */
function sections(): { pages: string[]; embed: string } {
  const out = new Set<string>();
  let embed = 'embed';
  for (const [name, make] of Object.entries(paths)) {
    const segment = (make as (lang: 'ko', id: string) => string)('ko', 'x').split('/')[2];
    if (!segment) continue;
    if (name === 'embed') embed = segment;
    else out.add(segment);
  }
  out.delete('search');
  return { pages: [...out].sort(), embed };
}

export function headerRules(): HeaderRule[] {
  const { pages, embed } = sections();
  const rules: HeaderRule[] = [
    { pattern: '/*', headers: { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'strict-origin-when-cross-origin' } },
    { pattern: '/', headers: PAGE },
    { pattern: '/index.html', headers: PAGE },
    { pattern: '/404.html', headers: PAGE },
    { pattern: '/charts/*', headers: { 'Content-Security-Policy': CSP_FILES } },
  ];
  for (const lang of LANGS) {
    rules.push({ pattern: `/${lang}/`, headers: PAGE }, { pattern: `/${lang}/index.html`, headers: PAGE });
    for (const s of pages) rules.push({ pattern: `/${lang}/${s}/*`, headers: PAGE });
    rules.push({ pattern: `/${lang}/search/*`, headers: { 'Content-Security-Policy': CSP_SEARCH_HEADER, 'X-Frame-Options': 'SAMEORIGIN' } });
    rules.push({ pattern: `/${lang}/${embed}/*`, headers: { 'Content-Security-Policy': CSP_EMBED_HEADER } });
  }
  return rules;
}

export function ruleMatches(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
}

/** The headers a host applying `rules` sends for the URL path `path` (already decoded). */
export function headersFor(path: string, rules: HeaderRule[] = headerRules()): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rules) if (ruleMatches(r.pattern, path)) Object.assign(out, r.headers);
  return out;
}

export function headersFile(rules: HeaderRule[] = headerRules()): string {
  const blocks = rules.map((r) => `${r.pattern}\n${Object.entries(r.headers).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
  return `# HTTP headers for hosts that read a _headers file (Netlify, Cloudflare Pages). Written by citydash.\n${blocks.join('\n')}\n`;
}
