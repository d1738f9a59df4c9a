// Content-Type for every file type the site has. Text types carry `charset=utf-8`: the site is
// Korean first, and a CDN or browser guessing EUC-KR for a CSV download is how 한글 turns into
// mojibake. Unknown types are served as bytes rather than guessed.

const UTF8 = '; charset=utf-8';

const BY_EXTENSION: Record<string, string> = {
  html: `text/html${UTF8}`,
  htm: `text/html${UTF8}`,
  css: `text/css${UTF8}`,
  js: `text/javascript${UTF8}`,
  mjs: `text/javascript${UTF8}`,
  svg: `image/svg+xml${UTF8}`,
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  json: `application/json${UTF8}`,
  map: `application/json${UTF8}`,
  jsonld: `application/ld+json${UTF8}`,
  ndjson: `application/x-ndjson${UTF8}`,
  csv: `text/csv${UTF8}`,
  tsv: `text/tab-separated-values${UTF8}`,
  atom: `application/atom+xml${UTF8}`,
  rss: `application/rss+xml${UTF8}`,
  xml: `application/xml${UTF8}`,
  xsl: `application/xslt+xml${UTF8}`,
  txt: `text/plain${UTF8}`,
  md: `text/markdown${UTF8}`,
  webmanifest: `application/manifest+json${UTF8}`,
  woff2: 'font/woff2',
  woff: 'font/woff',
  otf: 'font/otf',
  ttf: 'font/ttf',
  wasm: 'application/wasm',
  pdf: 'application/pdf',
  zip: 'application/zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  // Pagefind's index: gzipped binary chunks the Pagefind script fetches and decodes itself.
  pf_meta: 'application/octet-stream',
  pf_index: 'application/octet-stream',
  pf_fragment: 'application/octet-stream',
  pf_filter: 'application/octet-stream',
  pagefind: 'application/octet-stream',
};

export const OCTET_STREAM = 'application/octet-stream';

const extensionOf = (path: string) => {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
};

/** An `.xml` file is an Atom feed when its root element is `<feed>` in the Atom namespace. */
export function isAtom(head: Uint8Array): boolean {
  const text = new TextDecoder().decode(head.subarray(0, 2048));
  return /<feed\b[^>]*xmlns\s*=\s*["']http:\/\/www\.w3\.org\/2005\/Atom["']/.test(text);
}

/** Content-Type of a site path; `head` (the first bytes) tells Atom feeds saved as `.xml`. */
export function contentTypeFor(path: string, head?: Uint8Array): string {
  const ext = extensionOf(path);
  if (ext === 'xml' && head && isAtom(head)) return BY_EXTENSION.atom;
  return BY_EXTENSION[ext] ?? OCTET_STREAM;
}
