// Every problem `check` reports says how to fix it. The catalog's own problems carry hints
// for some rules; the rest get one by rule here.
import type { Problem } from '../types.ts';

const BY_RULE: Record<string, string> = {
  syntax: 'YAML: indent with spaces (not tabs), put a space after each colon, and quote text containing ": " or " #"',
  schema: 'compare with a working file in the same folder, or the format described in CONTRIBUTING.md',
  reference: 'check the spelling: dataset ids are the file names in sources/, columns are listed under each dataset\'s columns:',
  'unique-id': 'choose an id no other file uses (ids are permanent, so pick a descriptive one)',
  'file-name': 'rename the file to <id>.yaml, or change the id to match the file',
  folder: 'move the file into the folder named in the message',
  'file-exists': 'check the path: it is relative to the folder of the file that names it',
  'row-schema': 'the row schema is JSON Schema (2020-12) describing one row; compare with a file in schemas/',
  settings: 'citydash.yaml holds the site title and the chart areas; compare with the bundled one',
  unused: 'delete the file, or name it in a dataset\'s schema:',
  sample: 'add extract.sample: samples/<id>.csv so offline runs and pull-request previews have data',
  shape: 'a dataset has either extract (fetched) or from and sql (derived)',
  'type-agreement': 'a column\'s type and its row-schema property must agree: integer ↔ "integer", number ↔ "number", string, date and datetime ↔ "string", boolean ↔ "boolean"',
  data: 'fix the descriptor to match the file (`citydash new dataset --from FILE` writes one that reads the file as it is), or fix the file',
};

export function withHint(p: Problem): Problem {
  if (p.hint) return p;
  return { ...p, hint: BY_RULE[p.rule ?? ''] ?? 'see CONTRIBUTING.md for the catalog format' };
}

/** Keeps problems in the given catalog-relative files or folders (all when none are given). */
export function inPaths(problems: Problem[], paths: readonly string[] | undefined): Problem[] {
  if (!paths?.length) return problems;
  const wanted = paths.map((p) => p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, ''));
  return problems.filter((p) => wanted.some((w) => w === '' || w === '.' || p.file === w || p.file.startsWith(`${w}/`)));
}

/** One problem per place and message, in file order. */
export function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.col}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
