// The built site as publish sees it: every file with its sha256 (the manifest's content hash),
// its MD5 (what S3 reports as the etag of a single-part upload, to recognise content already on
// the target), its Content-Type, Cache-Control and upload stage. Files are streamed, never held
// whole, so large downloads do not fill memory.
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { cacheControlFor, isPublishState, stageOf, type Stage } from './cache-policy.ts';
import { contentTypeFor } from './content-type.ts';
import { CitydashError } from '../errors.ts';
import { hashFile } from '../hash.ts';

export interface SiteFile {
  /** Site-relative path with `/` separators: the object key under the target. */
  path: string;
  /** Absolute path on disk. */
  source: string;
  size: number;
  sha256: string;
  md5: string;
  contentType: string;
  cacheControl: string;
  stage: Stage;
}

export class SiteDirError extends CitydashError {
  constructor(siteDir: string, detail: string) {
    super(siteDir, detail);
    this.name = 'SiteDirError';
  }
}

/** The build marker the site stage writes for itself; it changes every cycle and serves no reader. */
const BUILD_MARKER = '_citydash/build.json';
const JUNK = /(^|\/)(\.DS_Store|Thumbs\.db)$|\.tmp$/;

export function isPublishable(path: string): boolean {
  return path !== BUILD_MARKER && !isPublishState(path) && !JUNK.test(path);
}

async function listFiles(dir: string, base: string, out: string[]): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) await listFiles(full, base, out);
    else if (e.isFile()) out.push(relative(base, full).split(sep).join('/'));
  }
}

export async function scanSite(siteDir: string): Promise<SiteFile[]> {
  const paths: string[] = [];
  try {
    await listFiles(siteDir, siteDir, paths);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new SiteDirError(siteDir, 'no built site here (run `citydash build` first)');
    throw err;
  }
  const files: SiteFile[] = [];
  for (const path of paths.filter(isPublishable).sort()) {
    const source = join(siteDir, ...path.split('/'));
    const { size, sha256, md5, head } = await hashFile(source, { md5: true, headBytes: 2048 });
    const contentType = contentTypeFor(path, head);
    files.push({ path, source, size, sha256, md5, contentType, cacheControl: cacheControlFor(path), stage: stageOf(path, contentType) });
  }
  if (files.length === 0) throw new SiteDirError(siteDir, 'the built site is empty; nothing to publish');
  return files;
}
