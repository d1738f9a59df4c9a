// The site's Content-Security-Policy. No inline script or style, no eval, nothing from another
// origin. `frame-ancestors` only works as an HTTP header: browsers ignore it in a <meta> and log
// a console error, so pages carry the policy without it and `serve` / the hosting headers file
// send the full header. Embed pages may be framed by anyone, so theirs has no frame-ancestors.
const BASE = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** For the `<meta http-equiv="Content-Security-Policy">` of every page. */
export const CSP_META = BASE.join('; ');
/** The HTTP header for pages. */
export const CSP_HEADER = [...BASE, "frame-ancestors 'self'"].join('; ');
/** The HTTP header for /<lang>/embed/ pages (meant to be framed by other sites). */
export const CSP_EMBED_HEADER = CSP_META;
