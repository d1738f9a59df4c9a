// Just enough HTML reading for the site tests: list files, read tags and attributes the way a
// browser would (quoted values may contain `>`), resolve links against the output folder.
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out;
}

export interface Tag {
  name: string;
  attrs: Record<string, string>;
  raw: string;
}

const TAG = /<([a-zA-Z][\w:-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g;
const ATTR = /([^\s=/"'>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;

export function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Every start tag of a document, outside comments, with its attributes decoded. */
export function tags(html: string): Tag[] {
  const out: Tag[] = [];
  const clean = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const m of clean.matchAll(TAG)) {
    const attrs: Record<string, string> = {};
    for (const a of m[2].matchAll(ATTR)) attrs[a[1].toLowerCase()] = decodeEntities((a[2] ?? '').replace(/^["']|["']$/g, ''));
    out.push({ name: m[1].toLowerCase(), attrs, raw: m[0] });
  }
  return out;
}

/** Where an internal href/src of `file` points in `root`, or null for external and fragment links. */
export function resolveLink(root: string, file: string, href: string): { path: string; fragment: string } | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return null;
  const [pathPart, fragment = ''] = href.split('#', 2);
  if (pathPart === '') return { path: file, fragment };
  let target = pathPart.startsWith('/') ? join(root, pathPart) : resolve(dirname(file), pathPart);
  if (pathPart.endsWith('/') || (existsSync(target) && statSync(target).isDirectory())) target = join(target, 'index.html');
  return { path: target, fragment };
}

export function sitePath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}
