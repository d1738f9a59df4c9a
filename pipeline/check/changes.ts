// What a pull request changes compared with its base checkout, and the rule that ids are
// permanent: a dataset or chart id in the base that no file has any more is an error, since
// its pages, downloads and links are public.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { canonicalJson } from '../canonical-json.ts';
import { locate } from '../catalog/index.ts';
import { quote } from '../errors.ts';
import type { Problem } from '../types.ts';
import { byId, type DescriptorFile } from '../catalog/index.ts';
import type { CatalogChanges, ChangeList } from './types.ts';

export interface Side {
  root: string;
  files: DescriptorFile[];
}

async function fingerprint(side: Side, f: DescriptorFile): Promise<string> {
  // A dataset also changes when its row schema does.
  let schema = '';
  if (f.kind === 'dataset' && typeof f.value?.schema === 'string') schema = await readFile(resolve(side.root, f.value.schema), 'utf8').catch(() => '');
  return canonicalJson({ value: f.value ?? f.source.text, schema });
}

async function compare(base: Side, head: Side, kind: DescriptorFile['kind']): Promise<ChangeList & { removedFiles: Map<string, DescriptorFile> }> {
  const before = byId(base.files, kind);
  const after = byId(head.files, kind);
  const list: ChangeList & { removedFiles: Map<string, DescriptorFile> } = { added: [], changed: [], removed: [], removedFiles: new Map() };
  for (const [id, f] of after) {
    const old = before.get(id);
    if (!old) list.added.push(id);
    else if ((await fingerprint(base, old)) !== (await fingerprint(head, f))) list.changed.push(id);
  }
  for (const [id, f] of before) {
    if (after.has(id)) continue;
    list.removed.push(id);
    list.removedFiles.set(id, f);
  }
  for (const l of [list.added, list.changed, list.removed]) l.sort();
  return list;
}

function removedProblem(kind: DescriptorFile['kind'], id: string, old: DescriptorFile, head: Side): Problem {
  // Still there under another id? Point at that id; otherwise at the file in the base.
  const same = head.files.find((f) => f.path === old.path && f.kind === kind);
  const where = same ? { file: same.path, ...locate(same.source, '/id') } : { file: old.path, ...locate(old.source, '/id') };
  const message = same
    ? `${kind} id changed from ${quote(id)} to ${quote(same.id ?? '')}: ids are permanent (their pages, downloads and links are public)`
    : `${kind} ${quote(id)} was removed (its descriptor ${old.path} is in the base catalog): ids are permanent (their pages, downloads and links are public)`;
  return { ...where, message, hint: `keep the id ${quote(id)}; to retire a ${kind}, open an issue so a maintainer can do it`, rule: 'stable-id', severity: 'error' };
}

export async function catalogChanges(base: Side | undefined, head: Side): Promise<{ changes: CatalogChanges; problems: Problem[] }> {
  if (!base) {
    const ids = (kind: DescriptorFile['kind']) => [...byId(head.files, kind).keys()].sort();
    return { changes: { comparedWithBase: false, charts: { added: ids('chart'), changed: [], removed: [] }, datasets: { added: ids('dataset'), changed: [], removed: [] } }, problems: [] };
  }
  const charts = await compare(base, head, 'chart');
  const datasets = await compare(base, head, 'dataset');
  const problems: Problem[] = [];
  for (const [kind, list] of [['chart', charts], ['dataset', datasets]] as const) {
    for (const [id, f] of list.removedFiles) problems.push(removedProblem(kind, id, f, head));
  }
  const plain = (l: ChangeList): ChangeList => ({ added: l.added, changed: l.changed, removed: l.removed });
  return { changes: { comparedWithBase: true, charts: plain(charts), datasets: plain(datasets) }, problems };
}
