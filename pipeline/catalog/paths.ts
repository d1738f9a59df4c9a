// Paths a catalog file names (extract.path, extract.sample, schema): the one rule, applied by
// the loader (so `check` reports it at file:line) and again by every stage that opens such a file
// (extract, validate, check's previews), so a path that check refuses is never read.
//
// The rule: the path is relative, and its real path (every symbolic link followed) is a regular
// file inside the catalog folder. Absolute paths, `..` that climbs out, links that leave the
// catalog, /proc, /sys and /dev, devices, FIFOs and sockets are refused. Catalog files come from
// pull requests; a descriptor naming /etc/passwd or /proc/self/environ must never be read.
//
// The operator (never a pull request) may let `file` sources read department folders outside
// the catalog: CITYDASH_DATA_FOLDERS, absolute folders separated by the platform's path
// delimiter. Only `extract.path` of a `file` source may use them; samples and schemas never.
import type { Stats } from 'node:fs';
import { readlink, realpath, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, relative, resolve, sep } from 'node:path';
import { CitydashError, quote } from '../errors.ts';

export const DATA_FOLDERS_ENV = 'CITYDASH_DATA_FOLDERS';

/** Folders no setting can open: the kernel's views of processes, devices and the system. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

export interface PathRequest {
  /** Catalog root (absolute). */
  root: string;
  /** Folder relative paths start from (absolute). */
  base: string;
  /** The path as written in the catalog file. */
  value: string;
  /** What the file is, for messages: `extract.path`, `sample file`, `schema file`. */
  what: string;
  /** Absolute folders outside the catalog this path may also lead into. */
  dataFolders?: readonly string[];
}

export type PathVerdict =
  | { ok: true; /** The real path to open. */ real: string; /** Catalog-relative (or absolute outside it) for messages. */ shown: string }
  | {
      ok: false;
      /** `file-exists`: missing or a folder (a source that failed); `path`: refused outright. */
      rule: 'file-exists' | 'path';
      /** `<what> "<value>" <reason>`. */
      message: string;
      /** What is wrong with it, e.g. `is a symbolic link to /etc/passwd, outside the catalog folder`. */
      reason: string;
    };

const toPosix = (p: string) => p.split(sep).join('/');

function within(folder: string, abs: string): boolean {
  const rel = relative(folder, abs);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

const systemFolder = (abs: string) => SYSTEM_FOLDERS.find((f) => within(f, abs));

async function real(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    // A path that does not resolve has no real location; the path rule reports it as missing.
    return undefined;
  }
}

/** The data folders an environment allows (absolute, existing, not a system folder or `/`). */
export function dataFoldersFrom(env: Readonly<Record<string, string | undefined>>): string[] {
  const raw = env[DATA_FOLDERS_ENV];
  if (!raw) return [];
  return raw.split(delimiter).map((f) => f.trim()).filter((f) => isAbsolute(f) && resolve(f) !== resolve('/') && !systemFolder(resolve(f))).map((f) => resolve(f));
}

/** Where a catalog file's path leads, or why it may not be read. Never reads the file. */
export async function resolveCatalogPath(req: PathRequest): Promise<PathVerdict> {
  const { value, what } = req;
  const fail = (rule: 'file-exists' | 'path', reason: string): PathVerdict => ({ ok: false, rule, reason, message: `${what} ${quote(value)} ${reason}` });
  const refuse = (reason: string) => fail('path', reason);
  if (value.includes('\0')) return refuse(`contains a NUL character`);
  const folders = req.dataFolders ?? [];
  const abs = isAbsolute(value) ? resolve(value) : resolve(req.base, value);
  const inFolder = folders.find((f) => within(f, abs));
  const system = systemFolder(abs);
  if (system) return refuse(`reads from ${system}: system files are never catalog data`);
  if (isAbsolute(value) && !inFolder) {
    return refuse('is an absolute path: files a catalog names are inside the catalog, named by a relative path');
  }
  if (!within(req.root, abs) && !inFolder) return refuse(`leads outside the catalog folder (to ${abs}): files a catalog names must be inside it`);

  const rootReal = (await real(req.root)) ?? req.root;
  const target = await real(abs);
  if (target === undefined) {
    // A dangling link is refused like any link that leaves; a plain missing file is a failed source.
    const link = await linkTarget(abs);
    if (link) return refuse(`is a symbolic link to ${link}, which does not exist inside the catalog`);
    return fail('file-exists', `not found (looked for ${shownPath(req.root, abs)})`);
  }
  const targetSystem = systemFolder(target);
  if (targetSystem) return refuse(`is a symbolic link into ${targetSystem} (${target}): system files are never catalog data`);
  const realFolders = await Promise.all(folders.map(async (f) => (await real(f)) ?? f));
  const allowed = within(rootReal, target) || (inFolder !== undefined && realFolders.some((f) => within(f, target)));
  // The path itself stays inside (checked above), so a link on the way leads out.
  if (!allowed) return refuse(`is a symbolic link to ${target}, outside the catalog folder: links may only point at files inside the catalog`);
  let info;
  try {
    info = await stat(target);
  } catch (err) {
    return fail('file-exists', `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (info.isDirectory()) return fail('file-exists', 'is a folder, not a file');
  if (!info.isFile()) return refuse(`is ${specialKind(info)}, not a regular file`);
  return { ok: true, real: target, shown: shownPath(req.root, abs) };
}

async function linkTarget(abs: string): Promise<string | undefined> {
  try {
    return await readlink(abs);
  } catch {
    // Not a symbolic link (or unreadable): there is no link target to check.
    return undefined;
  }
}

function specialKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Catalog-relative when inside the catalog, else absolute. */
export function shownPath(root: string, abs: string): string {
  return within(root, abs) ? toPosix(relative(root, abs)) || '.' : abs;
}

/** Thrown by stages that open a catalog-named file the rule refuses (the loader reports it first). */
export class CatalogPathError extends CitydashError {
  constructor(
    override readonly where: string,
    readonly rule: 'file-exists' | 'path',
    detail: string,
  ) {
    super(where, detail);
    this.name = 'CatalogPathError';
  }
}

/** The real path of a catalog-named file to open, or a CatalogPathError saying why not. */
export async function openableCatalogPath(req: PathRequest & { where: string }): Promise<{ real: string; shown: string }> {
  const verdict = await resolveCatalogPath(req);
  if (!verdict.ok) throw new CatalogPathError(req.where, verdict.rule, verdict.message);
  return verdict;
}
