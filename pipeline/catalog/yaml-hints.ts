// Hints for YAML slips that parse without error but mean something else.
import { isMap, isPair, isScalar } from 'yaml';
import { resolvePointer, type SourceDoc } from './source-doc.ts';

/**
 * `{en: CCTV per 1,000 residents}` is a flow mapping with two entries, the second being
 * the key "000 residents" with no value. Given the pointer of such a stray key, says how
 * to write what was meant.
 */
export function flowCommaHint(source: SourceDoc, keyPointer: string): string {
  const { node, parent, resolved } = resolvePointer(source, keyPointer);
  if (!resolved || !isMap(parent) || !parent.flow || !(isScalar(node) ? node.value === null : node === null)) return '';
  const pairs = parent.items;
  const index = pairs.findIndex((p) => p.value === node);
  const before = index > 0 ? pairs[index - 1] : undefined;
  if (!isPair(before) || !isScalar(before.key) || !isScalar(before.value) || typeof before.value.value !== 'string') return '';
  const stray = pairs[index].key;
  if (!isScalar(stray) || !before.value.range || !stray.range) return '';
  const meant = source.text.slice(before.value.range[0], stray.range[1]);
  return `; a comma inside {…} starts a new entry, so quote text that contains one: ${String(before.key.value)}: ${JSON.stringify(meant)}`;
}
