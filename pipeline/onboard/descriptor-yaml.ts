// A descriptor as YAML text with comments where `new dataset --from` guessed. The `yaml`
// library writes the values (so headers such as `합계: 전체` or `#1` are quoted correctly);
// comments are attached by key path: `above` puts lines before a key, `after` one at the end
// of a key's line.
import YAML from 'yaml';
import { descriptorHeader } from './descriptor-header.ts';

export interface DescriptorDraft {
  /** The descriptor's keys, in the order they are written. */
  value: Record<string, unknown>;
  /** Comment lines above a key, by dotted path (`extract.encoding`, `columns.date.format`). */
  above: Record<string, string[]>;
  /** A comment at the end of a key's line (scalars and short lists and maps only). */
  after: Record<string, string>;
}

/** Maps and lists written on one line: short, and read as one thing. */
const FLOW = [/^department$/, /^update$/, /^district$/, /^primaryKey$/, /^onInvalid$/, /^extract\.(csv|xlsx|json|params)$/, /^columns\.[^.]+\.(from|title)$/];

export function descriptorYaml(id: string, draft: DescriptorDraft): string {
  const doc = new YAML.Document(draft.value);
  decorate(doc.contents, '', draft);
  return descriptorHeader(id, true) + doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function decorate(node: unknown, path: string, draft: DescriptorDraft): void {
  if (!YAML.isMap(node)) return;
  for (const pair of node.items) {
    const key = YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const at = path ? `${path}.${key}` : key;
    const value = pair.value;
    const flow = FLOW.some((re) => re.test(at));
    if (flow && (YAML.isMap(value) || YAML.isSeq(value))) value.flow = true;
    const above = draft.above[at];
    if (above?.length && YAML.isNode(pair.key)) pair.key.commentBefore = above.map((l) => ` ${l}`).join('\n');
    const after = draft.after[at];
    if (after && YAML.isNode(value) && (YAML.isScalar(value) || flow)) value.comment = ` ${after}`;
    else if (after && YAML.isNode(pair.key)) pair.key.commentBefore = [...(above ?? []), after].map((l) => ` ${l}`).join('\n');
    if (!flow) decorate(value, at, draft);
  }
}
