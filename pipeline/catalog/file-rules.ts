// Rules about one descriptor file that the JSON Schema cannot express: its name, its
// folder, and the files it points at.
import { basename, dirname, resolve } from 'node:path';
import type { Problem } from '../types.ts';
import { quote } from '../errors.ts';
import { display } from './files.ts';
import { resolveCatalogPath } from './paths.ts';
import { problemAt } from './problem.ts';
import type { SourceDoc } from './source-doc.ts';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The file must be named `<id>.yaml`, so ids can be found by file name. */
export function fileNameProblems(source: SourceDoc, v: Obj): Problem[] {
  if (typeof v.id !== 'string') return [];
  const name = basename(source.path);
  const expected = `${v.id}.yaml`;
  if (name === expected) return [];
  return [problemAt(source, '/id', `id ${quote(v.id)} does not match the file name ${quote(name)}: rename the file to ${expected} or change the id`, { rule: 'file-name' })];
}

/** A chart's area is the folder it sits in: viz-specs/<area>/<id>.yaml. */
export function chartFolderProblems(source: SourceDoc, v: Obj): Problem[] {
  const parts = source.path.split('/');
  if (parts.length !== 3) {
    return [problemAt(source, '', `charts live in viz-specs/<area>/<id>.yaml; move ${source.path} into its area's folder`, { rule: 'folder', at: 'key' })];
  }
  if (typeof v.area === 'string' && v.area !== parts[1]) {
    return [problemAt(source, '/area', `"area" is ${quote(v.area)} but the chart is in viz-specs/${parts[1]}/: move the file to viz-specs/${v.area}/ or change the area`, { rule: 'folder' })];
  }
  return [];
}

/** Derived datasets live in sources/derived/, the others in sources/<department>/. */
export function datasetFolderProblems(source: SourceDoc, v: Obj): Problem[] {
  const parts = source.path.split('/');
  const derived = 'from' in v || 'sql' in v;
  const warn = (message: string) => [problemAt(source, '', message, { rule: 'folder', severity: 'warning', at: 'key' })];
  if (parts.length !== 3) return warn(`datasets live in sources/<department>/<id>.yaml (derived ones in sources/derived/); ${source.path} is not one level below sources/`);
  if (derived && parts[1] !== 'derived') return warn(`derived datasets (with "from" and "sql") belong in sources/derived/, not sources/${parts[1]}/`);
  if (!derived && parts[1] === 'derived') return warn('sources/derived/ holds derived datasets ("from" and "sql"); this one has neither');
  return [];
}

export interface LocalFileCheck {
  source: SourceDoc;
  root: string;
  pointer: string;
  /** What the file is, for the message: `sample file`, `schema file`. */
  what: string;
  value: unknown;
  /** Folder relative paths start from. */
  base: string;
  /** Folders outside the catalog the operator lets this path read (CITYDASH_DATA_FOLDERS). */
  dataFolders?: readonly string[];
}

/** The file a descriptor names exists and passes the path rule (pipeline/catalog/paths.ts). */
export async function localFileProblems(c: LocalFileCheck): Promise<Problem[]> {
  if (typeof c.value !== 'string' || c.value === '') return [];
  const verdict = await resolveCatalogPath({ root: c.root, base: c.base, value: c.value, what: c.what, dataFolders: c.dataFolders });
  return verdict.ok ? [] : [problemAt(c.source, c.pointer, verdict.message, { rule: verdict.rule, hint: `paths in extract are relative to the descriptor's folder (${display(c.root, c.base)}/) and stay inside the catalog` })];
}

/** Folder of a descriptor, absolute. */
export const descriptorDir = (root: string, source: SourceDoc): string => resolve(root, dirname(source.path));
